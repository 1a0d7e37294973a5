using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Ratings;

public enum Variation { SpecialCauseImproving, SpecialCauseConcerning, SpecialCauseNeither, CommonCause }

public enum Assurance { ConsistentlyPasses, ConsistentlyFails, HitAndMiss, NoTarget }

public sealed record SpcPoint(Period Period, double Value, double? MovingRange, IReadOnlyList<string> SpecialCauses);

public sealed record SpcChart(
    double Mean, double UpperProcessLimit, double LowerProcessLimit, double AverageMovingRange,
    IReadOnlyList<SpcPoint> Points, Variation Variation, Assurance Assurance);

/// <summary>
/// An XmR chart as NHS England's "Making Data Count" draws it: limits at mean ± 2.66 × average moving range;
/// special causes are a point beyond a limit, a run of 7 on one side of the mean, and 6 consecutive increases or
/// decreases. Variation is read on the latest point through polarity; assurance compares the target with the limits.
/// </summary>
public static class Spc
{
    public const int ShiftLength = 7;
    public const int TrendLength = 6;

    public static SpcChart? Chart(IReadOnlyList<(Period Period, double Value)> series, Polarity polarity, double? target)
    {
        if (series.Count < 2) return null;
        var values = series.Select(p => p.Value).ToArray();
        var mean = values.Average();
        var ranges = values.Skip(1).Select((v, i) => Math.Abs(v - values[i])).ToArray();
        var averageRange = ranges.Average();
        var upper = mean + 2.66 * averageRange;
        var lower = mean - 2.66 * averageRange;

        var causes = values.Select(_ => new List<string>()).ToArray();
        var sides = values.Select(v => v > mean ? 1 : v < mean ? -1 : 0).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] > upper) causes[i].Add("aboveUpperLimit");
            if (values[i] < lower) causes[i].Add("belowLowerLimit");
        }
        MarkRuns(sides, ShiftLength, causes, side => side > 0 ? "runAboveMean" : "runBelowMean");
        var steps = values.Select((v, i) => i == 0 ? 0 : Math.Sign(v - values[i - 1])).ToArray();
        // A trend of 6 consecutive increases is 6 points, i.e. 5 steps, all in one direction.
        MarkRuns(steps, TrendLength - 1, causes, step => step > 0 ? "increasingTrend" : "decreasingTrend", includePrevious: true);

        var points = series.Select((p, i) => new SpcPoint(p.Period, p.Value, i == 0 ? null : ranges[i - 1], causes[i])).ToList();
        return new SpcChart(mean, upper, lower, averageRange, points, VariationOf(causes[^1], polarity), AssuranceOf(target, upper, lower, polarity));
    }

    private static void MarkRuns(int[] signs, int length, List<string>[] causes, Func<int, string> name, bool includePrevious = false)
    {
        var runStart = 0;
        for (var i = 0; i <= signs.Length; i++)
        {
            if (i < signs.Length && signs[i] != 0 && signs[i] == signs[runStart]) continue;
            if (signs[runStart] != 0 && i - runStart >= length)
                for (var j = includePrevious ? runStart - 1 : runStart; j < i; j++)
                    if (j >= 0) causes[j].Add(name(signs[runStart]));
            runStart = i;
        }
    }

    private static Variation VariationOf(IReadOnlyList<string> latest, Polarity polarity)
    {
        if (latest.Count == 0) return Variation.CommonCause;
        if (polarity == Polarity.Neutral) return Variation.SpecialCauseNeither;
        var high = latest.Any(c => c is "aboveUpperLimit" or "runAboveMean" or "increasingTrend");
        return high == (polarity == Polarity.Higher) ? Variation.SpecialCauseImproving : Variation.SpecialCauseConcerning;
    }

    private static Assurance AssuranceOf(double? target, double upper, double lower, Polarity polarity) =>
        target is not { } t || polarity == Polarity.Neutral ? Assurance.NoTarget
        : polarity == Polarity.Higher ? (t <= lower ? Assurance.ConsistentlyPasses : t > upper ? Assurance.ConsistentlyFails : Assurance.HitAndMiss)
        : (t >= upper ? Assurance.ConsistentlyPasses : t < lower ? Assurance.ConsistentlyFails : Assurance.HitAndMiss);
}
