using KpiService.Domain.Figures;
using KpiService.Domain.Periods;
using Npgsql;

namespace KpiService.Features.Figures;

/// <summary>A row of the figures read model: the current figure with its revision history summary.</summary>
public sealed record FigureRow(
    int LaNumber, string Measure, string Breakdown, Period Period, double? Value, double? Numerator, double? Denominator, string? Note,
    int Revision, double? FirstValue, DateTimeOffset FirstReportedAt, DateTimeOffset SubmittedAt, bool Withdrawn, bool LateRestatement, long Version)
{
    public string ETag => $"\"{Version}\"";

    public FigureState ToState() => new(
        Value is { } v ? new FigureValue(v, Numerator, Denominator) : null, Revision,
        FirstValue is { } f ? new FigureValue(f, null, null) : null, Note, Withdrawn, Version);
}

/// <summary>Reads figures from the read model (never by replaying events, except for "as at" questions).</summary>
public sealed class FigureStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        la_number, measure, breakdown, period, value, numerator, denominator, note, revision, first_value,
        first_reported_at, submitted_at, withdrawn, late_restatement, version
        """;

    public async Task<FigureRow?> GetAsync(FigureKey key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM kpi.figures WHERE la_number = $1 AND measure = $2 AND breakdown = $3 AND period = $4");
        command.Parameters.Add(new() { Value = key.LaNumber });
        command.Parameters.Add(new() { Value = key.MeasureId });
        command.Parameters.Add(new() { Value = key.BreakdownKey });
        command.Parameters.Add(new() { Value = key.Period.ToString() });
        var rows = await ReadAsync(command, cancellationToken);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>One authority's figures for some measures (all breakdowns), keyed for deciding a whole return at once.</summary>
    public async Task<Dictionary<(string Measure, string Breakdown, string Period), FigureRow>> GetForReturnAsync(int laNumber, string[] measures, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM kpi.figures WHERE la_number = $1 AND measure = ANY($2)");
        command.Parameters.Add(new() { Value = laNumber });
        command.Parameters.Add(new() { Value = measures });
        return (await ReadAsync(command, cancellationToken)).ToDictionary(r => (r.Measure, r.Breakdown, r.Period.ToString()));
    }

    /// <summary>The series of one measure for an authority (one breakdown, or every breakdown of a dimension).</summary>
    public async Task<List<FigureRow>> GetSeriesAsync(int laNumber, string measure, string breakdown, CancellationToken cancellationToken, bool includeWithdrawn = false)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM kpi.figures WHERE la_number = $1 AND measure = $2 AND breakdown = $3 {(includeWithdrawn ? "" : "AND NOT withdrawn")} ORDER BY period_start, period_end");
        command.Parameters.Add(new() { Value = laNumber });
        command.Parameters.Add(new() { Value = measure });
        command.Parameters.Add(new() { Value = breakdown });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>One measure's figures for an authority, every breakdown included (so totals can be rolled up).</summary>
    public async Task<List<FigureRow>> GetAllBreakdownsAsync(int laNumber, string measure, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM kpi.figures WHERE la_number = $1 AND measure = $2 AND NOT withdrawn ORDER BY period_start, period_end");
        command.Parameters.Add(new() { Value = laNumber });
        command.Parameters.Add(new() { Value = measure });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>All of an authority's figures whose periods start in a window: what a scorecard rates, in one query.</summary>
    public async Task<List<FigureRow>> GetWindowAsync(int laNumber, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM kpi.figures WHERE la_number = $1 AND period_start >= $2 AND period_start <= $3 AND NOT withdrawn");
        command.Parameters.Add(new() { Value = laNumber });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Every breakdown of one dimension (<c>locality:%</c>) of a measure for an authority.</summary>
    public async Task<List<FigureRow>> GetDimensionAsync(int laNumber, string measure, string dimension, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM kpi.figures WHERE la_number = $1 AND measure = $2 AND breakdown LIKE $3 AND NOT withdrawn ORDER BY breakdown, period_start");
        command.Parameters.Add(new() { Value = laNumber });
        command.Parameters.Add(new() { Value = measure });
        command.Parameters.Add(new() { Value = dimension.Replace("%", "\\%").Replace("_", "\\_") + ":%" });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Every authority's total for a measure and period (peer comparisons, league tables).</summary>
    public async Task<List<FigureRow>> GetAcrossAuthoritiesAsync(string measure, string period, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM kpi.figures WHERE measure = $1 AND period = $2 AND breakdown = '' AND NOT withdrawn");
        command.Parameters.Add(new() { Value = measure });
        command.Parameters.Add(new() { Value = period });
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<List<FigureRow>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<FigureRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new FigureRow(
                reader.GetInt32(0), reader.GetString(1), reader.GetString(2), Period.Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.IsDBNull(6) ? null : reader.GetDouble(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetDouble(9),
                reader.GetFieldValue<DateTimeOffset>(10), reader.GetFieldValue<DateTimeOffset>(11), reader.GetBoolean(12), reader.GetBoolean(13), reader.GetInt64(14)));
        return rows;
    }
}
