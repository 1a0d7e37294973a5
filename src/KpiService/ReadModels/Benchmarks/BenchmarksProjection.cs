using JasperFx.Events;
using KpiService.Domain.Reference;
using Marten;
using Marten.Events.Projections;

namespace KpiService.ReadModels.Benchmarks;

/// <summary>
/// Writes published figures from their events, inline: a publication replaces what its source published for the
/// measure (one set-based statement for its rows), a withdrawal removes it. Replaying the log in order rebuilds it.
/// </summary>
public sealed partial class BenchmarksProjection(string table = BenchmarksTable.Name) : IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case BenchmarksPublished published:
                    operations.QueueSqlCommand($"DELETE FROM {table} WHERE source = ? AND measure = ?", published.Source, published.Measure);
                    var rows = published.Figures
                        .GroupBy(f => (f.Label ?? f.Period, f.Level, f.Code)).Select(g => g.Last()).ToList(); // one row per cell: the last one named wins
                    if (rows.Count == 0) break;
                    operations.QueueSqlCommand($"""
                        INSERT INTO {table} (measure, period, level, code, source, label, period_start, period_end, revised, value, mark, published_at)
                        SELECT ?, r.period, r.level, r.code, ?, r.label, r.period_start, r.period_end, r.revised, r.value, r.mark, ?
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::date[], ?::boolean[], ?::float8[], ?::text[])
                            AS r(period, level, code, label, period_start, period_end, revised, value, mark)
                        ON CONFLICT (measure, period, level, code, source, label) DO UPDATE SET period_start = excluded.period_start, period_end = excluded.period_end,
                            revised = excluded.revised, value = excluded.value, mark = excluded.mark, published_at = excluded.published_at
                        """, published.Measure, published.Source, e.Timestamp.ToUniversalTime(),
                        rows.Select(r => r.Period).ToArray(), rows.Select(r => r.Level).ToArray(), rows.Select(r => r.Code).ToArray(),
                        rows.Select(r => r.Label ?? r.Period).ToArray(), rows.Select(r => r.Start).ToArray(), rows.Select(r => r.End).ToArray(),
                        rows.Select(r => r.Revised).ToArray(), rows.Select(r => r.Value).ToArray(), rows.Select(r => r.Mark).ToArray());
                    break;
                case BenchmarksWithdrawn withdrawn:
                    operations.QueueSqlCommand($"DELETE FROM {table} WHERE source = ? AND measure = ?", withdrawn.Source, withdrawn.Measure);
                    break;
            }
        }
        return Task.CompletedTask;
    }
}
