using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Ratings;

/// <summary>Everything a rating needs: the measure, the series of the authority (one breakdown), the rule in force.</summary>
public sealed record RatingInput(
    Measure Measure,
    Period Period,
    IReadOnlyDictionary<Period, MeasureValue> Series,
    RatingRule? Rule,
    double? BenchmarkAverage = null);

public sealed record Rating(
    Period Period, double Value, double? Numerator, double? Denominator, bool Computed,
    RatingRule? Rule, double? Target, double? Tolerance, RagStatus Status, string Label,
    double? DistanceFromTarget, double? ChangeSincePrevious, Period? PreviousPeriod, Direction? Direction, Judgement? Judgement,
    int? PerformanceGroup, TrendRun? Trend, bool SmallCohort, ConfidenceInterval? ConfidenceInterval,
    Aggregate? YearToDate, Aggregate? Rolling12Months, double? BenchmarkAverage);

/// <summary>Rates one figure: every rule of DOMAIN.md "Ratings of one figure", on unrounded values.</summary>
public static class RatingEngine
{
    /// <summary>The figure for a period: submitted, or for a quarter or year computed from its months.</summary>
    public static (MeasureValue Value, bool Computed)? ValueFor(Measure measure, IReadOnlyDictionary<Period, MeasureValue> series, Period period)
    {
        if (series.TryGetValue(period, out var value)) return (value, false);
        if (period.Kind == PeriodKind.Month) return null;
        var whole = Aggregates.Whole(measure, series, period);
        return whole.Value is { } v ? (new MeasureValue(v, whole.Numerator, whole.Denominator), true) : null;
    }

    public static Rating? Rate(RatingInput input)
    {
        var (measure, period, series) = (input.Measure, input.Period, input.Series);
        if (ValueFor(measure, series, period) is not var (current, computed)) return null;

        var previousPeriod = period.Previous;
        var previous = ValueFor(measure, series, previousPeriod)?.Value;
        double? change = previous is { } p ? current.Value - p.Value : null;
        var threshold = measure.EffectiveFlatThreshold();
        Direction? direction = change is { } c ? Movement.DirectionOf(c, threshold) : null;

        var (status, target, tolerance) = RatingRules.Apply(input.Rule, measure, period, current.Value, input.BenchmarkAverage);

        var sameKind = series.Where(s => s.Key.Kind == period.Kind && s.Key <= period).OrderBy(s => s.Key)
            .Select(s => (s.Key, s.Value.Value)).ToList();
        var small = current.Denominator is { } den && measure.Unit is Unit.Percentage or Unit.Average && den < measure.EffectiveSmallCohortThreshold();
        var interval = measure.Unit == Unit.Percentage && current is { Numerator: { } n, Denominator: { } d } ? SmallNumbers.Wilson(n, d) : null;
        var months = period.Kind == PeriodKind.Month;

        return new Rating(
            period, current.Value, current.Numerator, current.Denominator, computed,
            input.Rule, target, tolerance, status, input.Rule?.LabelFor(status) ?? Label(status),
            target is { } t2 ? current.Value - t2 : null, change, previous is null ? null : previousPeriod, direction,
            direction is { } dir ? Movement.JudgementOf(dir, measure.Polarity) : null,
            PerformanceGroups.Of(measure, current.Value), Trend.Of(sameKind, threshold), small, interval,
            months ? Aggregates.YearToDate(measure, series, period) : null,
            months ? Aggregates.Rolling12Months(measure, series, period) : null,
            input.BenchmarkAverage);
    }

    public static string Label(RagStatus status) => status.ToString().ToLowerInvariant();
}
