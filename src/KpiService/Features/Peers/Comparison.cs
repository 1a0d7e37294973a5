using KpiService.ReadModels.Peers;
using KpiService.Domain.Authorities;
using KpiService.Domain.Measures;
using KpiService.Domain.Peers;
using KpiService.Domain.Ratings;
using KpiService.ReadModels.Reference;

namespace KpiService.Features.Peers;

/// <summary>How one authority stands against its statistical neighbours, region, England and named groups.</summary>
public static class Comparison
{
    public sealed record GroupAverage(string Id, string Name, double? Average, double? WeightedAverage, int Count, int Of, IReadOnlyList<object> Members);

    public static GroupAverage Group(string id, string name, IEnumerable<int> members, PeerData data, ReferenceSnapshot reference)
    {
        var all = members.ToList();
        var values = all.Select(la => (La: la, Value: data.ValueOf(la))).ToList();
        var present = values.Where(v => v.Value is not null).Select(v => v.Value!).ToList();
        // Weighted by population aged 0-17: a large county counts for more than a small unitary.
        var weighted = present.Select(v => (v.Value, Weight: reference.PopulationFor(v.LaNumber, data.Period) ?? 0)).Where(v => v.Weight > 0).ToList();
        return new GroupAverage(id, name,
            present.Count > 0 ? present.Average(v => v.Value) : null,
            weighted.Count > 0 ? weighted.Sum(v => v.Value * v.Weight) / weighted.Sum(v => v.Weight) : null,
            present.Count, all.Count,
            [.. values.Select(v => Member(v.La, v.Value, reference))]);
    }

    public static object Member(int laNumber, PeerValue? value, ReferenceSnapshot reference)
    {
        var authority = reference.Authorities.GetValueOrDefault(laNumber);
        return new { code = authority?.GssCode, laNumber, name = authority?.Name, value = value?.Value, period = value?.Period.ToString(), source = value?.Source };
    }

    /// <summary>Region or England: a published figure wins; otherwise one computed from the authorities' own parts.</summary>
    public static object Area(string level, string code, string name, IEnumerable<int> members, PeerData data, Measure measure)
    {
        if (data.Areas.TryGetValue((level, code), out var published))
            return new { code, name, value = published.Value, mark = published.Mark, period = published.Period.ToString(), source = "published" };
        var values = members.Select(la => data.Exact.GetValueOrDefault(la)).Where(v => v is not null).Select(v => v!).ToList();
        double? computed = values.Count == 0 ? null
            : measure.Unit == Unit.Count ? values.Sum(v => v.Value)
            : values.All(v => v.Numerator is not null && v.Denominator is not null) ? MeasureValue.FromParts(measure.Unit, values.Sum(v => v.Numerator!.Value), values.Sum(v => v.Denominator!.Value))
            : null;
        return new
        {
            code, name, value = computed, period = data.Period.ToString(), source = "computed", from = values.Count,
            note = computed is null && values.Count > 0 ? "not computed: some authorities reported without numerator and denominator" : null,
        };
    }

    /// <summary>
    /// Better, similar or worse than the neighbours: by whether 95 % intervals overlap where every value has its parts,
    /// otherwise by the margin (the benchmark rule's, or the measure's flat threshold).
    /// </summary>
    public static (Versus? Result, string Basis) VersusNeighbours(Measure measure, PeerValue? own, GroupAverage neighbours, PeerData data, IEnumerable<int> members, double margin)
    {
        if (own is null || neighbours.Average is null || measure.Polarity == Polarity.Neutral) return (null, "none");
        var parts = members.Select(data.ValueOf).Where(v => v is not null).ToList();
        if (measure.Unit == Unit.Percentage && own is { Numerator: { } n, Denominator: { } d } && parts.Count > 0 && parts.All(v => v!.Numerator is not null && v.Denominator is not null))
        {
            var mine = SmallNumbers.Wilson(n, d);
            var theirs = SmallNumbers.Wilson(parts.Sum(v => v!.Numerator!.Value), parts.Sum(v => v!.Denominator!.Value));
            if (mine is not null && theirs is not null)
            {
                if (mine.Upper >= theirs.Lower && theirs.Upper >= mine.Lower) return (Versus.Similar, "confidenceIntervals");
                var higher = mine.Lower > theirs.Upper;
                return (higher == (measure.Polarity == Polarity.Higher) ? Versus.Better : Versus.Worse, "confidenceIntervals");
            }
        }
        return (PeerStatistics.Compare(own.Value, neighbours.Average, measure.Polarity, margin), $"margin {margin}");
    }

    public static IEnumerable<int> RegionMembers(Authority authority, ReferenceSnapshot reference) =>
        reference.Authorities.Values.Where(a => a.Region.Code == authority.Region.Code).Select(a => a.LaNumber);
}
