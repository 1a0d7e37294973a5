using KpiService.Domain.Authorities;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;
using KpiService.Domain.Reference;

namespace KpiService.ReadModels.Reference;

/// <summary>
/// An immutable, in-memory copy of the reference read models (a few thousand rows). Ratings and comparisons run
/// hundreds of times a second and must not query measures, targets and neighbours each time; any change anywhere
/// (this replica, or another one seen by following the event log) swaps in a fresh snapshot.
/// </summary>
public sealed class ReferenceSnapshot : Domain.Figures.IFigureReference
{
    public required IReadOnlyDictionary<int, Authority> Authorities { get; init; }
    public required IReadOnlyDictionary<string, Authority> AuthoritiesByGss { get; init; }
    public required IReadOnlyDictionary<(int Model, int LaNumber), IReadOnlyList<Neighbour>> Neighbours { get; init; }
    public required IReadOnlyDictionary<int, SortedList<int, double>> Populations { get; init; }
    public required IReadOnlyDictionary<string, Measure> Measures { get; init; }
    /// <summary>Each measure's stream version: its ETag.</summary>
    public required IReadOnlyDictionary<string, long> MeasureVersions { get; init; }
    public required IReadOnlyDictionary<(int LaNumber, string Measure, string Breakdown), IReadOnlyList<TargetSet>> Targets { get; init; }
    public required IReadOnlyDictionary<string, ComparatorGroupSaved> Groups { get; init; }
    public required IReadOnlyDictionary<string, long> GroupVersions { get; init; }
    public required IReadOnlyDictionary<(int LaNumber, string Dimension), IReadOnlyList<string>> Dimensions { get; init; }
    public required IReadOnlyDictionary<string, ClientRecord> Clients { get; init; }
    /// <summary>Data-sharing agreements in force, by id.</summary>
    public required IReadOnlyDictionary<string, SharingAgreement> SharingAgreements { get; init; }
    public required WorkingDays WorkingDays { get; init; }
    /// <summary>Each council's own catalogue (local measures, codes and titles, performance groups, labels), by LA number.</summary>
    public required IReadOnlyDictionary<int, AuthorityCatalogue> Catalogues { get; init; }
    /// <summary>Each council's reporting schedule (which measures, how often, due when; periods marked), by LA number.</summary>
    public required IReadOnlyDictionary<int, ReportingSchedule> Schedules { get; init; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, AuthorityView> _views = new();

    /// <summary>The measures one authority sees: national ones with its own codes, titles and groups, plus its own measures.</summary>
    public AuthorityView ViewOf(int laNumber) => _views.GetOrAdd(laNumber, la =>
        AuthorityView.Of(Measures.Values, Catalogues.GetValueOrDefault(la) ?? AuthorityCatalogue.Empty(la)));

    public ReportingSchedule ScheduleOf(int laNumber) => Schedules.GetValueOrDefault(laNumber) ?? ReportingSchedule.Empty(laNumber);

    public IReadOnlyList<int> Models => [.. Neighbours.Keys.Select(k => k.Model).Distinct().Order()];

    /// <summary>An authority by GSS code (<c>E10000013</c>) or LA number (<c>916</c>).</summary>
    public Authority? FindAuthority(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        code = code.Trim();
        if (int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var la))
            return Authorities.GetValueOrDefault(la);
        return AuthoritiesByGss.GetValueOrDefault(code.ToUpperInvariant());
    }

    /// <summary>A measure as an authority names it (national id, its own local id or slug, or a code it uses); national only without one.</summary>
    public Measure? FindMeasure(int? laNumber, string idOrCode) =>
        laNumber is { } la && Authorities.ContainsKey(la) ? ViewOf(la).Find(idOrCode) : Measures.GetValueOrDefault(idOrCode);

    public IReadOnlyList<string>? DimensionValues(int laNumber, string dimension) => Dimensions.GetValueOrDefault((laNumber, dimension));

    /// <summary>Population aged 0–17 for the latest year not after the period's end year.</summary>
    public double? PopulationFor(int laNumber, Period period)
    {
        if (!Populations.TryGetValue(laNumber, out var years)) return null;
        double? found = null;
        foreach (var (year, population) in years)
            if (year <= period.End.Year) found = population;
        return found;
    }

    /// <summary>The statistical-neighbour model used unless another is asked for.</summary>
    public const int DefaultNeighbourModel = 2025;

    /// <summary>The members of a comparator group as a rule or comparison names it: neighbours, region, england or a named group.</summary>
    public IEnumerable<int> GroupMembers(string group, Authority authority) => group switch
    {
        "neighbours" => (Neighbours.GetValueOrDefault((DefaultNeighbourModel, authority.LaNumber)) ?? []).Select(n => n.LaNumber),
        "region" => RegionMembers(authority),
        "england" => Authorities.Values.Where(a => a.Active).Select(a => a.LaNumber),
        var id => Groups.TryGetValue(id, out var named) ? named.Members : [],
    };

    public IEnumerable<int> RegionMembers(Authority authority) =>
        Authorities.Values.Where(a => a.Active && a.Region.Code == authority.Region.Code).Select(a => a.LaNumber);

    /// <summary>The authority's rules for a measure; a breakdown's own rules win over the authority total's.</summary>
    public IReadOnlyList<RatingRule> RulesFor(int laNumber, string measure, string breakdown)
    {
        if (breakdown.Length > 0 && Targets.TryGetValue((laNumber, measure, breakdown), out var own)) return [.. own.Select(t => t.ToRule())];
        return Targets.TryGetValue((laNumber, measure, ""), out var total) ? [.. total.Select(t => t.ToRule())] : [];
    }
}
