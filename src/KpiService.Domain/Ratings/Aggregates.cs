using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Ratings;

/// <summary>An aggregate over the months <c>From</c>..<c>Through</c>; <c>NotComputedBecause</c> says why a value is missing.</summary>
public sealed record Aggregate(Period From, Period Through, double? Value, double? Numerator, double? Denominator, int Months, string? NotComputedBecause)
{
    /// <summary>
    /// The window by its first and last month ("2020-10 to 2021-09"). Never a financial year: a rolling year from
    /// October to September belongs to no financial year, and labelling it "2020-21" told readers it did.
    /// </summary>
    public string Label => From == Through ? From.ToString() : $"{From} to {Through}";
}

/// <summary>
/// Values over a run of months: flows summed, snapshots the last month, ratios from summed numerators and
/// denominators (never an average of monthly percentages). Rates per 10,000 sum the counts over the latest population.
/// </summary>
public static partial class Aggregates
{
    /// <summary>
    /// Year to date: the first month of the month's year through the month. The year is financial (April) unless
    /// another basis is asked for: calendar (January, the seeds' "CYTD") or academic (September, school measures).
    /// </summary>
    public static Aggregate YearToDate(Measure measure, IReadOnlyDictionary<Period, MeasureValue> months, Period month, YearBasis basis = YearBasis.Financial) =>
        Over(measure, months, basis.FirstMonth(month), month);

    public static Aggregate Rolling12Months(Measure measure, IReadOnlyDictionary<Period, MeasureValue> months, Period month) =>
        Over(measure, months, new Period(PeriodKind.Month, month.Start.AddMonths(-11)), month);

    /// <summary>A whole quarter or financial year from its months.</summary>
    public static Aggregate Whole(Measure measure, IReadOnlyDictionary<Period, MeasureValue> months, Period period)
    {
        var all = period.Months().ToList();
        return Over(measure, months, all[0], all[^1]);
    }

    public static Aggregate Over(Measure measure, IReadOnlyDictionary<Period, MeasureValue> months, Period from, Period through)
    {
        if (Gather(months, from, through, out var values) is { } missing) return missing;
        var last = values[^1];

        if (measure.Unit == Unit.Count)
            return new(from, through, measure.Aggregation == Aggregation.Snapshot ? last.Value : values.Sum(v => v.Value), null, null, values.Count, null);

        if (BareValue(from, through, values) is { } bare) return bare;

        if (measure.Aggregation == Aggregation.Snapshot)
            return new(from, through, last.Value, last.Numerator, last.Denominator, values.Count, null);
        var numerator = values.Sum(v => v.Numerator!.Value);
        // A rate's denominator is the population, not a flow: use the latest month's, never a sum of populations.
        var denominator = measure.Unit.IsPopulationRate() ? last.Denominator!.Value : values.Sum(v => v.Denominator!.Value);
        var value = MeasureValue.FromParts(measure.Unit, numerator, denominator);
        return new(from, through, value, numerator, denominator, values.Count, value is null ? "the denominator sums to zero." : null);
    }

    /// <summary>Every month from..through in order, or an aggregate that names the missing months.</summary>
    private static Aggregate? Gather(IReadOnlyDictionary<Period, MeasureValue> months, Period from, Period through, out List<MeasureValue> values)
    {
        var wanted = new List<Period>();
        for (var m = from; m.Start <= through.Start; m = m.Next) wanted.Add(m);
        var missing = wanted.Where(m => !months.ContainsKey(m)).ToList();
        values = missing.Count == 0 ? [.. wanted.Select(m => months[m])] : [];
        if (wanted.Count == 0) return new(from, through, null, null, null, 0, $"{through} is before {from}.");
        return missing.Count == 0 ? null
            : new(from, through, null, null, null, wanted.Count - missing.Count,
                $"no figure for {string.Join(", ", missing.Take(6))}{(missing.Count > 6 ? $" and {missing.Count - 6} more" : "")}.");
    }

    private static Aggregate? BareValue(Period from, Period through, List<MeasureValue> values) =>
        values.Any(v => !v.HasParts)
            ? new(from, through, null, null, null, values.Count,
                "a month was reported as a bare value without numerator and denominator, so it cannot be re-aggregated.")
            : null;
}
