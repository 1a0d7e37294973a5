namespace KpiService.Domain.Measures;

/// <summary>
/// How a value is expressed. Rates are counts per 1,000, 10,000 or 100,000 of the population aged 0–17 (DfE publishes
/// most children's social care rates per 10,000; some public-health and youth-justice figures per 1,000 or 100,000).
/// New members go at the end: stored events name units by string, but numbering stays stable all the same.
/// </summary>
public enum Unit { Percentage, Count, RatePer10k, Average, RatePer1k, RatePer100k }

public enum Polarity { Higher, Lower, Neutral }

/// <summary>How values combine over periods: flows are summed, snapshots take the last, ratios recompute.</summary>
public enum Aggregation { Flow, Snapshot, Ratio }

/// <summary>A level band ("performance group" 1/2/3 in the seed reports): values at or beyond <c>From</c> in the polarity's direction; no <c>From</c> takes the rest.</summary>
public sealed record PerformanceGroupBand(int Group, double? From);

/// <summary>A KPI definition (DOMAIN.md "Measures").</summary>
/// <param name="Code">The code shown beside the title: a LAIT short code for national measures, or a council's own.</param>
/// <param name="LaitCode">DfE LAIT's short code (<c>Measure_short</c>) where LAIT publishes this measure, so its published
/// values are matched to it and a user does not define it twice.</param>
/// <param name="PublishedYearType">How the published values' years are dated, where they are published.</param>
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
    bool RequiresNumeratorAndDenominator = false,
    string? LaitCode = null,
    PublishedYearType? PublishedYearType = null)
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
