using System.Runtime.CompilerServices;
using KpiService.Domain.Analytics;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;
using KpiService.ReadModels.Assessments;

namespace KpiService.Features.Ratings;

/// <summary>"Declining for 6 periods, down 13.5 points since 2021-03", with its parts.</summary>
public sealed record TrendResponse(Direction Direction, Judgement Judgement, int Periods, string Since, double Change, string Summary);

/// <summary>An aggregate over months: <c>Period</c> names it (the financial year for a year to date, "2020-10 to 2021-09" for a rolling year).</summary>
public sealed record AggregateResponse(string Period, string From, string Through, double? Value, double? Numerator, double? Denominator, int Months, string? NotComputedBecause);

public enum RuleType { TargetAndTolerance, Bands, Benchmark, Trajectory }

public sealed record BandResponse(RagStatus Status, double? From, double? To, double? Above, double? Below);

/// <param name="GroupVersion">The comparator group's version the average was taken over (null for neighbours, region and England), so a rating states which membership it used.</param>
public sealed record BenchmarkResponse(string Group, double Margin, double? Average, long? GroupVersion = null);

public sealed record TrajectoryResponse(double StartValue, string By, double Target);

/// <summary>The rule in force for the period, as it was set.</summary>
public sealed record RuleResponse(
    RuleType Type, string FromPeriod, double? Target, double? Tolerance, IReadOnlyList<BandResponse>? Bands, BenchmarkResponse? Benchmark,
    TrajectoryResponse? Trajectory, IReadOnlyDictionary<RagStatus, string>? Labels);

