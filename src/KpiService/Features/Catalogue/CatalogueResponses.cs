using KpiService.Domain.Catalogue;
using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;
using KpiService.Features.Measures;

namespace KpiService.Features.Catalogue;

/// <summary>A measure as one authority sees it; <c>Local</c> marks the authority's own measures.</summary>
public sealed record AuthorityMeasure(MeasureResponse Measure, bool Local)
{
    public static AuthorityMeasure From(Measure measure) => new(MeasureResponse.From(measure), LocalMeasureIds.IsLocal(measure.Id));
}

/// <summary>What an authority has made its own: its measures, codes and titles for national ones, bands and status labels.</summary>
public sealed record CatalogueResponse(
    AuthorityReference Authority, IReadOnlyList<MeasureResponse> LocalMeasures, IReadOnlyDictionary<string, LocalName> LocalNames,
    IReadOnlyDictionary<string, IReadOnlyList<PerformanceGroupBand>> PerformanceGroups, IReadOnlyDictionary<RagStatus, StatusLabel> Labels, string ETag)
{
    public static CatalogueResponse From(Domain.Authorities.Authority authority, AuthorityCatalogue catalogue) => new(
        authority.ToReference(), [.. catalogue.LocalMeasures.Values.OrderBy(m => m.Id, StringComparer.Ordinal).Select(MeasureResponse.From)],
        catalogue.LocalNames, catalogue.PerformanceGroups, catalogue.LabelScheme.Labels, Common.ETags.Of(catalogue.Version));
}
