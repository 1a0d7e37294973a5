using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Analytics;

/// <summary>
/// A rating with the analyses the council reports build on it: one record shared by the rating, scorecard and
/// dashboard reads (and gRPC), so every consumer finds each block in the same place.
/// </summary>
public sealed record MeasureAssessment(
    Rating Rating,
    YearOnYear? YearOnYear,
    Persistence? Persistence,
    ExceptionAssessment? Exception,
    SpcSignal? Spc,
    Forecast? Forecast);

/// <summary>
/// Change against the previous equivalent period (the same month or quarter a year earlier) and, when asked, since a
/// baseline period. <c>Change</c> is absolute (points for percentages); <c>PercentChange</c> is relative (%).
/// </summary>
public sealed record YearOnYear(
    Period ComparedWith, double? PreviousValue, double? Change, double? PercentChange,
    Period? Baseline, double? BaselineValue, double? ChangeSinceBaseline, double? PercentChangeSinceBaseline);

public enum Stability { Static, Fluctuating, SteadyTrend }

/// <summary>
/// How long a measure has stood where it is, over the last <c>Window</c> periods: the seed reports' "off target for
/// 12 months", "6 of 12 months on target", "fluctuating". <c>Summary</c> is that sentence. <c>TrendPerPeriod</c> is the
/// least-squares slope of the window's values (the measure's unit per period), present with <c>Stability</c>.
/// </summary>
public sealed record Persistence(
    int Window, int PeriodsRated, int PeriodsOnTarget, int LongestRunOffTarget, int CurrentRunOffTarget, int? PeriodsSinceOnTarget,
    bool RecordHigh, bool RecordLow, int? PreviousPerformanceGroup, bool PerformanceGroupChanged, Stability? Stability, string Summary,
    double? TrendPerPeriod = null);

public enum ExceptionGroup { GoingWell, OnesToWatch, DoBetter }

/// <summary>The exception group a measure falls in and the reason in words ("red and declining for 3 periods").</summary>
public sealed record ExceptionAssessment(ExceptionGroup Group, string Reason);

/// <summary>
/// The SPC reading of the latest point, with NHS Making Data Count icon names a scorecard can show. <c>Causes</c> are
/// the special causes the latest point carries (<c>runAboveMean</c>, <c>decreasingTrend</c>…), empty for common cause.
/// </summary>
public sealed record SpcSignal(Variation Variation, Assurance Assurance, SpcIcons Icons, bool ConflictingSignals)
{
    public IReadOnlyList<string> Causes { get; init; } = [];
}

/// <summary>NHS Making Data Count icon names (variation, assurance), e.g. <c>special-cause-concerning-low</c>, <c>hit-and-miss</c>.</summary>
public sealed record SpcIcons(string Variation, string Assurance);

/// <summary>
/// Year-end projection of a flow from the year-to-date run rate, or (for a trajectory target) where the recent trend
/// leads by the trajectory's end. <c>YearEnd</c> is the period projected to; <c>Target</c> what is wanted there, if known.
/// </summary>
public sealed record Forecast(Period YearEnd, double? ProjectedValue, int MonthsElapsed, string Method, string? NotComputedBecause,
    double? Target = null);