/// <summary>
/// One figure rated, and the analyses the council reports build on it: the answer of GET …/ratings/{period}, and
/// each row of the scorecard and dashboard. Differences are from unrounded values; <c>DisplayValue</c> is rounded to
/// the measure's decimal places.
/// </summary>
/// <param name="Source">submitted, computed (a quarter or year from its months) or rolledUp (from a complete breakdown, named in <c>RolledUpFrom</c>).</param>
public sealed record RatingResponse(
    AuthorityReference Authority, string Measure, string MeasureTitle, string? MeasureCode, string Area, string Period, string? Breakdown,
    double Value, double DisplayValue, double? Numerator, double? Denominator, SeriesSource Source, string? RolledUpFrom,
    double? Target, double? Tolerance, RagStatus Status, string Label, string Colour,
    double? DistanceFromTarget, double? ChangeSincePrevious, string? PreviousPeriod, Direction? Direction, Judgement? Judgement,
    int? PerformanceGroup, TrendResponse? Trend, bool SmallCohort, ConfidenceInterval? ConfidenceInterval,
    AggregateResponse? YearToDate, AggregateResponse? Rolling12Months, RuleResponse? Rule,
    YearOnYear? YearOnYear, Persistence? Persistence, ExceptionAssessment? Exception, SpcSignal? Spc, Forecast? Forecast,
    DataState DataState, Commentary? Commentary, IReadOnlyList<string>? Warnings)
{
    private static readonly ConditionalWeakTable<AssessedMeasure, RatingResponse> Answers = new();

    /// <summary>
    /// The answer for an assessment, the same object for as long as the assessment is cached, so its JSON is serialised
    /// once (<see cref="Common.SerializedOnce"/>).
    /// </summary>
    public static RatingResponse Of(AssessedMeasure assessed) => Answers.GetValue(assessed, From);

    public static RatingResponse From(AssessedMeasure assessed)
    {
        var (a, m) = (assessed.Assessment, assessed.Measure);
        var r = a.Rating;
        return new RatingResponse(
            assessed.Authority.ToReference(), m.Id, m.Title, m.Code, m.Area, r.Period.ToString(), assessed.Breakdown.Length == 0 ? null : assessed.Breakdown,
            r.Value, m.Round(r.Value), r.Numerator, r.Denominator, r.Computed && assessed.Series.Source == SeriesSource.Submitted ? SeriesSource.Computed : assessed.Series.Source,
            assessed.Series.RolledUpFrom, r.Target, r.Tolerance, r.Status, LabelOf(r, assessed.Labels), assessed.Labels.For(r.Status).Colour,
            r.DistanceFromTarget, r.ChangeSincePrevious, r.PreviousPeriod?.ToString(), r.Direction, r.Judgement,
            r.PerformanceGroup, TrendOf(r.Trend, m), r.SmallCohort, r.ConfidenceInterval,
            Aggregate(r.YearToDate, r.YearToDate?.From.FinancialYear.ToString()), Aggregate(r.Rolling12Months, r.Rolling12Months?.Label), RuleOf(r.Rule, r.BenchmarkAverage, assessed.BenchmarkGroupVersion),
            a.YearOnYear, a.Persistence, a.Exception, a.Spc, a.Forecast,
            DataState.Received, assessed.Commentary,
            assessed.Series.Warnings.Count == 0 ? null : assessed.Series.Warnings);
    }

    /// <summary>The rule's own label for the status ({ "amber": "Yellow" }); else the authority's label scheme where it renamed the status; else the status word.</summary>
    private static string LabelOf(Rating rating, LabelScheme labels) =>
        rating.Rule?.Labels is { } own && own.TryGetValue(rating.Status, out var label) ? label
        : labels.For(rating.Status) is var scheme && scheme != LabelScheme.Default.For(rating.Status) ? scheme.Name
        : rating.Label;

    private static TrendResponse? TrendOf(TrendRun? trend, Measure measure) => trend is null ? null
        : new TrendResponse(trend.Direction, Movement.JudgementOf(trend.Direction, measure.Polarity), trend.Periods, trend.Since.ToString(), trend.Change, Summary(trend, measure));

    private static AggregateResponse? Aggregate(Domain.Ratings.Aggregate? a, string? period) => a is null ? null
        : new AggregateResponse(period!, a.From.ToString(), a.Through.ToString(), a.Value, a.Numerator, a.Denominator, a.Months, a.NotComputedBecause);

    public static RuleResponse? RuleOf(RatingRule? rule, double? benchmarkAverage, long? groupVersion = null) => rule switch
    {
        TargetRule t => new(RuleType.TargetAndTolerance, t.From.ToString(), t.Target, t.Tolerance, null, null, null, t.Labels),
        BandsRule b => new(RuleType.Bands, b.From.ToString(), null, null, [.. b.Bands.Select(x => new BandResponse(x.Status, x.From, x.To, x.Above, x.Below))], null, null, b.Labels),
        BenchmarkRule g => new(RuleType.Benchmark, g.From.ToString(), null, null, null, new BenchmarkResponse(g.Group, g.Margin, benchmarkAverage, groupVersion), null, g.Labels),
        TrajectoryRule p => new(RuleType.Trajectory, p.From.ToString(), p.Target, p.Tolerance, null, null, new TrajectoryResponse(p.StartValue, p.By.ToString(), p.Target), p.Labels),
        _ => null,
    };

    // "declining for 6 periods, down 13.5 points since 2021-03"
    public static string Summary(TrendRun trend, Measure measure)
    {
        var judgement = Movement.JudgementOf(trend.Direction, measure.Polarity);
        var word = judgement switch { Domain.Ratings.Judgement.Improving => "improving", Domain.Ratings.Judgement.Declining => "declining", Domain.Ratings.Judgement.Stable => "stable", _ => trend.Direction.ToString().ToLowerInvariant() };
        var unit = measure.Unit == Unit.Percentage ? " points" : "";
        return $"{word} for {trend.Periods} period{(trend.Periods == 1 ? "" : "s")}, {(trend.Change < 0 ? "down" : "up")} {Math.Abs(measure.Round(trend.Change))}{unit} since {trend.Since}";
    }
}
