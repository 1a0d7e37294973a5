using System.Runtime.CompilerServices;
using KpiService.Domain.Figures;
using KpiService.Domain.Periods;
using Marten;
using Npgsql;

namespace KpiService.ReadModels.Figures;

/// <summary>Reads of the figures read model (never event replays, except for "as at" questions).</summary>
public sealed class FigureQueries(NpgsqlDataSource dataSource)
{
    // Rows a handler read to decide a write, remembered per session so the inline projection folds on from them
    // instead of reading them again inside the write's round trip.
    private static readonly ConditionalWeakTable<IQuerySession, Dictionary<string, FigureRecord>> Loaded = new();

    /// <summary>Reads figures a session is about to write, remembering them for its projection.</summary>
    public async Task<Dictionary<string, FigureRecord>> LoadForWritingAsync(IQuerySession session, IReadOnlyCollection<FigureKey> keys, CancellationToken cancellationToken)
    {
        var rows = (await GetManyAsync(keys, cancellationToken)).ToDictionary(r => r.Key.StreamId, StringComparer.Ordinal);
        Remember(session, rows.Values);
        return rows;
    }

    /// <summary>Remembers rows already read for a session that will write figures on top of them.</summary>
    public static void Remember(IQuerySession session, IEnumerable<FigureRecord> rows)
    {
        var remembered = Loaded.GetOrCreateValue(session);
        foreach (var row in rows) remembered[row.Key.StreamId] = row;
    }

    public static FigureRecord? LoadedFor(IQuerySession session, string stream) =>
        Loaded.TryGetValue(session, out var rows) ? rows.GetValueOrDefault(stream) : null;

    public async Task<FigureRecord?> GetAsync(FigureKey key, CancellationToken cancellationToken) =>
        (await GetManyAsync([key], cancellationToken)).FirstOrDefault();

    public async Task<List<FigureRecord>> GetManyAsync(IReadOnlyCollection<FigureKey> keys, CancellationToken cancellationToken, string table = FiguresTable.Name)
    {
        if (keys.Count == 0) return [];
        await using var command = dataSource.CreateCommand($"""
            SELECT {FiguresTable.Columns} FROM {table} f
            JOIN unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS k(la_number, measure, breakdown, period)
              USING (la_number, measure, breakdown, period)
            """);
        command.Parameters.Add(new() { Value = keys.Select(k => k.LaNumber).ToArray() });
        command.Parameters.Add(new() { Value = keys.Select(k => k.MeasureId).ToArray() });
        command.Parameters.Add(new() { Value = keys.Select(k => k.BreakdownKey).ToArray() });
        command.Parameters.Add(new() { Value = keys.Select(k => k.Period.ToString()).ToArray() });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>One authority's figures for some measures (all breakdowns, withdrawn included): what a return is decided against.</summary>
    public async Task<List<FigureRecord>> GetForMeasuresAsync(int laNumber, string[] measures, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {FiguresTable.Columns} FROM {FiguresTable.Name} WHERE la_number = $1 AND measure = ANY($2)");
        command.Parameters.Add(new() { Value = laNumber });
        command.Parameters.Add(new() { Value = measures });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The series of one measure for an authority and breakdown, in period order.</summary>
    public async Task<List<FigureRecord>> GetSeriesAsync(int laNumber, string measure, string breakdown, bool includeWithdrawn, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {FiguresTable.Columns} FROM {FiguresTable.Name}
            WHERE la_number = $1 AND measure = $2 AND breakdown = $3 {(includeWithdrawn ? "" : "AND NOT withdrawn")} ORDER BY period_start, period_end
            """);
        command.Parameters.Add(new() { Value = laNumber });
        command.Parameters.Add(new() { Value = measure });
        command.Parameters.Add(new() { Value = breakdown });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>One measure's current figures for an authority, every breakdown included (so totals can be rolled up).</summary>
    public async Task<List<FigureRecord>> GetAllBreakdownsAsync(int laNumber, string measure, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {FiguresTable.Columns} FROM {FiguresTable.Name} WHERE la_number = $1 AND measure = $2 AND NOT withdrawn ORDER BY period_start, period_end
            """);
        command.Parameters.Add(new() { Value = laNumber });
        command.Parameters.Add(new() { Value = measure });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// All of an authority's current figures whose periods start in a window: what a scorecard rates, in one query.
    /// With <paramref name="includeWithdrawn"/>, withdrawn ones too (a dashboard "as at" a moment before they were withdrawn).
    /// </summary>
    public async Task<List<FigureRecord>> GetWindowAsync(int laNumber, DateOnly from, DateOnly to, CancellationToken cancellationToken, bool includeWithdrawn = false)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {FiguresTable.Columns} FROM {FiguresTable.Name} WHERE la_number = $1 AND period_start >= $2 AND period_start <= $3 {(includeWithdrawn ? "" : "AND NOT withdrawn")}
            """);
        command.Parameters.Add(new() { Value = laNumber });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Every breakdown of one dimension (<c>locality:…</c>) of a measure for an authority.</summary>
    public async Task<List<FigureRecord>> GetDimensionAsync(int laNumber, string measure, string dimension, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {FiguresTable.Columns} FROM {FiguresTable.Name}
            WHERE la_number = $1 AND measure = $2 AND breakdown LIKE $3 AND NOT withdrawn ORDER BY breakdown, period_start
            """);
        command.Parameters.Add(new() { Value = laNumber });
        command.Parameters.Add(new() { Value = measure });
        command.Parameters.Add(new() { Value = dimension.Replace("%", "\\%").Replace("_", "\\_") + ":%" });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The values of a dimension that have figures stored (withdrawn ones included: their history names them).</summary>
    public async Task<IReadOnlySet<string>> GetBreakdownValuesAsync(int laNumber, string dimension, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT DISTINCT breakdown FROM {FiguresTable.Name} WHERE la_number = $1 AND breakdown LIKE $2");
        command.Parameters.Add(new() { Value = laNumber });
        command.Parameters.Add(new() { Value = dimension.Replace("%", "\\%").Replace("_", "\\_") + ":%" });
        var values = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.GetString(0)[(dimension.Length + 1)..]);
        return values;
    }

