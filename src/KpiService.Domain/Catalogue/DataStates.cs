using KpiService.Domain.Periods;

namespace KpiService.Domain.Catalogue;

/// <summary>A figure the service holds: an authority's value of a measure for a period (authority total).</summary>
public readonly record struct ReceivedFigure(int LaNumber, string MeasureId, Period Period);

/// <summary>An expected figure and where it stands; <c>Reason</c> carries a mark's words ("schools closed").</summary>
public sealed record ExpectedFigure(int LaNumber, string MeasureId, Period Period, DataState State, DateOnly DueDate, string? Reason);

/// <summary>
/// Where each expected figure stands, so a scorecard shows "due", "overdue", "awaiting Health" or "schools closed"
/// instead of silently dropping the row (Southampton prints "Data due", seeds/001 line 812). A figure is due by the
/// Nth working day after its period ends, counted as the service counts working days (Monday–Friday less England and
/// Wales bank holidays); it is <c>Due</c> up to and including that day and <c>Overdue</c> from the day after.
/// A figure that has arrived is <c>Received</c> whatever marks say; otherwise a mark covering the period explains it.
/// </summary>
public static class DataStates
{
    /// <summary>The <paramref name="dueWorkingDay"/>th working day after <paramref name="period"/> ends.</summary>
    public static DateOnly DueDate(Period period, int dueWorkingDay, WorkingDays workingDays)
    {
        var day = period.End;
        for (var counted = 0; counted < dueWorkingDay;)
        {
            day = day.AddDays(1);
            if (workingDays.IsWorkingDay(day)) counted++;
        }
        return day;
    }

    public static ExpectedFigure StateOf(ReportingSchedule schedule, ScheduleEntry entry, Period period, DateOnly today,
        IReadOnlySet<ReceivedFigure> received, WorkingDays workingDays)
    {
        var due = DueDate(period, entry.DueWorkingDay, workingDays);
        if (received.Contains(new ReceivedFigure(schedule.LaNumber, entry.MeasureId, period)))
            return new(schedule.LaNumber, entry.MeasureId, period, DataState.Received, due, null);
        if (schedule.MarkFor(entry.MeasureId, period) is { } mark)
            return new(schedule.LaNumber, entry.MeasureId, period, StateOf(mark.Kind), due, mark.Reason);
        return new(schedule.LaNumber, entry.MeasureId, period, today > due ? DataState.Overdue : DataState.Due, due, null);
    }

    /// <summary>
    /// Every scheduled measure expected in a scorecard for <paramref name="period"/>: monthly measures in a month;
    /// quarterly ones in the month or quarter that ends their quarter; annual ones in March, Q4 or the year itself.
    /// </summary>
    public static IReadOnlyList<ExpectedFigure> For(ReportingSchedule schedule, Period period, DateOnly today,
        IReadOnlySet<ReceivedFigure> received, WorkingDays workingDays) =>
        [.. schedule.Entries
            .Select(entry => (entry, expected: ExpectedPeriod(entry.Frequency, period)))
            .Where(x => x.expected is { } expected && (x.entry.From is not { } from || expected >= from))
            .Select(x => StateOf(schedule, x.entry, x.expected!.Value, today, received, workingDays))];

    /// <summary>
    /// What is overdue across authorities for the operator: for every schedule entry, each period from
    /// <paramref name="since"/> (or the entry's start, if later) whose due date has passed without a figure or a mark.
    /// Ordered by due date, oldest first, then authority and measure.
    /// </summary>
    public static IReadOnlyList<ExpectedFigure> Overdue(IEnumerable<ReportingSchedule> schedules, DateOnly since, DateOnly today,
        IReadOnlySet<ReceivedFigure> received, WorkingDays workingDays)
    {
        var overdue = new List<ExpectedFigure>();
        foreach (var schedule in schedules)
            foreach (var entry in schedule.Entries)
            {
                var period = Containing(entry.Frequency, since);
                if (entry.From is { } from && from > period) period = from;
                for (; DueDate(period, entry.DueWorkingDay, workingDays) < today; period = period.Next)
                    if (StateOf(schedule, entry, period, today, received, workingDays) is { State: DataState.Overdue } late)
                        overdue.Add(late);
            }
        return [.. overdue.OrderBy(o => o.DueDate).ThenBy(o => o.LaNumber).ThenBy(o => o.MeasureId, StringComparer.Ordinal).ThenBy(o => o.Period)];
    }

    /// <summary>The period of <paramref name="frequency"/> a scorecard for <paramref name="period"/> expects, or null.</summary>
    public static Period? ExpectedPeriod(ReportingFrequency frequency, Period period) => (frequency, period.Kind) switch
    {
        (ReportingFrequency.Monthly, PeriodKind.Month) => period,
        (ReportingFrequency.Quarterly, PeriodKind.Quarter) => period,
        (ReportingFrequency.Quarterly, PeriodKind.Month) when period.End == period.FinancialQuarter.End => period.FinancialQuarter,
        (ReportingFrequency.Annually, PeriodKind.FinancialYear) => period,
        (ReportingFrequency.Annually, _) when period.End == period.FinancialYear.End => period.FinancialYear,
        _ => null,
    };

    private static Period Containing(ReportingFrequency frequency, DateOnly date)
    {
        var month = Period.Month(date.Year, date.Month);
        return frequency switch
        {
            ReportingFrequency.Monthly => month,
            ReportingFrequency.Quarterly => month.FinancialQuarter,
            _ => month.FinancialYear,
        };
    }

    private static DataState StateOf(MarkKind kind) => kind switch
    {
        MarkKind.NotApplicable => DataState.NotApplicable,
        MarkKind.AwaitingPartner => DataState.AwaitingPartner,
        _ => DataState.DefinitionChanged,
    };
}
