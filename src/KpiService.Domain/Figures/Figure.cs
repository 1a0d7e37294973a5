namespace KpiService.Domain.Figures;

/// <summary>
/// One figure as it stands after its events: the current numbers, the first reported value, when it was first and
/// last reported, and the stream version (the ETag). This is the figures read model's row, the state a submission is
/// decided against, and the answer to "as it stood on date X" — all computed by <see cref="Figure.Evolve"/>.
/// </summary>
public sealed record FigureRecord(
    FigureKey Key,
    FigureValue? Current,
    string? Note,
    int Revision,
    double? FirstValue,
    DateTimeOffset FirstReportedAt,
    DateTimeOffset SubmittedAt,
    bool Withdrawn,
    bool LateRestatement,
    long Version)
{
    public string ETag => $"\"{Version}\"";
}

public abstract record FigureDecision
{
    public sealed record Unchanged : FigureDecision;
    public sealed record Append(FigureEvent Event, bool Created) : FigureDecision;
}

/// <summary>Decide and evolve for a figure: pure functions, so every rule about revisions is testable without a database.</summary>
public static class Figure
{
    /// <summary>
    /// The one fold of a figure's events. <paramref name="version"/> and <paramref name="at"/> are the event's stream
    /// version and the time the store recorded it; a revision or withdrawal needs the record it follows.
    /// </summary>
    public static FigureRecord Evolve(FigureRecord? current, FigureEvent @event, long version, DateTimeOffset at) => @event switch
    {
        FigureSubmitted s => new(s.Key, s.Figure, s.Note, 1, s.Figure.Value, at, at, false, false, version),
        FigureRevised r => Require(current, r) with
        {
            Current = r.Figure, Note = r.Note, Revision = r.Revision, SubmittedAt = at, Withdrawn = false, LateRestatement = r.LateRestatement, Version = version,
        },
        FigureWithdrawn w => Require(current, w) with { SubmittedAt = at, Withdrawn = true, Version = version },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown figure event"),
    };

    private static FigureRecord Require(FigureRecord? current, FigureEvent @event) =>
        current ?? throw new InvalidOperationException($"{@event.GetType().Name} of {@event.Key.StreamId} follows no submission.");

    /// <summary>
    /// A first submission creates the figure; a different value revises it; the same value again is a no-op
    /// (a resubmitted extract must not inflate the revision count). A figure is provisional until the end of the
    /// month after its period; a revision after that is flagged as a late restatement.
    /// </summary>
    public static FigureDecision Submit(FigureRecord? current, FigureKey key, FigureValue value, string? note, DateTimeOffset now)
    {
        if (current is null)
            return new FigureDecision.Append(new FigureSubmitted(key, value, note), Created: true);
        if (!current.Withdrawn && current.Current is not null && current.Current.SameAs(value) && note == current.Note)
            return new FigureDecision.Unchanged();
        var late = DateOnly.FromDateTime(now.UtcDateTime) > MaturityEnds(key);
        return new FigureDecision.Append(new FigureRevised(key, value, note, current.Revision + 1, late), Created: false);
    }

    public static FigureDecision Withdraw(FigureRecord? current, FigureKey key, string? reason) =>
        current is null || current.Withdrawn
            ? new FigureDecision.Unchanged()
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
