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
    public static bool LatestIsHigh(SpcChart chart) => chart.Points.Count > 0 && chart.Points[^1].SpecialCauses.Any(Spc.IsHighSide);

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
        => Spc.VariationOf(point.SpecialCauses, polarity).Variation;

    /// <summary>A special-cause rule in words ("above the upper process limit").</summary>
    public static string CauseWords(string cause) => cause switch
    {
        SpcRules.AboveUpperLimit => "above the upper process limit",
        SpcRules.BelowLowerLimit => "below the lower process limit",
        SpcRules.RunAboveMean => $"in a run of {Spc.ShiftLength} or more above the mean",
        SpcRules.RunBelowMean => $"in a run of {Spc.ShiftLength} or more below the mean",
        SpcRules.IncreasingTrend => $"in {Spc.TrendLength} or more consecutive increases",
        SpcRules.DecreasingTrend => $"in {Spc.TrendLength} or more consecutive decreases",
        SpcRules.TwoOfThreeAboveTwoSigma => "two of three points beyond two sigma above the mean",
        SpcRules.TwoOfThreeBelowTwoSigma => "two of three points beyond two sigma below the mean",
        _ => cause,
    };

    private static string Side(SpcChart chart) => LatestIsHigh(chart) ? "high" : "low";
}
