using System.Collections.Immutable;
using KpiService.Domain.Figures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Catalogue;

/// <summary>What commentary is about: an authority's measure (optionally one breakdown) for one period.</summary>
public sealed record CommentaryKey(int LaNumber, string MeasureId, Period Period, Breakdown? Breakdown = null)
{
    public string StreamId => Breakdown is null
        ? $"commentary:{LaNumber}:{MeasureId}:{Period}"
        : $"commentary:{LaNumber}:{MeasureId}:{Period}:{Breakdown}";
}

public abstract record CommentaryEvent(CommentaryKey Key);

/// <summary>Commentary written or revised: every revision is kept, as figures' are.</summary>
public sealed record CommentaryWritten(CommentaryKey Key, string Text, CommentaryAction? Action, string Author, DateTimeOffset At, int Revision)
    : CommentaryEvent(Key);

public sealed record CommentaryWithdrawn(CommentaryKey Key, string Author, DateTimeOffset At) : CommentaryEvent(Key);

/// <summary>The commentary on one key: the current text and every revision before it.</summary>
public sealed record CommentaryThread(Commentary? Current, ImmutableList<Commentary> Revisions, bool Withdrawn, long Version)
{
    public static readonly CommentaryThread None = new(null, [], false, 0);

    /// <summary>What reads return: the current commentary, unless withdrawn.</summary>
    public Commentary? Visible => Withdrawn ? null : Current;

    public static CommentaryThread Evolve(CommentaryThread state, CommentaryEvent @event) => @event switch
    {
        CommentaryWritten w when new Commentary(w.Text, w.Action, w.Author, w.At, w.Revision) is var written =>
            state with { Current = written, Revisions = state.Revisions.Add(written), Withdrawn = false, Version = state.Version + 1 },
        CommentaryWithdrawn => state with { Withdrawn = true, Version = state.Version + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown commentary event"),
    };
}
