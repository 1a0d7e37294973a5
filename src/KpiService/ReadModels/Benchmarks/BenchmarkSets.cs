using Npgsql;

namespace KpiService.ReadModels.Benchmarks;

/// <summary>One period of a source's figures for a measure: the publisher's label, the service period it is compared with, its figures.</summary>
public sealed record BenchmarkPeriod(string Label, string ComparedWith, int Figures, int Values, int Marks, bool Revised);

/// <summary>What one source has published for one measure, as the benchmarks read model holds it now.</summary>
public sealed record BenchmarkSet(string Source, string Measure, int Figures, int Values, int Marks, IReadOnlyList<BenchmarkPeriod> Periods, DateTimeOffset? PublishedAt);

/// <summary>The published figures by source and measure, summed in the database (LAIT alone is 156 measures and 234,000 figures).</summary>
public sealed class BenchmarkSets(NpgsqlDataSource dataSource)
{
    /// <summary>Every source × measure (or those of one source, one measure), periods in date order.</summary>
    public async Task<List<BenchmarkSet>> ListAsync(string? source, string? measure, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT source, measure, label, min(period), min(period_start) AS starts, count(*)::int, count(value)::int, count(mark)::int, bool_or(revised), max(published_at)
            FROM kpi.benchmarks WHERE ($1::text IS NULL OR source = $1) AND ($2::text IS NULL OR measure = $2)
            GROUP BY source, measure, label ORDER BY source, measure, starts, label
            """);
        command.Parameters.Add(new() { Value = (object?)source ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)measure ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var sets = new List<BenchmarkSet>();
        var periods = new List<BenchmarkPeriod>();
        (string Source, string Measure)? key = null;
        DateTimeOffset? publishedAt = null;
        void Close()
        {
            if (key is { } k) sets.Add(new(k.Source, k.Measure, periods.Sum(p => p.Figures), periods.Sum(p => p.Values), periods.Sum(p => p.Marks), [.. periods], publishedAt));
            periods.Clear();
            publishedAt = null;
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = (reader.GetString(0), reader.GetString(1));
            if (key != row) { Close(); key = row; }
            periods.Add(new BenchmarkPeriod(reader.GetString(2), reader.GetString(3), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetBoolean(8)));
            if (!reader.IsDBNull(9) && reader.GetFieldValue<DateTimeOffset>(9) is var at && (publishedAt is null || at > publishedAt)) publishedAt = at;
        }
        Close();
        return sets;
    }

    /// <summary>How many figures a source has published for a measure (0: nothing to withdraw).</summary>
    public async Task<int> CountAsync(string source, string measure, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*)::int FROM kpi.benchmarks WHERE source = $1 AND measure = $2");
        command.Parameters.Add(new() { Value = source });
        command.Parameters.Add(new() { Value = measure });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
