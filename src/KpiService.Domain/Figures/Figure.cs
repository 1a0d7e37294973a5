namespace KpiService.Domain.Figures;

/// <summary>The current state of one figure, folded from its events.</summary>
public sealed record FigureState(
    FigureValue? Current,
    int Revision,
    FigureValue? FirstReported,
    string? Note,
    bool Withdrawn,
    long Version)
{
    public static readonly FigureState None = new(null, 0, null, null, false, 0);

    public bool Exists => Version > 0;
}

public abstract record FigureDecision
{
    public sealed record Unchanged(FigureState State) : FigureDecision;
    public sealed record Append(FigureEvent Event, bool Created) : FigureDecision;
}

/// <summary>Decide and evolve for a figure: pure functions, so every rule about revisions is testable without a database.</summary>
public static class Figure
{
    public static FigureState Evolve(FigureState state, FigureEvent @event) => @event switch
    {
        FigureSubmitted s => new(s.Figure, 1, s.Figure, s.Note, false, state.Version + 1),
        FigureRevised r => state with { Current = r.Figure, Revision = r.Revision, Note = r.Note, Withdrawn = false, Version = state.Version + 1 },
        FigureWithdrawn => state with { Withdrawn = true, Version = state.Version + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown figure event"),
    };

    /// <summary>
    /// A first submission creates the figure; a different value revises it; the same value again is a no-op
    /// (a resubmitted extract must not inflate the revision count). A figure is provisional until the end of the
    /// month after its period; a revision after that is flagged as a late restatement.
    /// </summary>
    public static FigureDecision Submit(FigureState state, FigureKey key, FigureValue value, string? note, DateTimeOffset now)
    {
        if (!state.Exists)
            return new FigureDecision.Append(new FigureSubmitted(key, value, note), Created: true);
        if (!state.Withdrawn && state.Current is not null && state.Current.SameAs(value) && note == state.Note)
            return new FigureDecision.Unchanged(state);
        var late = DateOnly.FromDateTime(now.UtcDateTime) > MaturityEnds(key);
        return new FigureDecision.Append(new FigureRevised(key, value, note, state.Revision + 1, late), Created: false);
    }

    public static FigureDecision Withdraw(FigureState state, FigureKey key, string? reason) =>
        !state.Exists || state.Withdrawn
            ? new FigureDecision.Unchanged(state)
            : new FigureDecision.Append(new FigureWithdrawn(key, reason), Created: false);

    /// <summary>The last day a figure is provisional: the end of the month after its period.</summary>
    public static DateOnly MaturityEnds(FigureKey key)
    {
        var end = key.Period.End;
        return new DateOnly(end.Year, end.Month, 1).AddMonths(2).AddDays(-1);
    }

    public static bool IsProvisional(FigureKey key, DateTimeOffset now) =>
        DateOnly.FromDateTime(now.UtcDateTime) <= MaturityEnds(key);
}
