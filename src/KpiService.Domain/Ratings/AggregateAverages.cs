using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Ratings;

public static partial class Aggregates
{
    /// <summary>
    /// The average month over from..through, as the reports quote it ("the average for the past 12 months being 13",
    /// seeds/001 line 344; "a monthly average of 70 Sep-20 to Aug-21", seeds/000 line 34). Counts, flows and snapshots
    /// alike, average their monthly values. A percentage or average is still never a mean of monthly percentages: it is
    /// the average numerator over the average denominator (the same value as the whole window's ratio). A rate per
    /// 10,000 is the average monthly count over the latest population. <c>Numerator</c> and <c>Denominator</c> are
    /// the per-month averages.
    /// </summary>
    public static Aggregate MonthlyAverage(Measure measure, IReadOnlyDictionary<Period, MeasureValue> months, Period from, Period through)
    {
        if (Gather(months, from, through, out var values) is { } missing) return missing;
        var n = values.Count;
        if (measure.Unit == Unit.Count)
            return new(from, through, values.Average(v => v.Value), null, null, n, null);
        if (BareValue(from, through, values) is { } bare) return bare;

        var numerator = values.Sum(v => v.Numerator!.Value) / n;
        var denominator = measure.Unit.IsPopulationRate() ? values[^1].Denominator!.Value : values.Sum(v => v.Denominator!.Value) / n;
        var value = MeasureValue.FromParts(measure.Unit, numerator, denominator);
        return new(from, through, value, numerator, denominator, n, value is null ? "the denominator sums to zero." : null);
    }

    /// <summary>
    /// A rate over a rolling window, scaled to a year: "sickness absence days per employee in rolling year" (seeds/001
    /// line 685, 12.03 → 11.97 → 11.22 days against 8) or "% turnover (rolling year)" (line 683). The numerator (days
    /// lost, leavers) is a flow, summed over the window; the denominator (FTE, headcount) is a stock, averaged over the
    /// window, as the CIPD and local-government absence returns compute it; a rate per 10,000 keeps the latest
    /// population. A window shorter than 12 months is scaled by 12 / months, so three months' absence reads as a year's.
    /// </summary>
    public static Aggregate AnnualisedRate(Measure measure, IReadOnlyDictionary<Period, MeasureValue> months, Period month, int windowMonths = 12)
    {
        if (windowMonths is < 1 or > 120) throw new ArgumentOutOfRangeException(nameof(windowMonths), windowMonths, "between 1 and 120 months.");
        var from = new Period(PeriodKind.Month, month.Start.AddMonths(1 - windowMonths));
        if (measure.Unit == Unit.Count)
            return new(from, month, null, null, null, 0, $"measure '{measure.Id}' is a count with no denominator: an annualised rate needs numerator and denominator.");
        if (Gather(months, from, month, out var values) is { } missing) return missing;
        if (BareValue(from, month, values) is { } bare) return bare;

        var numerator = values.Sum(v => v.Numerator!.Value) * 12.0 / windowMonths;
        var denominator = measure.Unit.IsPopulationRate() ? values[^1].Denominator!.Value : values.Average(v => v.Denominator!.Value);
        var value = MeasureValue.FromParts(measure.Unit, numerator, denominator);
        return new(from, month, value, numerator, denominator, values.Count, value is null ? "the average denominator is zero." : null);
    }
}
