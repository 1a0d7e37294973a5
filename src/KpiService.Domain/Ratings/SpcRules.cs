namespace KpiService.Domain.Ratings;

/// <summary>
/// The four Making Data Count special-cause rules, applied within one segment (runs never cross a change point).
/// Each point is marked with the rules it takes part in, by name.
/// </summary>
public static class SpcRules
{
    public const string AboveUpperLimit = "aboveUpperLimit";
    public const string BelowLowerLimit = "belowLowerLimit";
    public const string RunAboveMean = "runAboveMean";
    public const string RunBelowMean = "runBelowMean";
    public const string IncreasingTrend = "increasingTrend";
    public const string DecreasingTrend = "decreasingTrend";
    public const string TwoOfThreeAboveTwoSigma = "twoOfThreeAboveTwoSigma";
    public const string TwoOfThreeBelowTwoSigma = "twoOfThreeBelowTwoSigma";

    internal static void Mark(double[] values, SpcSegment segment, Span<List<string>> causes)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] > segment.UpperProcessLimit) causes[i].Add(AboveUpperLimit);
            if (values[i] < segment.LowerProcessLimit) causes[i].Add(BelowLowerLimit);
        }
        // A point on the mean is on neither side: it ends a run.
        var sides = values.Select(v => v > segment.Mean ? 1 : v < segment.Mean ? -1 : 0).ToArray();
        MarkRuns(sides, Spc.ShiftLength, causes, side => side > 0 ? RunAboveMean : RunBelowMean);
        var steps = values.Select((v, i) => i == 0 ? 0 : Math.Sign(v - values[i - 1])).ToArray();
        // A trend of 6 consecutive increases is 6 points, i.e. 5 steps, all in one direction.
        MarkRuns(steps, Spc.TrendLength - 1, causes, step => step > 0 ? IncreasingTrend : DecreasingTrend, includePrevious: true);
        MarkTwoOfThree(values, sides, segment, causes);
    }

    /// <summary>
    /// Two of three consecutive points beyond 2 sigma, all three on the same side of the mean. Since MDC's 2023
    /// revision a point beyond the process limit counts as beyond 2 sigma too (nhs-r-community/NHSRplotthedots#194);
    /// only the points beyond 2 sigma are marked, not the third.
    /// </summary>
    private static void MarkTwoOfThree(double[] values, int[] sides, SpcSegment segment, Span<List<string>> causes)
    {
        bool Beyond(int i) => sides[i] > 0 ? values[i] > segment.UpperTwoSigma : sides[i] < 0 && values[i] < segment.LowerTwoSigma;
        for (var start = 0; start + 2 < values.Length; start++)
        {
            var side = sides[start];
            if (side == 0 || sides[start + 1] != side || sides[start + 2] != side) continue;
            var beyond = Enumerable.Range(start, 3).Where(Beyond).ToList();
            if (beyond.Count < 2) continue;
            var name = side > 0 ? TwoOfThreeAboveTwoSigma : TwoOfThreeBelowTwoSigma;
            foreach (var i in beyond)
                if (!causes[i].Contains(name)) causes[i].Add(name);
        }
    }

    private static void MarkRuns(int[] signs, int length, Span<List<string>> causes, Func<int, string> name, bool includePrevious = false)
    {
        var runStart = 0;
        for (var i = 0; i <= signs.Length; i++)
        {
            if (i < signs.Length && signs[i] != 0 && signs[i] == signs[runStart]) continue;
            if (runStart < signs.Length && signs[runStart] != 0 && i - runStart >= length)
                for (var j = includePrevious ? runStart - 1 : runStart; j < i; j++)
                    if (j >= 0) causes[j].Add(name(signs[runStart]));
            runStart = i;
        }
    }
}
