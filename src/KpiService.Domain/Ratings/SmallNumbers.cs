namespace KpiService.Domain.Ratings;

public sealed record ConfidenceInterval(double Lower, double Upper);

public static class SmallNumbers
{
    private const double Z95 = 1.959963984540054;

    /// <summary>
    /// The 95 % Wilson score interval of a proportion, in percentage points. Wilson rather than the normal
    /// approximation because council cohorts are small and often at 0 % or 100 %, where the normal interval collapses.
    /// </summary>
    public static ConfidenceInterval? Wilson(double numerator, double denominator)
    {
        if (denominator <= 0 || numerator < 0 || numerator > denominator) return null;
        var p = numerator / denominator;
        var z2 = Z95 * Z95;
        var centre = (p + z2 / (2 * denominator)) / (1 + z2 / denominator);
        var half = Z95 * Math.Sqrt(p * (1 - p) / denominator + z2 / (4 * denominator * denominator)) / (1 + z2 / denominator);
        return new ConfidenceInterval(Math.Max(0, centre - half) * 100, Math.Min(1, centre + half) * 100);
    }
}
