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
                        .GroupBy(f => (f.Period, f.Level, f.Code)).Select(g => g.Last()).ToList(); // one row per cell: the last one named wins
                    if (rows.Count == 0) break;
                    operations.QueueSqlCommand($"""
                        INSERT INTO {table} (measure, period, level, code, period_start, period_end, value, mark, source)
                        SELECT ?, r.period, r.level, r.code, r.period_start, r.period_end, r.value, r.mark, ?
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::date[], ?::date[], ?::float8[], ?::text[]) AS r(period, level, code, period_start, period_end, value, mark)
                        ON CONFLICT (measure, period, level, code) DO UPDATE SET period_start = excluded.period_start, period_end = excluded.period_end,
                            value = excluded.value, mark = excluded.mark, source = excluded.source
                        """, published.Measure, published.Source,
                        rows.Select(r => r.Period).ToArray(), rows.Select(r => r.Level).ToArray(), rows.Select(r => r.Code).ToArray(),
                        rows.Select(r => r.Start).ToArray(), rows.Select(r => r.End).ToArray(), rows.Select(r => r.Value).ToArray(),
                        rows.Select(r => r.Mark).ToArray());
                    break;
                case BenchmarksWithdrawn withdrawn:
                    operations.QueueSqlCommand($"DELETE FROM {table} WHERE source = ? AND measure = ?", withdrawn.Source, withdrawn.Measure);
                    break;
            }
        }
        return Task.CompletedTask;
    }
}
