using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Analytics;

/// <summary>
/// What an assessment looks at. <c>Window</c>: the persistence window (12). <c>Since</c>: a baseline for change
/// (<c>?since=2021-03</c>). <c>SpcChangePoints</c>: periods from which SPC limits are recalculated (<c>?baseline=</c>).
/// <c>SpcPoints</c>: how many periods the chart reads (24). <c>SpcMinimumPoints</c>: fewer than this and no SPC
/// reading is given (13, as MDC's own tool shows icons from 13 points). <c>PersistentPeriods</c>: how long a decline
/// or a run off target must last to count as persistent (3). <c>BenchmarkAverage</c>: the comparator average for the
/// period (benchmark rules); <c>BenchmarkAverages</c>: the same for earlier periods. <c>YearBasis</c>: the year a
/// run rate is projected over.
/// </summary>
public sealed record AssessmentOptions(
    int Window = 12, Period? Since = null, IReadOnlyList<Period>? SpcChangePoints = null, int SpcPoints = 24, int SpcMinimumPoints = 13,
    int PersistentPeriods = ExceptionGroups.DefaultPersistentPeriods, double? BenchmarkAverage = null,
    IReadOnlyDictionary<Period, double>? BenchmarkAverages = null, double? StabilityThreshold = null, YearBasis YearBasis = YearBasis.Financial);

/// <summary>
/// One measure for one period, assessed the way a board pack reads it: the rating, year on year, persistence,
/// SPC, exception group and forecast, each from its own pure rule. The rating, scorecard and dashboard reads all
/// build this, so every consumer finds the same blocks in the same place.
/// </summary>
public static class MeasureAssessments
{
    /// <summary>Null when the period has no figure (nothing to assess). <paramref name="rules"/> is the rule history.</summary>
    public static MeasureAssessment? Assess(Measure measure, IReadOnlyDictionary<Period, MeasureValue> series, IReadOnlyList<RatingRule> rules,
        Period period, AssessmentOptions? options = null)
    {
        options ??= new AssessmentOptions();
        var rule = RatingRules.InForce(rules, period);
        if (RatingEngine.Rate(new RatingInput(measure, period, series, rule, options.BenchmarkAverage)) is not { } rating) return null;

        var benchmarks = options.BenchmarkAverage is { } average
            ? new Dictionary<Period, double>(options.BenchmarkAverages ?? new Dictionary<Period, double>()) { [period] = average }
            : options.BenchmarkAverages;
        var persistence = PersistenceAnalysis.Of(measure, series, rules, period, new PersistenceOptions(options.Window, benchmarks, options.StabilityThreshold));
        var spc = Signal(measure, series, period, rule is TargetRule or TrajectoryRule ? rating.Target : null, options);
        return new MeasureAssessment(
            rating,
            YearOnYearChange.Of(measure, series, period, options.Since),
            persistence,
            ExceptionGroups.Of(measure, rating, persistence, spc, options.PersistentPeriods),
            spc,
            Forecast(measure, series, period, rule, options));
    }

    /// <summary>The SPC reading over the last <c>SpcPoints</c> periods that have a figure, when there are enough of them.</summary>
    public static SpcSignal? Signal(Measure measure, IReadOnlyDictionary<Period, MeasureValue> series, Period period, double? target, AssessmentOptions options)
    {
        var points = PersistenceAnalysis.Window(period, options.SpcPoints)
            .Select(p => (Period: p, Value: RatingEngine.ValueFor(measure, series, p)?.Value.Value))
            .Where(x => x.Value is not null).Select(x => (x.Period, x.Value!.Value)).ToList();
        if (points.Count < Math.Max(2, options.SpcMinimumPoints) || points[^1].Period != period) return null;
        return Spc.Chart(points, measure.Polarity, target, options.SpcChangePoints) is { } chart ? SpcSignals.Of(chart, measure.Polarity) : null;
    }

    private static Forecast? Forecast(Measure measure, IReadOnlyDictionary<Period, MeasureValue> series, Period period, RatingRule? rule, AssessmentOptions options)
    {
        if (rule is TrajectoryRule trajectory) return Forecasts.Trajectory(measure, series, trajectory, period, options.Window);
        var flow = measure.Aggregation != Aggregation.Snapshot && (measure.Unit == Unit.Count || measure.Unit.IsPopulationRate());
        return flow && period.Kind == PeriodKind.Month ? Forecasts.YearEnd(measure, series, period, options.YearBasis) : null;
    }
}
