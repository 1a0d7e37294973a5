using KpiService.Domain.Peers;
using KpiService.Domain.Periods;
using Npgsql;

namespace KpiService.ReadModels.Peers;

/// <summary>
/// Loads what a comparison of one measure and period needs, in one round trip: the authorities' submitted figures for
/// the period, published figures for it, and the latest published figure of each authority and area before its end.
/// </summary>
public sealed class PeerValues(NpgsqlDataSource dataSource, Common.ReadCache cache)
{
    /// <summary>Cached until any figure of the measure changes, or published figures are imported.</summary>
    public Task<PeerData> LoadAsync(string measure, Period period, CancellationToken cancellationToken) =>
        cache.GetOrAddAsync($"peers:{measure}:{period}", [$"measure:{measure}"], async () => (await ReadAsync(measure, period, cancellationToken), true));

    private async Task<PeerData> ReadAsync(string measure, Period period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("SELECT la_number, value, numerator, denominator, period FROM kpi.figures WHERE measure = $1 AND period = $2 AND breakdown = '' AND NOT withdrawn AND value IS NOT NULL"),
                Command("SELECT level, code, value, mark, period, period_end FROM kpi.benchmarks WHERE measure = $1 AND period = $2"),
                // The latest published figure whose period ended by this period's end: a September 2021 figure
                // meets the 2020-21 outturn.
                Command("""
                    SELECT DISTINCT ON (level, code) level, code, value, mark, period, period_end FROM kpi.benchmarks
                    WHERE measure = $1 AND period_end <= $3 ORDER BY level, code, period_end DESC
                    """),
            },
        };
        foreach (var command in batch.BatchCommands)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = measure });
            command.Parameters.Add(new NpgsqlParameter { Value = period.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = period.End });
        }
        var exact = new Dictionary<int, PeerValue>();
        var latest = new Dictionary<int, PeerValue>();
        var areas = new Dictionary<(string, string), AreaValue>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            exact[reader.GetInt32(0)] = new PeerValue(reader.GetInt32(0), reader.GetDouble(1), Nullable(reader, 2), Nullable(reader, 3), Period.Parse(reader.GetString(4)), ValueSource.Submitted);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) Published(reader, exact, areas);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) Published(reader, latest, areas);
        return new PeerData(period, exact, latest, areas);
    }

    private static void Published(NpgsqlDataReader reader, Dictionary<int, PeerValue> authorities, Dictionary<(string, string), AreaValue> areas)
    {
        var (level, code) = (reader.GetString(0), reader.GetString(1));
        double? value = reader.IsDBNull(2) ? null : reader.GetDouble(2);
        var period = Period.TryParse(reader.GetString(4), out var p) ? p : Period.FinancialYearStarting(reader.GetFieldValue<DateOnly>(5).Year - 1);
        if (level == "authority")
        {
            var la = int.Parse(code, System.Globalization.CultureInfo.InvariantCulture);
            // A value submitted to this service for the period is the authority's own; a published one fills in.
            if (value is { } v && !authorities.ContainsKey(la))
                authorities[la] = new PeerValue(la, v, null, null, period, ValueSource.Published);
        }
        else // the exact period's figure was read first; a fallback never replaces it
            areas.TryAdd((level, code), new AreaValue(code, value, reader.IsDBNull(3) ? null : reader.GetString(3), period));
    }

    private static double? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static NpgsqlBatchCommand Command(string sql) => new(sql);
}
