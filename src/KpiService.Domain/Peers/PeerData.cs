using KpiService.Domain.Benchmarks;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Peers;

public enum ValueSource { Submitted, Published, Computed }

/// <summary>What a comparison has of an authority for the period: a value, a suppression mark published in its place, or nothing.</summary>
public enum PeerState { Reported, Suppressed, Missing }

/// <summary>An authority's value for comparison: submitted to this service, or published (LAIT and other imports), each with its own period.</summary>
public sealed record PeerValue(int LaNumber, double Value, double? Numerator, double? Denominator, Period Period, ValueSource Source);

/// <summary>A published region or England figure (or its suppression mark), with the period it is for.</summary>
public sealed record AreaValue(string Code, double? Value, string? Mark, Period Period);

/// <summary>A suppression mark (<c>c</c>, <c>-</c>, <c>x</c>…) published in place of an authority's value.</summary>
public sealed record PublishedMark(int LaNumber, string Mark, Period Period);

/// <summary>
/// Everything a comparison of one measure and period needs: the authorities' values for the period itself, and the
/// values of the latest published period ending by its end (<c>LatestPublished</c>: one period for every authority,
/// so an authority missing from it is missing, never filled in from an older year), and published region and England
/// figures. <c>Marks</c>: suppression marks published in place of an authority's value, the period's own first.
/// </summary>
public sealed record PeerData(
    Period Period,
    IReadOnlyDictionary<int, PeerValue> Exact,
    IReadOnlyDictionary<int, PeerValue> LatestPublished,
    IReadOnlyDictionary<(string Level, string Code), AreaValue> Areas)
{
    public const string England = "E92000001";

    public IReadOnlyDictionary<int, PublishedMark> Marks { get; init; } = new Dictionary<int, PublishedMark>();

    /// <summary>The value for the period itself; failing that the authority's value in the latest published period before its end.</summary>
    public PeerValue? ValueOf(int laNumber) => Exact.GetValueOrDefault(laNumber) ?? LatestPublished.GetValueOrDefault(laNumber);

    /// <summary>The mark published in place of the value <see cref="ValueOf"/> would have given, if there is one.</summary>
    public PublishedMark? MarkOf(int laNumber) => ValueOf(laNumber) is null ? Marks.GetValueOrDefault(laNumber) : null;

    /// <summary>The authority's own position for the period itself: its value, a mark published in its place (<c>suppressed</c>, not blank), or nothing.</summary>
    public PeerState OwnState(int laNumber) =>
        Exact.ContainsKey(laNumber) ? PeerState.Reported
        : Marks.TryGetValue(laNumber, out var mark) && mark.Period == Period ? PeerState.Suppressed
        : PeerState.Missing;

    /// <summary>
    /// The period's own values as a distribution to rank in, without authorities that did not exist on its last day
    /// (LA 835, Dorset's old county, is kept for history but never ranked against the authorities of 2021-22).
    /// </summary>
    public PeerDistribution InYear() =>
        new(Period, Exact.Where(v => Rankable(v.Key, Period)).ToDictionary(v => v.Key, v => v.Value.Value), Published: false);

    /// <summary>The latest published period's values as a distribution (the fallback for in-year ranking), without retired authorities.</summary>
    public PeerDistribution? Published()
    {
        if (LatestPublished.Count == 0) return null;
        var latest = LatestPublished.Values.Max(v => v.Period);
        return new(latest, LatestPublished.Values.Where(v => v.Period == latest && Rankable(v.LaNumber, latest)).ToDictionary(v => v.LaNumber, v => v.Value), Published: true);
    }

    /// <summary>Whether the authority existed on the period's last day, so that its value may be ranked against the others'.</summary>
    public static bool Rankable(int laNumber, Period period) => AuthorityLifespans.IsCurrent(laNumber, period.End);
}
