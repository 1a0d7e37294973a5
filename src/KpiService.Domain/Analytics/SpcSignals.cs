using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Analytics;

/// <summary>
/// The latest point of an XmR chart as Making Data Count summarises it: a variation icon (common cause, or special
/// cause improving / concerning / neither, each high or low) and an assurance icon (consistently passing,
/// consistently failing, hit and miss). Names are kebab-case; docs/analytics.md maps each to MDC's icon file.
/// </summary>
public static class SpcSignals
{
    public static SpcSignal Of(SpcChart chart, Polarity polarity)
    {
        var latest = chart.Points[^1];
        var icons = new SpcIcons(VariationIcon(chart.Variation, polarity, latest), AssuranceIcon(chart.Assurance));
        return new SpcSignal(chart.Variation, chart.Assurance, icons, chart.ConflictingSignals) { Causes = latest.SpecialCauses };
    }

    /// <summary>
    /// High or low is the side the signal is on: improving is high for higher-is-better, concerning is low. A neutral
    /// measure's signal takes the side of its causes, or of the point against the mean when they conflict.
    /// </summary>
    public static string VariationIcon(Variation variation, Polarity polarity, SpcPoint latest)
    {
        string Side(bool high) => high ? "high" : "low";
        return variation switch
        {
            Variation.CommonCause => "common-cause",
            Variation.SpecialCauseImproving => $"special-cause-improving-{Side(polarity == Polarity.Higher)}",
            Variation.SpecialCauseConcerning => $"special-cause-concerning-{Side(polarity == Polarity.Lower)}",
            _ => $"special-cause-neither-{Side(latest.SpecialCauses.All(Spc.IsHighSide) || (latest.SpecialCauses.Any(Spc.IsHighSide) && latest.Value > latest.Mean))}",
        };
    }

    public static string AssuranceIcon(Assurance assurance) => assurance switch
    {
        Assurance.ConsistentlyPasses => "consistently-passing",
        Assurance.ConsistentlyFails => "consistently-failing",
        Assurance.HitAndMiss => "hit-and-miss",
        _ => "none",
    };
}
