using System.Collections.Immutable;
using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Catalogue;

/// <summary>A council's own code and title for a national measure; a null part keeps the national one.</summary>
public sealed record LocalName(string? Code, string? Title);

/// <summary>One authority's catalogue, folded from its <see cref="CatalogueEvent"/>s.</summary>
public sealed record AuthorityCatalogue(
    int LaNumber,
    ImmutableDictionary<string, Measure> LocalMeasures,
    ImmutableDictionary<string, LocalName> LocalNames,
    ImmutableDictionary<string, IReadOnlyList<PerformanceGroupBand>> PerformanceGroups,
    ImmutableDictionary<RagStatus, StatusLabel> Labels,
    long Version)
{
    public static AuthorityCatalogue Empty(int laNumber) => new(laNumber,
        ImmutableDictionary<string, Measure>.Empty, ImmutableDictionary<string, LocalName>.Empty,
        ImmutableDictionary<string, IReadOnlyList<PerformanceGroupBand>>.Empty, ImmutableDictionary<RagStatus, StatusLabel>.Empty, 0);

    /// <summary>The labels this authority shows: its own where set, the national default for the rest.</summary>
    public LabelScheme LabelScheme => new(LabelScheme.Default.Labels.Keys.ToDictionary(status => status, status =>
        Labels.TryGetValue(status, out var own) ? own : LabelScheme.Default.Labels[status]));

    public static AuthorityCatalogue Evolve(AuthorityCatalogue state, CatalogueEvent @event)
    {
        var next = @event switch
        {
            LocalMeasureDefined defined => state with { LocalMeasures = state.LocalMeasures.SetItem(defined.Measure.Id, defined.Measure) },
            LocalNameSet { Code: null, Title: null } cleared => state with { LocalNames = state.LocalNames.Remove(cleared.MeasureId) },
            LocalNameSet named => state with { LocalNames = state.LocalNames.SetItem(named.MeasureId, new LocalName(named.Code, named.Title)) },
            PerformanceGroupsSet { Bands: null } cleared => state with { PerformanceGroups = state.PerformanceGroups.Remove(cleared.MeasureId) },
            PerformanceGroupsSet groups => state with { PerformanceGroups = state.PerformanceGroups.SetItem(groups.MeasureId, groups.Bands!) },
            LabelSchemeSet labels => state with { Labels = labels.Labels.ToImmutableDictionary() },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown catalogue event"),
        };
        return next with { Version = state.Version + 1 };
    }

    public static AuthorityCatalogue Fold(int laNumber, IEnumerable<CatalogueEvent> events) =>
        events.Aggregate(Empty(laNumber), Evolve);
}
