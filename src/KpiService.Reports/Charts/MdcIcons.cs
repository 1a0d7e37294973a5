using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;

namespace KpiService.Reports.Charts;

/// <summary>
/// NHS England "Making Data Count" names for an SPC reading: the variation icon (common cause, or special cause
/// improving / concerning / neither, high or low) and the assurance icon (consistently passes, consistently fails,
/// hit and miss). High or low is the side of the latest point's special cause.
/// </summary>
public static class MdcIcons
{
    private static readonly HashSet<string> HighCauses = ["aboveUpperLimit", "runAboveMean", "increasingTrend"];

    public static bool LatestIsHigh(SpcChart chart) => chart.Points.Count > 0 && chart.Points[^1].SpecialCauses.Any(HighCauses.Contains);

    public static string VariationName(SpcChart chart) => chart.Variation switch
    {
        Variation.CommonCause => "common-cause",
        Variation.SpecialCauseImproving => "special-cause-improving-" + Side(chart),
        Variation.SpecialCauseConcerning => "special-cause-concerning-" + Side(chart),
        _ => "special-cause-neither-" + Side(chart),
    };

    public static string AssuranceName(Assurance assurance) => assurance switch
    {
        Assurance.ConsistentlyPasses => "consistently-passes",
        Assurance.ConsistentlyFails => "consistently-fails",
        Assurance.HitAndMiss => "hit-and-miss",
        _ => "no-target",
    };

    public static string VariationWords(SpcChart chart) => chart.Variation switch
    {
        Variation.CommonCause => "common cause variation: no significant change",
        Variation.SpecialCauseImproving => $"special cause variation of an improving nature, from {(LatestIsHigh(chart) ? "higher" : "lower")} values",
        Variation.SpecialCauseConcerning => $"special cause variation of a concerning nature, from {(LatestIsHigh(chart) ? "higher" : "lower")} values",
        _ => $"special cause variation, {(LatestIsHigh(chart) ? "higher" : "lower")} values, neither better nor worse",
    };

    public static string AssuranceWords(Assurance assurance) => assurance switch
    {
        Assurance.ConsistentlyPasses => "the process will consistently meet the target",
        Assurance.ConsistentlyFails => "the process will consistently fail the target unless something changes",
        Assurance.HitAndMiss => "the process will hit and miss the target at random",
        _ => "no target to assure against",
    };

    /// <summary>Whether a point is a special cause, and which way it reads through polarity.</summary>
    public static Variation PointVariation(SpcPoint point, Polarity polarity)
    {
        if (point.SpecialCauses.Count == 0) return Variation.CommonCause;
        if (polarity == Polarity.Neutral) return Variation.SpecialCauseNeither;
        var high = point.SpecialCauses.Any(HighCauses.Contains);
        return high == (polarity == Polarity.Higher) ? Variation.SpecialCauseImproving : Variation.SpecialCauseConcerning;
    }

    /// <summary>A special-cause rule in words ("above the upper process limit").</summary>
    public static string CauseWords(string cause) => cause switch
    {
        "aboveUpperLimit" => "above the upper process limit",
        "belowLowerLimit" => "below the lower process limit",
        "runAboveMean" => $"in a run of {Spc.ShiftLength} or more above the mean",
        "runBelowMean" => $"in a run of {Spc.ShiftLength} or more below the mean",
        "increasingTrend" => $"in {Spc.TrendLength} or more consecutive increases",
        "decreasingTrend" => $"in {Spc.TrendLength} or more consecutive decreases",
        _ => cause,
    };

    private static string Side(SpcChart chart) => LatestIsHigh(chart) ? "high" : "low";
}
