using JasperFx.Events;
using KpiService.Domain.Figures;
using Marten;
using Marten.Events.Projections;

namespace KpiService.ReadModels.Figures;

/// <summary>
/// The figures read model's one writer, inline (a 2xx means the row is committed with its events). A page of events
/// is folded per stream with <see cref="Figure.Evolve"/> and written with one set-based statement. A stream whose
/// page does not start at its first event folds on from the row it follows: the row its handler loaded for deciding
/// (no second read on the write path), else the committed row. The write is guarded by version, so replaying events
/// (Marten's rebuild, a retried page) never moves a row backwards.
/// </summary>
public sealed partial class FiguresProjection(FigureQueries queries, string table = FiguresTable.Name) : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var pending = new List<(IEvent Recorded, FigureEvent Event)>();
        var needsRow = new HashSet<FigureKey>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recorded in events)
        {
            if (recorded.Data is not FigureEvent @event) continue;
            pending.Add((recorded, @event));
            if (seen.Add(@event.Key.StreamId) && recorded.Version > 1) needsRow.Add(@event.Key);
        }
        if (pending.Count == 0) return;

        var rows = await RowsBeforeAsync(operations, needsRow, cancellation);
        foreach (var (recorded, @event) in pending)
            rows[@event.Key.StreamId] = Figure.Evolve(rows.GetValueOrDefault(@event.Key.StreamId), @event, recorded.Version, recorded.Timestamp);
        FigureRowWrites.Queue(operations, rows.Values, table);
    }

    private async Task<Dictionary<string, FigureRecord>> RowsBeforeAsync(IDocumentOperations operations, IReadOnlyCollection<FigureKey> keys, CancellationToken cancellation)
    {
        var rows = new Dictionary<string, FigureRecord>(StringComparer.Ordinal);
        var missing = new List<FigureKey>();
        foreach (var key in keys)
            if (FigureQueries.LoadedFor(operations, key.StreamId) is { } loaded) rows[key.StreamId] = loaded;
            else missing.Add(key);
        if (missing.Count > 0)
            foreach (var row in await queries.GetManyAsync(missing, cancellation, table))
                rows[row.Key.StreamId] = row;
        return rows;
    }
}
