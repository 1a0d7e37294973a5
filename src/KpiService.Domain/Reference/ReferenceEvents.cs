using KpiService.Domain.Authorities;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Reference;

/// <summary>Reference data changes rarely but keeps its history: each change is one of these events.</summary>
public abstract record ReferenceEvent;

public sealed record AuthorityRegistered(int LaNumber, string? GssCode, string Name, string RegionCode, string RegionName, string Type, bool Active) : ReferenceEvent;

public sealed record NeighboursPublished(int LaNumber, int Model, IReadOnlyList<Neighbour> Neighbours) : ReferenceEvent;

public sealed record PopulationSet(int LaNumber, int Year, double Aged0To17, string Source) : ReferenceEvent;

public sealed record MeasureDefined(Measure Measure) : ReferenceEvent;

/// <summary>A named set of authorities; <c>Owner</c> is the authority that keeps it (null: kept by the operator).</summary>
public sealed record ComparatorGroupSaved(string Id, string Name, IReadOnlyList<int> Members, int? Owner = null) : ReferenceEvent;

public sealed record DimensionDeclared(int LaNumber, string Dimension, IReadOnlyList<string> Values) : ReferenceEvent;

/// <param name="ExpiresAt">When the key stops working (null: until revoked or rotated).</param>
public sealed record ClientRegistered(string Id, string Name, byte[] Salt, byte[] KeyHash, IReadOnlyList<ScopeGrant> Scopes, DateTimeOffset? ExpiresAt = null) : ReferenceEvent;

/// <summary>A client's key replaced: the old one stops working at once, the new one (shown once) from now.</summary>
public sealed record ClientKeyRotated(string Id, byte[] Salt, byte[] KeyHash, DateTimeOffset? ExpiresAt) : ReferenceEvent;

/// <summary>A client's key withdrawn for good (a leaked key, a retired system).</summary>
public sealed record ClientRevoked(string Id, string Reason) : ReferenceEvent;

/// <summary>
/// Authorities that have agreed to see each other's in-year figures, as regional benchmarking clubs do. Without one,
/// an authority sees another's submitted values only as aggregates (means, ranks, quartiles).
/// </summary>
public sealed record DataSharingAgreed(string Id, string Name, IReadOnlyList<int> Members) : ReferenceEvent;

public sealed record DataSharingEnded(string Id, string Reason) : ReferenceEvent;

/// <summary>A scope (<c>read</c>, <c>submit</c>, <c>targets</c>, <c>admin</c>) over a list of LA numbers, or every authority.</summary>
public sealed record ScopeGrant(string Scope, bool AllAuthorities, IReadOnlyList<int> Authorities);

/// <summary>Written before benchmark rows became events: it holds counts only. Kept so old logs still read.</summary>
public sealed record BenchmarksImported(string Source, int Rows, IReadOnlyList<string> Measures) : ReferenceEvent;

/// <summary>
/// A rating rule set for an authority and measure (optionally one breakdown) from a period onwards: a target with
/// tolerance, bands, a benchmark, or a trajectory (a straight path from <c>TrajectoryStart</c> at <c>From</c> to
/// <c>Target</c> by <c>TrajectoryBy</c>: "200 foster carers by March 2023").
/// </summary>
public sealed record TargetSet(
    int LaNumber, string MeasureId, string? Breakdown, string From,
    double? Target, double? Tolerance, IReadOnlyList<Band>? Bands, string? BenchmarkGroup, double? BenchmarkMargin,
    IReadOnlyDictionary<RagStatus, string>? Labels, double? TrajectoryStart = null, string? TrajectoryBy = null) : ReferenceEvent
{
    public RatingRule ToRule()
    {
        var from = Period.Parse(From);
        if (Bands is { Count: > 0 }) return new BandsRule(from, Bands, Labels);
        if (BenchmarkGroup is not null) return new BenchmarkRule(from, BenchmarkGroup, BenchmarkMargin ?? 0, Labels);
        if (TrajectoryBy is not null && TrajectoryStart is { } start)
            return new TrajectoryRule(from, start, Period.Parse(TrajectoryBy), Target ?? 0, Tolerance ?? 0, Labels);
        return new TargetRule(from, Target ?? 0, Tolerance ?? 0, Labels);
    }
}

/// <summary>The shipped reference data was loaded (first start).</summary>
public sealed record ReferenceSeeded(string Source) : ReferenceEvent;

/// <summary>
/// One published value (LAIT, EES, a council's own import): authority, region or England; a suppressed cell keeps its
/// mark. <c>Period</c> is the service period it is compared with (<c>2022-23</c>); <c>Start</c> and <c>End</c> the
/// publisher's dates; <c>Label</c> the publisher's own name for the period (<c>2022/23 (Rev)</c>, <c>31 March 2023</c>;
/// null in events written before labels were kept, where it is the period); <c>Revised</c> marks a revision, kept
/// beside the first publication rather than over it.
/// </summary>
public sealed record PublishedFigure(string Period, DateOnly Start, DateOnly End, string Level, string Code, double? Value, string? Mark,
    string? Label = null, bool Revised = false);

/// <summary>
/// A source's published values of one measure, replacing what that source published for it before. The rows live
/// in the event, so the benchmarks read model can always be rebuilt.
/// </summary>
public sealed record BenchmarksPublished(string Source, string Measure, IReadOnlyList<PublishedFigure> Figures) : ReferenceEvent;

/// <summary>A source's values of one measure withdrawn (a wrong file, a superseded release).</summary>
public sealed record BenchmarksWithdrawn(string Source, string Measure, string? Reason) : ReferenceEvent;