    /// <summary>The measures an authority has figures for (a local measure's unit cannot change under them).</summary>
    public async Task<IReadOnlySet<string>> GetMeasuresWithFiguresAsync(int laNumber, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT DISTINCT measure FROM {FiguresTable.Name} WHERE la_number = $1");
        command.Parameters.Add(new() { Value = laNumber });
        var measures = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) measures.Add(reader.GetString(0));
        return measures;
    }

    /// <summary>The authority totals received (not withdrawn) for some authorities, for periods starting on or after a date.</summary>
    public async Task<IReadOnlySet<Domain.Catalogue.ReceivedFigure>> GetReceivedAsync(int[] laNumbers, DateOnly since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT la_number, measure, period FROM {FiguresTable.Name} WHERE la_number = ANY($1) AND breakdown = '' AND NOT withdrawn AND period_start >= $2
            """);
        command.Parameters.Add(new() { Value = laNumbers });
        command.Parameters.Add(new() { Value = since });
        var received = new HashSet<Domain.Catalogue.ReceivedFigure>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) received.Add(new(reader.GetInt32(0), reader.GetString(1), Period.Parse(reader.GetString(2))));
        return received;
    }

    /// <summary>Whether any authority has a figure for the measure (a unit cannot change under them).</summary>
    public async Task<bool> AnyForMeasureAsync(string measure, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {FiguresTable.Name} WHERE measure = $1)");
        command.Parameters.Add(new() { Value = measure });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<FigureRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<FigureRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(Read(reader));
        return rows;
    }

    /// <summary>A row in <see cref="FiguresTable.Columns"/> order.</summary>
    public static FigureRecord Read(NpgsqlDataReader reader)
    {
        Breakdown.TryParse(reader.GetString(2), out var breakdown);
        var key = new FigureKey(reader.GetInt32(0), reader.GetString(1), Period.Parse(reader.GetString(3)), breakdown);
        double? Number(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
        var current = Number(4) is { } value ? new FigureValue(value, Number(5), Number(6)) : null;
        return new FigureRecord(key, current, reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt32(8), Number(9),
            reader.GetFieldValue<DateTimeOffset>(10), reader.GetFieldValue<DateTimeOffset>(11), reader.GetBoolean(12), reader.GetBoolean(13), reader.GetInt64(14));
    }
}
