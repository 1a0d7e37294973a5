namespace KpiService.Domain.Periods;

/// <summary>
/// Working days are Monday to Friday less England and Wales bank holidays. The start date is day 1, as the
/// DfE census validators count it, so an assessment started and finished on the same working day took 1 day.
/// </summary>
public sealed class WorkingDays(IEnumerable<DateOnly> bankHolidays)
{
    private readonly HashSet<DateOnly> _holidays = [.. bankHolidays];

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);

    /// <summary>Working days from <paramref name="from"/> to <paramref name="to"/> inclusive; 0 when to precedes from.</summary>
    public int Count(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
            if (IsWorkingDay(day)) count++;
        return count;
    }
}
