using KpiService.Domain.Periods;

namespace KpiService.Domain.Ratings;

/// <summary>
/// A target reached by a date along a straight line: "200 in-house foster carers by 2023" (seeds/001 lines 919–920,
/// from 153 in December 2020). From <c>From</c> (where the measure stood at <c>StartValue</c>) to <c>By</c> (where it
/// should stand at <c>Target</c>) each month's target is the point on the line; after <c>By</c> the target stays.
/// Rated like a target: green on or beyond the path in the polarity's direction, amber within the tolerance, red beyond.
/// </summary>
public sealed record TrajectoryRule(
    Period From, double StartValue, Period By, double Target, double Tolerance, IReadOnlyDictionary<RagStatus, string>? Labels = null)
    : RatingRule(From, Labels)
{
    /// <summary>
    /// The path's value for a period, read at the period's last month (a quarter is held to where the path stands at
    /// its end, as a snapshot is read at its end). Before <c>From</c> the path has not started: the start value.
    /// </summary>
    public double TargetFor(Period period)
    {
        var span = LastMonth(From).MonthsUntil(LastMonth(By));
        if (span <= 0) return Target;
        var elapsed = Math.Clamp(LastMonth(From).MonthsUntil(LastMonth(period)), 0, span);
        return StartValue + (Target - StartValue) * elapsed / span;
    }

    /// <summary>What is wrong with the trajectory as written, if anything.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (LastMonth(By) <= LastMonth(From)) problems.Add($"by: {By} must come after the start {From}.");
        if (Tolerance < 0) problems.Add("tolerance: must not be negative.");
        foreach (var (name, number) in new[] { ("startValue", StartValue), ("target", Target), ("tolerance", Tolerance) })
            if (!double.IsFinite(number)) problems.Add($"{name}: must be a finite number.");
        return problems;
    }

    private static Period LastMonth(Period period) => Period.Month(period.End.Year, period.End.Month);
}
