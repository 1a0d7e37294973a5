using KpiService.Domain.Authorities;
using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Peers;

/// <summary>
/// A group's average: simple mean of the members with a value, and weighted by population aged 0–17. Members without
/// one are left out and counted: <c>Suppressed</c> (a mark was published in place of the value) and <c>Missing</c>
/// (nothing for the period), so <c>Count + Suppressed + Missing = Of</c>.
/// </summary>
public sealed record GroupAverage(double? Average, double? WeightedAverage, int Count, int Of, IReadOnlyList<(int LaNumber, PeerValue? Value)> Members,
    int Suppressed = 0, int Missing = 0);

/// <summary>A region or England value: published where one exists (a true aggregate), else computed from the authorities' parts.</summary>
public sealed record AreaFigure(string Code, double? Value, string? Mark, Periods.Period Period, ValueSource Source, int? From, string? Note);

/// <summary>How one authority stands against its statistical neighbours, region, England and named groups (DOMAIN.md "Peer comparison").</summary>
public static class PeerComparison
{
    /// <param name="population">Population aged 0–17 of an authority in the period, for the weighted mean.</param>
    public static GroupAverage Group(IEnumerable<int> members, PeerData data, Func<int, double?> population)
    {
        var values = members.Select(la => (LaNumber: la, Value: data.ValueOf(la))).ToList();
        var present = values.Where(v => v.Value is not null).Select(v => v.Value!).ToList();
        // Weighted by population aged 0–17: a large county counts for more than a small unitary.
        var weighted = present.Select(v => (v.Value, Weight: population(v.LaNumber) ?? 0)).Where(v => v.Weight > 0).ToList();
        var suppressed = values.Count(v => v.Value is null && data.MarkOf(v.LaNumber) is not null);
        return new GroupAverage(
            present.Count > 0 ? present.Average(v => v.Value) : null,
            weighted.Count > 0 ? weighted.Sum(v => v.Value * v.Weight) / weighted.Sum(v => v.Weight) : null,
            present.Count, values.Count, values, suppressed, values.Count - present.Count - suppressed);
    }

    /// <summary>Region or England: a published figure wins; otherwise one computed from the authorities' own numerators and denominators.</summary>
    public static AreaFigure Area(string level, string code, IEnumerable<int> members, PeerData data, Measure measure)
    {
        if (data.Areas.TryGetValue((level, code), out var published))
            return new AreaFigure(code, published.Value, published.Mark, published.Period, ValueSource.Published, null, null);
        var values = members.Select(la => data.Exact.GetValueOrDefault(la)).OfType<PeerValue>().ToList();
        double? computed = values.Count == 0 ? null
            : measure.Unit == Unit.Count ? values.Sum(v => v.Value)
            : values.All(v => v.Numerator is not null && v.Denominator is not null)
                ? MeasureValue.FromParts(measure.Unit, values.Sum(v => v.Numerator!.Value), values.Sum(v => v.Denominator!.Value))
                : null;
        return new AreaFigure(code, computed, null, data.Period, ValueSource.Computed, values.Count,
            computed is null && values.Count > 0 ? "not computed: some authorities reported without numerator and denominator" : null);
    }

    /// <summary>
    /// Better, similar or worse than the neighbours: by whether 95 % intervals overlap where every value has its parts,
    /// otherwise by the margin (the benchmark rule's, or the measure's flat threshold).
    /// </summary>
    public static (Versus? Result, string Basis) VersusNeighbours(Measure measure, PeerValue? own, GroupAverage neighbours, double margin)
    {
        if (own is null || neighbours.Average is null || measure.Polarity == Polarity.Neutral) return (null, "none");
        var parts = neighbours.Members.Select(m => m.Value).OfType<PeerValue>().ToList();
        if (measure.Unit == Unit.Percentage && own is { Numerator: { } n, Denominator: { } d } && parts.Count > 0 && parts.All(v => v.Numerator is not null && v.Denominator is not null))
        {
            var mine = SmallNumbers.Wilson(n, d);
            var theirs = SmallNumbers.Wilson(parts.Sum(v => v.Numerator!.Value), parts.Sum(v => v.Denominator!.Value));
            if (mine is not null && theirs is not null)
            {
                if (mine.Upper >= theirs.Lower && theirs.Upper >= mine.Lower) return (Versus.Similar, "confidenceIntervals");
                var higher = mine.Lower > theirs.Upper;
                return (higher == (measure.Polarity == Polarity.Higher) ? Versus.Better : Versus.Worse, "confidenceIntervals");
            }
        }
        return (PeerStatistics.Compare(own.Value, neighbours.Average, measure.Polarity, margin), $"margin {margin}");
    }

    /// <summary>
    /// The average a benchmark rule rates against: for region and England their published figure where there is one,
    /// otherwise the mean of the group's members other than the authority itself.
    /// </summary>
    public static double? BenchmarkAverage(BenchmarkRule rule, Authority authority, IEnumerable<int> members, PeerData data, Func<int, double?> population)
    {
        if (rule.Group is "region" or "england"
            && data.Areas.TryGetValue((rule.Group, rule.Group == "england" ? PeerData.England : authority.Region.Code), out var published) && published.Value is { } value)
            return value;
        return Group(members.Where(la => la != authority.LaNumber), data, population).Average;
    }
}
