using KpiService.Domain.Peers;
using KpiService.Domain.Periods;
using Npgsql;

namespace KpiService.ReadModels.Peers;

/// <summary>
/// Loads what a comparison of one measure and period (or of many, for a dashboard) needs, in one round trip: the authorities' submitted figures for
/// the period, published figures for it (a suppression mark kept as the mark), and the figures of the latest published
/// period that ended by its end, that one period for every authority and area.
/// </summary>
public sealed class PeerValues(NpgsqlDataSource dataSource, Common.ReadCache cache)
{
    /// <summary>Cached until any figure of the measure changes, or published figures are imported.</summary>
    public Task<PeerData> LoadAsync(string measure, Period period, CancellationToken cancellationToken) =>
        cache.GetOrAddAsync($"peers:{measure}:{period}", [$"measure:{measure}"], async () => (await ReadAsync(measure, period, cancellationToken), true));

    /// <summary>
    /// The same for many measures of one period (a dashboard's): each served from the cache where it is there, and all
    /// the others read together in one round trip, then cached one by one. Each entry's generations are taken before
    /// the read, as <see cref="LoadAsync"/> takes them, so a write that lands during the read is never cached over.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, PeerData>> LoadManyAsync(IReadOnlyCollection<string> measures, Period period, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        var read = new TaskCompletionSource<IReadOnlyDictionary<string, PeerData>>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Cached entries answer at once; the others join `missing` and wait for the one read below.
        var loads = measures.Distinct().Select(measure => (measure, Load: cache.GetOrAddAsync($"peers:{measure}:{period}", [$"measure:{measure}"], async () =>
        {
            missing.Add(measure);
            return ((await read.Task)[measure], true);
        }))).ToList();
        if (missing.Count > 0)
        {
            try { read.SetResult(await ReadAsync(missing, period, cancellationToken)); }
            catch (Exception e) { read.SetException(e); }
        }
        var loaded = new Dictionary<string, PeerData>(StringComparer.Ordinal);
        foreach (var (measure, load) in loads) loaded[measure] = await load;
        return loaded;
    }

    private async Task<PeerData> ReadAsync(string measure, Period period, CancellationToken cancellationToken) =>
        (await ReadAsync([measure], period, cancellationToken))[measure];

    private async Task<IReadOnlyDictionary<string, PeerData>> ReadAsync(IReadOnlyList<string> measures, Period period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("SELECT measure, la_number, value, numerator, denominator, period FROM kpi.figures WHERE measure = ANY($1) AND period = $2 AND breakdown = '' AND NOT withdrawn AND value IS NOT NULL"),
                Command($"""
                    SELECT DISTINCT ON (measure, level, code) measure, level, code, value, mark, period, period_end FROM kpi.benchmarks
                    WHERE measure = ANY($1) AND period = $2 ORDER BY measure, level, code, {Benchmarks.BenchmarksTable.OnePerCell}
                    """),
                // The latest published period that ended by this period's end, whole: a September 2021 figure meets the
                // 2020-21 outturn, and an authority missing from 2020-21 stays missing rather than showing its 2019-20 value.
                Command($"""
                    SELECT DISTINCT ON (measure, level, code) measure, level, code, value, mark, period, period_end FROM kpi.benchmarks
                    WHERE (measure, period) IN (SELECT m.measure, (SELECT period FROM kpi.benchmarks WHERE measure = m.measure AND period_end <= $3 ORDER BY period_end DESC LIMIT 1)
                                                FROM unnest($1::text[]) AS m(measure))
                    ORDER BY measure, level, code, {Benchmarks.BenchmarksTable.OnePerCell}
                    """),
            },
        };
        foreach (var command in batch.BatchCommands)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = measures.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = period.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = period.End });
        }
        var parts = measures.ToDictionary(m => m, _ => new Parts(), StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            parts[reader.GetString(0)].Exact[reader.GetInt32(1)] = new PeerValue(reader.GetInt32(1), reader.GetDouble(2), Nullable(reader, 3), Nullable(reader, 4), Period.Parse(reader.GetString(5)), ValueSource.Submitted);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) { var part = parts[reader.GetString(0)]; Published(reader, part.Exact, part); }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) { var part = parts[reader.GetString(0)]; Published(reader, part.Latest, part); }
        return parts.ToDictionary(p => p.Key, p => new PeerData(period, p.Value.Exact, p.Value.Latest, p.Value.Areas) { Marks = p.Value.Marks }, StringComparer.Ordinal);
    }

    private sealed class Parts
    {
        public Dictionary<int, PeerValue> Exact { get; } = [];
        public Dictionary<int, PeerValue> Latest { get; } = [];
        public Dictionary<(string, string), AreaValue> Areas { get; } = [];
        public Dictionary<int, PublishedMark> Marks { get; } = [];
    }

    /// <summary>The period's own rows are read first: a fallback never replaces what they gave (a value, an area, a mark).</summary>
    private static void Published(NpgsqlDataReader reader, Dictionary<int, PeerValue> authorities, Parts part)
    {
        var (level, code) = (reader.GetString(1), reader.GetString(2));
        double? value = reader.IsDBNull(3) ? null : reader.GetDouble(3);
        var mark = reader.IsDBNull(4) ? null : reader.GetString(4);
        var period = Period.TryParse(reader.GetString(5), out var p) ? p : Period.FinancialYearStarting(reader.GetFieldValue<DateOnly>(6).Year - 1);
        if (level == "authority")
        {
            var la = int.Parse(code, System.Globalization.CultureInfo.InvariantCulture);
            // A value submitted to this service for the period is the authority's own; a published one fills in.
            if (value is { } v) authorities.TryAdd(la, new PeerValue(la, v, null, null, period, ValueSource.Published));
            else if (mark is not null) part.Marks.TryAdd(la, new PublishedMark(la, mark, period));
        }
        else part.Areas.TryAdd((level, code), new AreaValue(code, value, mark, period));
    }

    private static double? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static NpgsqlBatchCommand Command(string sql) => new(sql);
}
