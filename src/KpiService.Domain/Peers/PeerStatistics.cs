using KpiService.Domain.Measures;

namespace KpiService.Domain.Peers;

public enum QuartileBand { A, B, C, D }

public enum Versus { Better, Similar, Worse }

public sealed record Quartiles(double Q1, double Median, double Q3);

/// <summary>Ranks and quartile bands as DfE's LAIT computes them.</summary>
public static class PeerStatistics
{
    /// <summary>R's default quantile (type 7): linear interpolation between order statistics at h = (n − 1)p.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        var h = (sorted.Count - 1) * p;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }

    public static Quartiles QuartilesOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return new(Quantile(sorted, 0.25), Quantile(sorted, 0.5), Quantile(sorted, 0.75));
    }

    /// <summary>
    /// Intervals [min, q1], (q1, median], (median, q3], (q3, max]: a value on a breakpoint belongs to the lower
    /// interval. The best interval by polarity is A. Neutral measures are not banded.
    /// </summary>
    public static QuartileBand? BandOf(double value, Quartiles quartiles, Polarity polarity)
    {
        if (polarity == Polarity.Neutral) return null;
        var fromLowest = value <= quartiles.Q1 ? 0 : value <= quartiles.Median ? 1 : value <= quartiles.Q3 ? 2 : 3;
        return (QuartileBand)(polarity == Polarity.Lower ? fromLowest : 3 - fromLowest);
    }

    /// <summary>Rank 1 is best by polarity; ties share the best rank (competition ranking, "1224").</summary>
    public static int? RankOf(double value, IEnumerable<double> all, Polarity polarity) =>
        polarity switch
        {
            Polarity.Higher => 1 + all.Count(v => v > value),
            Polarity.Lower => 1 + all.Count(v => v < value),
            _ => null,
        };

    public static Versus? Compare(double value, double? average, Polarity polarity, double margin)
    {
        if (average is null || polarity == Polarity.Neutral) return null;
        var better = polarity == Polarity.Higher ? value - average.Value : average.Value - value;
        return Math.Abs(better) <= margin ? Versus.Similar : better > 0 ? Versus.Better : Versus.Worse;
    }
}
