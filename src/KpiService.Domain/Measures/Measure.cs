namespace KpiService.Domain.Measures;

public enum Unit { Percentage, Count, RatePer10k, Average }

public enum Polarity { Higher, Lower, Neutral }

/// <summary>How values combine over periods: flows are summed, snapshots take the last, ratios recompute.</summary>
public enum Aggregation { Flow, Snapshot, Ratio }

/// <summary>A level band ("performance group" 1/2/3 in the seed reports): values at or beyond <c>From</c> in the polarity's direction; no <c>From</c> takes the rest.</summary>
public sealed record PerformanceGroupBand(int Group, double? From);

public sealed record Measure(
    string Id,
    string? Code,
    string Title,
    string Definition,
    string Area,
    Unit Unit,
    Polarity Polarity,
    int DecimalPlaces,
    Aggregation Aggregation,
    double? FlatThreshold = null,
    int? SmallCohortThreshold = null,
    IReadOnlyList<PerformanceGroupBand>? PerformanceGroups = null,
    bool RequiresNumeratorAndDenominator = false)
{
    /// <summary>Default flat threshold: 1 percentage point for percentages (DOMAIN.md); 0 otherwise (any move counts).</summary>
    public double EffectiveFlatThreshold() => FlatThreshold ?? (Unit == Unit.Percentage ? 1.0 : 0.0);

    public int EffectiveSmallCohortThreshold() => SmallCohortThreshold ?? 10;

    /// <summary>The seeds' default groups for higher-is-better percentages: 90+ → 1, 80 to below 90 → 2, below 80 → 3.</summary>
    public IReadOnlyList<PerformanceGroupBand>? EffectivePerformanceGroups() =>
        PerformanceGroups ?? (Unit == Unit.Percentage && Polarity == Polarity.Higher
            ? [new(1, 90), new(2, 80), new(3, null)]
            : null);

    public double Round(double value) => Math.Round(value, DecimalPlaces, MidpointRounding.AwayFromZero);
}
