using System.Collections.Immutable;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Catalogue;

public enum ReportingFrequency { Monthly, Quarterly, Annually }

/// <summary>
/// A measure an authority reports: how often, and by which working day after the period ends (Gloucestershire's
/// pack goes to the board on working day 10; annual returns are due weeks later). <c>From</c>: the first period it
/// is expected for, in the frequency's kind (a month, a financial quarter or a financial year).
/// </summary>
public sealed record ScheduleEntry(string MeasureId, ReportingFrequency Frequency, int DueWorkingDay, Period? From = null);

/// <summary>Why expected figures are absent, as councils print it: "schools closed", "awaiting Health", a new definition.</summary>
public enum MarkKind { NotApplicable, AwaitingPartner, DefinitionChanged }

/// <summary>
/// A reason that covers a measure's periods <c>From</c> through <c>Through</c> (open-ended when null), e.g.
/// Gloucestershire's education measures "Schools closed" through lockdown (seeds/000 lines 233–237), or
/// Darlington "awaiting the Q2 figures from CDDFT" (seeds/002 line 641).
/// </summary>
public sealed record PeriodMark(string MeasureId, Period From, Period? Through, MarkKind Kind, string Reason)
{
    public bool Covers(string measureId, Period period) =>
        MeasureId == measureId && period.Kind == From.Kind && period >= From && (Through is not { } through || period <= through);
}

/// <summary>What happens to an authority's reporting schedule (stream <c>schedule:{laNumber}</c>).</summary>
public abstract record ScheduleEvent(int LaNumber);

/// <summary>The whole schedule, as <c>PUT /authorities/{authority}/schedule</c> replaces it.</summary>
public sealed record ScheduleSet(int LaNumber, IReadOnlyList<ScheduleEntry> Entries) : ScheduleEvent(LaNumber);

public sealed record PeriodsMarked(int LaNumber, PeriodMark Mark) : ScheduleEvent(LaNumber);

public sealed record PeriodMarkCleared(int LaNumber, string MeasureId, Period From) : ScheduleEvent(LaNumber);

/// <summary>One authority's schedule and marks, folded from its events. Later marks win where marks overlap.</summary>
public sealed record ReportingSchedule(int LaNumber, ImmutableList<ScheduleEntry> Entries, ImmutableList<PeriodMark> Marks, long Version)
{
    public static ReportingSchedule Empty(int laNumber) => new(laNumber, [], [], 0);

    public ScheduleEntry? Entry(string measureId) => Entries.FirstOrDefault(e => e.MeasureId == measureId);

    /// <summary>The latest mark covering the period, if any.</summary>
    public PeriodMark? MarkFor(string measureId, Period period) => Marks.LastOrDefault(m => m.Covers(measureId, period));

    public static ReportingSchedule Evolve(ReportingSchedule state, ScheduleEvent @event)
    {
        var next = @event switch
        {
            ScheduleSet set => state with { Entries = [.. set.Entries] },
            PeriodsMarked marked => state with { Marks = state.Marks.Add(marked.Mark) },
            PeriodMarkCleared cleared => state with { Marks = state.Marks.RemoveAll(m => m.MeasureId == cleared.MeasureId && m.From == cleared.From) },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown schedule event"),
        };
        return next with { Version = state.Version + 1 };
    }

    public static ReportingSchedule Fold(int laNumber, IEnumerable<ScheduleEvent> events) => events.Aggregate(Empty(laNumber), Evolve);
}
