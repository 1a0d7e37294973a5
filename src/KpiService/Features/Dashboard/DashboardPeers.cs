using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using KpiService.Domain.Authorities;
using KpiService.Domain.Dashboards;
using KpiService.Domain.Measures;
using KpiService.Domain.Peers;
using KpiService.Domain.Periods;
using KpiService.ReadModels.Reference;

namespace KpiService.Features.Dashboard;

/// <summary>A comparator's latest value: its name, the period it is for, published or computed/submitted, and how many authorities it averages.</summary>
public sealed record ComparatorResponse(string Name, double? Value, string? Period, string Source, int? Count, int? Of);

/// <summary>
/// Where the authority stands beside its statistical neighbours (simple mean of those with a value), its region and
/// England, each value with its own period (a September 2021 figure meets the 2020-21 outturn); rank and quartile
/// where enough authorities have a value (see the comparison read).
/// </summary>
public sealed record PeersResponse(ComparatorResponse? Neighbours, ComparatorResponse? Region, ComparatorResponse? England,
    int? Rank, int? Of, QuartileBand? Quartile, Versus? VersusNeighbours);

/// <summary>The peer block of a dashboard row, from the measure's peer data: the same rules as GET …/comparison.</summary>
public static class DashboardPeers
{
    /// <summary>
    /// Each block computed once per peer data, authority and model: the peer data is replaced whenever a figure of its
    /// measure changes (or reference data does), so a block kept with it can never outlive what it was computed from.
    /// </summary>
    private static readonly ConditionalWeakTable<PeerData, ConcurrentDictionary<(int LaNumber, int Model), (ReferenceSnapshot Reference, Measure Measure, (PeerSnapshot, PeersResponse)? Block)>> Computed = new();

    public static (PeerSnapshot Snapshot, PeersResponse Response)? Of(Authority authority, Measure measure, Period period, PeerData data, ReferenceSnapshot current, int model)
    {
        var blocks = Computed.GetValue(data, _ => new());
        if (blocks.TryGetValue((authority.LaNumber, model), out var kept) && ReferenceEquals(kept.Reference, current) && ReferenceEquals(kept.Measure, measure))
            return kept.Block;
        var block = Compute(authority, measure, period, data, current, model);
        blocks[(authority.LaNumber, model)] = (current, measure, block);
        return block;
    }

    private static (PeerSnapshot Snapshot, PeersResponse Response)? Compute(Authority authority, Measure measure, Period period, PeerData data, ReferenceSnapshot current, int model)
    {
        double? Population(int la) => current.PopulationFor(la, period);
        var neighbourList = (current.Neighbours.GetValueOrDefault((model, authority.LaNumber)) ?? []).Select(n => n.LaNumber).ToList();
        var neighbours = PeerComparison.Group(neighbourList, data, Population);
        var region = PeerComparison.Area("region", authority.Region.Code, current.RegionMembers(authority), data, measure);
        var england = PeerComparison.Area("england", PeerData.England, current.Authorities.Values.Where(a => a.Active).Select(a => a.LaNumber), data, measure);
        if (neighbours.Average is null && region.Value is null && england.Value is null) return null;

        var own = data.Exact.GetValueOrDefault(authority.LaNumber);
        var position = own is null ? null : PeerPositions.Of(authority.LaNumber, own.Value, measure.Polarity,
            data.InYear(), data.Published(),
            neighbourList, england.Source == ValueSource.Published ? england.Value : null);
        var (versus, _) = PeerComparison.VersusNeighbours(measure, own, neighbours, measure.EffectiveFlatThreshold());

        // The neighbours' values may come from different periods (an in-year figure, or a published outturn): name the latest.
        var members = neighbours.Members.Select(m => m.Value).OfType<PeerValue>().ToList();
        Period? neighbourPeriod = members.Count == 0 ? null : members.Max(m => m.Period);
        var neighbourSource = members.Count == 0 ? "none" : members.All(m => m.Source == ValueSource.Published) ? "published" : "submitted";
        var snapshot = new PeerSnapshot(
            neighbours.Average is { } average ? new ComparatorValue(average, neighbourPeriod, neighbourSource, neighbours.Count) : null,
            Area(region), Area(england), position?.Rank, position?.Of, position?.Quartile);
        var response = new PeersResponse(
            neighbours.Average is null ? null : new ComparatorResponse($"Statistical neighbours ({model} model)", neighbours.Average, neighbourPeriod?.ToString(), neighbourSource, neighbours.Count, neighbours.Of),
            region.Value is null ? null : new ComparatorResponse(authority.Region.Name, region.Value, region.Period.ToString(), Source(region), region.From, null),
            england.Value is null ? null : new ComparatorResponse("England", england.Value, england.Period.ToString(), Source(england), england.From, null),
            position?.Rank, position?.Of, position?.Quartile, versus);
        return (snapshot, response);
    }

    private static ComparatorValue? Area(AreaFigure area) => area.Value is { } value ? new ComparatorValue(value, area.Period, Source(area), area.From) : null;

    private static string Source(AreaFigure area) => area.Source == ValueSource.Published ? "published" : "computed";
}
