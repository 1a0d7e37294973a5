using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Ratings;

public enum Variation { SpecialCauseImproving, SpecialCauseConcerning, SpecialCauseNeither, CommonCause }

public enum Assurance { ConsistentlyPasses, ConsistentlyFails, HitAndMiss, NoTarget }

/// <summary>A point of the chart; <c>Mean</c> and the limits are those of the segment it belongs to.</summary>
public sealed record SpcPoint(Period Period, double Value, double? MovingRange, IReadOnlyList<string> SpecialCauses)
{
    public int Segment { get; init; }
    public double Mean { get; init; }
    public double UpperProcessLimit { get; init; }
    public double LowerProcessLimit { get; init; }
}

/// <summary>A run of points between change points, with limits computed from its own points only.</summary>
public sealed record SpcSegment(Period From, Period Through, int Points, double Mean, double UpperProcessLimit, double LowerProcessLimit,
    double UpperTwoSigma, double LowerTwoSigma, double AverageMovingRange);

/// <summary>
/// The chart; <c>Mean</c> and the limits are the latest segment's. <c>ConflictingSignals</c>: the latest point carries
/// special causes on both sides (a run above the mean and a falling trend); the variation is read from the first-ranked rule.
/// </summary>
public sealed record SpcChart(
    double Mean, double UpperProcessLimit, double LowerProcessLimit, double AverageMovingRange,
    IReadOnlyList<SpcPoint> Points, Variation Variation, Assurance Assurance)
{
    public bool ConflictingSignals { get; init; }
    public IReadOnlyList<SpcSegment> Segments { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// An XmR chart as NHS England's "Making Data Count" (MDC) draws it: limits at mean ± 2.66 × average moving range
/// (3 sigma); special causes are a point beyond a limit, a run of 7 on one side of the mean, 6 consecutive increases or
/// decreases, and two of three consecutive points beyond 2 sigma on one side. A declared change point starts a new
/// segment: limits are recalculated from its points on, and earlier points keep the limits of their own segment.
/// Variation is read on the latest point through polarity; assurance compares the target with the latest limits.
/// </summary>
public static class Spc
{
    public const int ShiftLength = 7;
    public const int TrendLength = 6;
    public const double LimitFactor = 2.66;

    public static SpcChart? Chart(IReadOnlyList<(Period Period, double Value)> series, Polarity polarity, double? target,
        IReadOnlyList<Period>? changePoints = null)
    {
        if (series.Count < 2) return null;
        var warnings = new List<string>();
        var starts = SegmentStarts(series, changePoints ?? [], warnings);
        var values = series.Select(p => p.Value).ToArray();
        var causes = values.Select(_ => new List<string>()).ToArray();
        var segments = new List<SpcSegment>();
        var points = new SpcPoint[values.Length];

        for (var s = 0; s < starts.Count; s++)
        {
            var (first, end) = (starts[s], s + 1 < starts.Count ? starts[s + 1] : values.Length);
            var slice = values[first..end];
            var ranges = slice.Skip(1).Select((v, i) => Math.Abs(v - slice[i])).ToArray();
            var (mean, averageRange) = (slice.Average(), ranges.Average());
            var segment = new SpcSegment(series[first].Period, series[end - 1].Period, slice.Length, mean,
                mean + LimitFactor * averageRange, mean - LimitFactor * averageRange,
                mean + LimitFactor * 2 / 3 * averageRange, mean - LimitFactor * 2 / 3 * averageRange, averageRange);
            segments.Add(segment);
            SpcRules.Mark(slice, segment, causes.AsSpan(first, slice.Length));
            for (var i = first; i < end; i++)
                points[i] = new SpcPoint(series[i].Period, values[i], i == first ? null : ranges[i - first - 1], causes[i])
                {
                    Segment = s, Mean = mean, UpperProcessLimit = segment.UpperProcessLimit, LowerProcessLimit = segment.LowerProcessLimit,
                };
        }

        var latest = segments[^1];
        var (variation, conflicting) = VariationOf(causes[^1], polarity);
        return new SpcChart(latest.Mean, latest.UpperProcessLimit, latest.LowerProcessLimit, latest.AverageMovingRange, points,
            variation, AssuranceOf(target, latest.UpperProcessLimit, latest.LowerProcessLimit, polarity))
        {
            ConflictingSignals = conflicting, Segments = segments, Warnings = warnings,
        };
    }

    /// <summary>Whether a special cause is a high-side signal (above a limit, above the mean, rising).</summary>
    public static bool IsHighSide(string cause) => cause is SpcRules.AboveUpperLimit or SpcRules.RunAboveMean
        or SpcRules.IncreasingTrend or SpcRules.TwoOfThreeAboveTwoSigma;

    /// <summary>
    /// When the latest point carries signals on both sides (a run above the mean and a falling trend), MDC's own tool
    /// shows improvement (nhs-r-community/NHSRplotthedots#194), so a high-side run hid the six-month decline of
    /// Gloucestershire's initial contact decisions (seeds/000 line 138). Here the conflict is reported, and the variation
    /// is read from the rule that ranks first, as NHSRplotthedots ranks them (#180): a point beyond a limit, then a trend,
    /// then two of three beyond 2 sigma, then a run on one side of the mean. A trend says where the process is going; a
    /// run says where it has been against a mean the trend itself has moved. Where the first-ranked rule points both
    /// ways (the turning point of two trends) the concerning reading wins.
    /// </summary>
    public static (Variation Variation, bool Conflicting) VariationOf(IReadOnlyList<string> latest, Polarity polarity)
    {
        if (latest.Count == 0) return (Variation.CommonCause, false);
        var conflicting = latest.Any(IsHighSide) && latest.Any(c => !IsHighSide(c));
        if (polarity == Polarity.Neutral) return (Variation.SpecialCauseNeither, conflicting);
        var first = latest.Where(c => Rank(c) == latest.Min(Rank)).ToList();
        var improving = first.Any(c => IsHighSide(c) == (polarity == Polarity.Higher));
        var concerning = first.Any(c => IsHighSide(c) != (polarity == Polarity.Higher));
        return (concerning || !improving ? Variation.SpecialCauseConcerning : Variation.SpecialCauseImproving, conflicting);
    }

    private static int Rank(string cause) => cause switch
    {
        SpcRules.AboveUpperLimit or SpcRules.BelowLowerLimit => 0,
        SpcRules.IncreasingTrend or SpcRules.DecreasingTrend => 1,
        SpcRules.TwoOfThreeAboveTwoSigma or SpcRules.TwoOfThreeBelowTwoSigma => 2,
        _ => 3,
    };

    private static Assurance AssuranceOf(double? target, double upper, double lower, Polarity polarity) =>
        target is not { } t || polarity == Polarity.Neutral ? Assurance.NoTarget
        : polarity == Polarity.Higher ? (t <= lower ? Assurance.ConsistentlyPasses : t > upper ? Assurance.ConsistentlyFails : Assurance.HitAndMiss)
        : (t >= upper ? Assurance.ConsistentlyPasses : t < lower ? Assurance.ConsistentlyFails : Assurance.HitAndMiss);

    /// <summary>Indexes where segments start: 0, then each change point that leaves at least two points on both sides.</summary>
    private static List<int> SegmentStarts(IReadOnlyList<(Period Period, double Value)> series, IReadOnlyList<Period> changePoints, List<string> warnings)
    {
        var starts = new List<int> { 0 };
        foreach (var change in changePoints.Distinct().Order())
        {
            var index = Enumerable.Range(0, series.Count).FirstOrDefault(i => series[i].Period >= change, -1);
            if (index <= 0)
                warnings.Add($"change point {change} is {(index == 0 ? "at or before the first" : "after the last")} point: ignored.");
            else if (index - starts[^1] < 2 || series.Count - index < 2)
                warnings.Add($"change point {change} would leave a segment of one point, and limits need two: ignored.");
            else
                starts.Add(index);
        }
        return starts;
    }
}
