using KpiService.Domain.Measures;

namespace KpiService.Domain.Analytics;

/// <summary>
/// Static, fluctuating or a steady trend, from the last N values: the words the seed reports put beside each measure
/// ("broadly static within +/- 1-2% points", "substantial peaks and troughs month to month", "following a declining
/// trend", seeds/000 lines 140–156). Thresholds and the reasons for them are in docs/analytics.md.
/// </summary>
public static class StabilityClass
{
    /// <summary>Fewer values than this say nothing about stability.</summary>
    public const int MinimumValues = 6;

    /// <summary>Kendall's tau at or beyond which most pairs of periods move one way: a steady trend.</summary>
    public const double TrendTau = 0.6;

    /// <summary>
    /// The class and the least-squares slope per period. <paramref name="points"/> are (position, value) with position
    /// in periods, so a missing period leaves a gap rather than closing it up.
    /// </summary>
    public static (Stability? Class, double? SlopePerPeriod) Of(IReadOnlyList<(int Position, double Value)> points, Measure measure, double? threshold = null)
    {
        if (points.Count < MinimumValues) return (null, null);
        var values = points.Select(p => p.Value).ToArray();
        var band = threshold ?? DefaultThreshold(measure, values);
        var slope = Slope(points);
        var span = points[^1].Position - points[0].Position;

        // A trend is steady when most pairs move one way and the line moves more than the static band over the window.
        if (Math.Abs(KendallTau(values)) >= TrendTau && Math.Abs(slope * span) >= band) return (Stability.SteadyTrend, slope);
        var averageMove = values.Skip(1).Select((v, i) => Math.Abs(v - values[i])).Average();
        var mean = values.Average();
        var spread = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        return (averageMove < band && spread < band ? Stability.Static : Stability.Fluctuating, slope);
    }

    /// <summary>
    /// 2.5 × the flat threshold (2.5 points for a percentage): the seeds call movement within "+/- 1-2% points" static.
    /// Without a flat threshold, 5% of the mean level (Southampton's LAC caseloads 20, 19.5, 19.5 are "static", seeds/001 line 450).
    /// </summary>
    public static double DefaultThreshold(Measure measure, IReadOnlyList<double> values) =>
        measure.EffectiveFlatThreshold() is > 0 and var flat ? 2.5 * flat : 0.05 * Math.Abs(values.Average());

    /// <summary>Kendall's tau-a: (concordant − discordant pairs) / all pairs, in time order.</summary>
    public static double KendallTau(IReadOnlyList<double> values)
    {
        var (score, pairs) = (0, values.Count * (values.Count - 1) / 2);
        for (var i = 0; i < values.Count; i++)
            for (var j = i + 1; j < values.Count; j++)
                score += Math.Sign(values[j] - values[i]);
        return pairs == 0 ? 0 : (double)score / pairs;
    }

    private static double Slope(IReadOnlyList<(int Position, double Value)> points)
    {
        var (mx, my) = (points.Average(p => p.Position), points.Average(p => p.Value));
        var sxx = points.Sum(p => (p.Position - mx) * (p.Position - mx));
        return sxx == 0 ? 0 : points.Sum(p => (p.Position - mx) * (p.Value - my)) / sxx;
    }
}
