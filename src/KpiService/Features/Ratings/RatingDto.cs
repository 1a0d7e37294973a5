using KpiService.Domain.Ratings;
using KpiService.Features.Targets;

namespace KpiService.Features.Ratings;

public static class RatingDto
{
    public static object From(RatedFigure rated)
    {
        var (r, m) = (rated.Rating, rated.Measure);
        return new
        {
            authority = new { code = rated.Authority.GssCode, rated.Authority.LaNumber, rated.Authority.Name },
            measure = m.Id, measureTitle = m.Title, area = m.Area, period = r.Period.ToString(),
            breakdown = rated.Breakdown.Length == 0 ? null : rated.Breakdown,
            r.Value, displayValue = m.Round(r.Value), r.Numerator, r.Denominator, source = rated.Source,
            r.Target, r.Tolerance, r.Status, r.Label,
            r.DistanceFromTarget, r.ChangeSincePrevious, previousPeriod = r.PreviousPeriod?.ToString(), r.Direction, r.Judgement,
            r.PerformanceGroup,
            trend = r.Trend is null ? null : new
            {
                r.Trend.Direction, judgement = Movement.JudgementOf(r.Trend.Direction, m.Polarity), r.Trend.Periods, since = r.Trend.Since.ToString(), r.Trend.Change,
                summary = Summary(r.Trend, m),
            },
            r.SmallCohort, r.ConfidenceInterval,
            yearToDate = Aggregate(r.YearToDate), rolling12Months = Aggregate(r.Rolling12Months),
            rule = Rule(r.Rule, r.BenchmarkAverage),
            warnings = rated.Warnings.Count == 0 ? null : rated.Warnings,
        };
    }

    private static object? Aggregate(Domain.Ratings.Aggregate? a) => a is null ? null : new
    {
        period = a.From.FinancialYear.ToString(), from = a.From.ToString(), through = a.Through.ToString(),
        a.Value, a.Numerator, a.Denominator, a.Months, a.NotComputedBecause,
    };

    private static object? Rule(RatingRule? rule, double? benchmarkAverage) => rule switch
    {
        null => null,
        TargetRule t => new { type = "targetAndTolerance", fromPeriod = t.From.ToString(), target = (double?)t.Target, tolerance = (double?)t.Tolerance, bands = (object?)null, benchmark = (object?)null, labels = t.Labels },
        BandsRule b => new { type = "bands", fromPeriod = b.From.ToString(), target = (double?)null, tolerance = (double?)null, bands = (object?)b.Bands, benchmark = (object?)null, labels = b.Labels },
        BenchmarkRule m => new { type = "benchmark", fromPeriod = m.From.ToString(), target = (double?)null, tolerance = (double?)null, bands = (object?)null,
            benchmark = (object?)new { group = m.Group, margin = m.Margin, average = benchmarkAverage }, labels = m.Labels },
        _ => null,
    };

    // "declining for 6 periods, down 13.5 points since 2021-03"
    public static string Summary(TrendRun trend, Domain.Measures.Measure measure)
    {
        var judgement = Movement.JudgementOf(trend.Direction, measure.Polarity);
        var word = judgement switch { Judgement.Improving => "improving", Judgement.Declining => "declining", Judgement.Stable => "stable", _ => trend.Direction.ToString().ToLowerInvariant() };
        var unit = measure.Unit == Domain.Measures.Unit.Percentage ? " points" : "";
        return $"{word} for {trend.Periods} period{(trend.Periods == 1 ? "" : "s")}, {(trend.Change < 0 ? "down" : "up")} {Math.Abs(measure.Round(trend.Change))}{unit} since {trend.Since}";
    }
}
