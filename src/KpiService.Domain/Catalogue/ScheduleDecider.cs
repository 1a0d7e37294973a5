using KpiService.Domain.Figures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Catalogue;

public abstract record ScheduleCommand;

public sealed record SetSchedule(IReadOnlyList<ScheduleEntry> Entries) : ScheduleCommand;

public sealed record MarkPeriods(PeriodMark Mark) : ScheduleCommand;

public sealed record ClearPeriodMark(string MeasureId, Period From) : ScheduleCommand;

/// <summary>Decide for an authority's schedule. <paramref name="view"/> is the authority's catalogue: it may schedule only what it sees.</summary>
public static class ScheduleDecider
{
    public const int MaxEntries = 500;

    /// <summary>Half a year of working days: the latest an annual return is due after its year ends.</summary>
    public const int MaxDueWorkingDay = 130;

    public const int MaxReason = 200;

    public static Decision<ScheduleEvent> Decide(ReportingSchedule state, ScheduleCommand command, AuthorityView view) => command switch
    {
        SetSchedule set => Set(state, set.Entries, view),
        MarkPeriods mark => Mark(state, mark.Mark),
        ClearPeriodMark clear => state.Marks.Any(m => m.MeasureId == clear.MeasureId && m.From == clear.From)
            ? Decision<ScheduleEvent>.Append(new PeriodMarkCleared(state.LaNumber, clear.MeasureId, clear.From))
            : Decision<ScheduleEvent>.Nothing,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown schedule command"),
    };

    /// <summary>The kind of period a frequency reports: months, financial quarters, financial years.</summary>
    public static PeriodKind KindOf(ReportingFrequency frequency) => frequency switch
    {
        ReportingFrequency.Monthly => PeriodKind.Month,
        ReportingFrequency.Quarterly => PeriodKind.Quarter,
        _ => PeriodKind.FinancialYear,
    };

    private static Decision<ScheduleEvent> Set(ReportingSchedule state, IReadOnlyList<ScheduleEntry> entries, AuthorityView view)
    {
        var problems = new List<FieldProblem>();
        if (entries.Count > MaxEntries) problems.Add(new("entries", $"has {entries.Count} entries; at most {MaxEntries}."));
        var seen = new HashSet<string>();
        var resolved = new List<ScheduleEntry>();
        for (var i = 0; i < entries.Count && i < MaxEntries; i++)
        {
            var entry = entries[i];
            var field = $"entries[{i}]";
            var measure = view.Find(entry.MeasureId ?? "");
            if (measure is null) { problems.Add(new(field + ".measure", $"'{entry.MeasureId}' is not a measure in this authority's catalogue.")); continue; }
            if (!seen.Add(measure.Id)) problems.Add(new(field + ".measure", $"'{measure.Id}' is scheduled twice."));
            if (!Enum.IsDefined(entry.Frequency)) problems.Add(new(field + ".frequency", "must be monthly, quarterly or annually."));
            else if (entry.From is { } from && from.Kind != KindOf(entry.Frequency))
                problems.Add(new(field + ".from", $"'{from}' is not a {KindName(entry.Frequency)}, so it cannot start a {entry.Frequency.ToString().ToLowerInvariant()} schedule."));
            if (entry.DueWorkingDay is < 1 or > MaxDueWorkingDay)
                problems.Add(new(field + ".dueWorkingDay", $"must be 1 to {MaxDueWorkingDay}: the working day after the period ends by which the figure is due."));
            resolved.Add(entry with { MeasureId = measure.Id });
        }
        if (problems.Count > 0) return Decision<ScheduleEvent>.Reject(problems);
        return resolved.SequenceEqual(state.Entries)
            ? Decision<ScheduleEvent>.Nothing
            : Decision<ScheduleEvent>.Append(new ScheduleSet(state.LaNumber, resolved));
    }

    private static Decision<ScheduleEvent> Mark(ReportingSchedule state, PeriodMark mark)
    {
        var problems = new List<FieldProblem>();
        var entry = state.Entry(mark.MeasureId);
        if (entry is null) problems.Add(new("measure", $"'{mark.MeasureId}' is not in this authority's schedule: schedule it before marking its periods."));
        if (!Enum.IsDefined(mark.Kind)) problems.Add(new("kind", "must be notApplicable, awaitingPartner or definitionChanged."));
        if (entry is not null && mark.From.Kind != KindOf(entry.Frequency))
            problems.Add(new("from", $"'{mark.From}' is not a {KindName(entry.Frequency)}: '{mark.MeasureId}' is reported {entry.Frequency.ToString().ToLowerInvariant()}."));
        if (mark.Through is { } through && (through.Kind != mark.From.Kind || through < mark.From))
            problems.Add(new("through", $"'{through}' must be a period of the same kind as '{mark.From}', not before it."));
        PlainText.Check(problems, "reason", mark.Reason, MaxReason);
        if (problems.Count > 0) return Decision<ScheduleEvent>.Reject(problems);
        var normalised = mark with { Reason = mark.Reason.Trim() };
        return state.Marks.Count > 0 && state.Marks[^1] == normalised
            ? Decision<ScheduleEvent>.Nothing
            : Decision<ScheduleEvent>.Append(new PeriodsMarked(state.LaNumber, normalised));
    }

    private static string KindName(ReportingFrequency frequency) => frequency switch
    {
        ReportingFrequency.Monthly => "month (2021-09)",
        ReportingFrequency.Quarterly => "financial quarter (2021-22-Q2)",
        _ => "financial year (2021-22)",
    };
}
