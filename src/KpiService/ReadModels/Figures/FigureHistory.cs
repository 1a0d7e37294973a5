using JasperFx.Events;
using KpiService.Domain.Figures;
using Marten;

namespace KpiService.ReadModels.Figures;

/// <summary>A figure's events as the store recorded them: what it was, who sent it, when.</summary>
public sealed record RecordedFigureEvent(FigureEvent Event, long Version, DateTimeOffset RecordedAt, string? ClientId, string? CorrelationId);

/// <summary>Answers from the events themselves: a figure's history, and figures "as they stood" at a moment.</summary>
public static class FigureHistory
{
    public static async Task<IReadOnlyList<RecordedFigureEvent>> OfAsync(IQuerySession session, FigureKey key, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(key.StreamId, token: cancellationToken);
        return [.. events.Where(e => e.Data is FigureEvent).Select(e => new RecordedFigureEvent((FigureEvent)e.Data, e.Version, e.Timestamp, e.UserName, e.CorrelationId))];
    }

    /// <summary>
    /// "What did the board see on 8 November?": each figure's events recorded by then, folded with the same
    /// <see cref="Figure.Evolve"/> as the read model. Figures withdrawn by then are left out.
    /// </summary>
    public static async Task<List<FigureRecord>> AsAtAsync(IQuerySession session, IReadOnlyCollection<string> streams, DateTimeOffset asAt, CancellationToken cancellationToken)
    {
        if (streams.Count == 0) return [];
        var keys = streams.ToArray();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => keys.Contains(e.StreamKey!) && e.Timestamp <= asAt)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        var figures = new Dictionary<string, FigureRecord>(StringComparer.Ordinal);
        foreach (var e in events)
            if (e.Data is FigureEvent @event)
                figures[e.StreamKey!] = Figure.Evolve(figures.GetValueOrDefault(e.StreamKey!), @event, e.Version, e.Timestamp);
        return [.. figures.Values.Where(f => !f.Withdrawn).OrderBy(f => f.Key.Period)];
    }
}
