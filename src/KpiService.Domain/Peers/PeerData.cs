using KpiService.Domain.Periods;

namespace KpiService.Domain.Peers;

public enum ValueSource { Submitted, Published, Computed }

/// <summary>An authority's value for comparison: submitted to this service, or published (LAIT and other imports), each with its own period.</summary>
public sealed record PeerValue(int LaNumber, double Value, double? Numerator, double? Denominator, Period Period, ValueSource Source);

/// <summary>A published region or England figure (or its suppression mark), with the period it is for.</summary>
public sealed record AreaValue(string Code, double? Value, string? Mark, Period Period);

/// <summary>
/// Everything a comparison of one measure and period needs: the authorities' values for the period itself, the latest
/// published figure of each before the period ends, and published region and England figures.
/// </summary>
public sealed record PeerData(
    Period Period,
    IReadOnlyDictionary<int, PeerValue> Exact,
    IReadOnlyDictionary<int, PeerValue> LatestPublished,
    IReadOnlyDictionary<(string Level, string Code), AreaValue> Areas)
{
    public const string England = "E92000001";

    /// <summary>The value for the period itself; failing that the latest published annual figure before its end.</summary>
    public PeerValue? ValueOf(int laNumber) => Exact.GetValueOrDefault(laNumber) ?? LatestPublished.GetValueOrDefault(laNumber);
}
