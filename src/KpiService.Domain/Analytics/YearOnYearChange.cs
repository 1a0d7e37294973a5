using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Analytics;

/// <summary>
/// Change against the same period a year earlier and, when asked, since a baseline period. The reports quote both
/// forms: relative for counts ("79 … a 23.3% drop compared to the 103 … at the end of September 2020", seeds/002
/// line 283) and absolute points for percentages ("88.4% … higher than the 80.4% for the same period last year", line
/// 179; "down 14% points since March", seeds/000 line 138). Every unit gets both: <c>Change</c> in the measure's unit
/// (points for a percentage), <c>PercentChange</c> relative to the earlier value.
/// </summary>
public static class YearOnYearChange
{
    /// <summary>Null when the period has no figure. A quarter or year is computed from its months where not submitted.</summary>
    public static YearOnYear? Of(Measure measure, IReadOnlyDictionary<Period, MeasureValue> series, Period period, Period? since = null)
    {
        if (RatingEngine.ValueFor(measure, series, period) is not var (current, _)) return null;
        var earlier = period.YearEarlier;
        var previous = RatingEngine.ValueFor(measure, series, earlier)?.Value.Value;
        var baseline = since is { } b && b < period ? RatingEngine.ValueFor(measure, series, b)?.Value.Value : null;
        return new YearOnYear(
            earlier, previous, current.Value - previous, Relative(current.Value, previous),
            since, baseline, current.Value - baseline, Relative(current.Value, baseline));
    }

    /// <summary>Relative change in %, undefined from zero (a rise from 0 to 3 children is not "infinitely" more).</summary>
    public static double? Relative(double value, double? from) =>
        from is { } f && f != 0 ? (value - f) / Math.Abs(f) * 100 : null;
}
