using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Catalogue;

/// <summary>
/// What happens to one authority's catalogue (stream <c>catalogue:{laNumber}</c>). National measures are not here:
/// they stay admin-only reference data, and nothing on this stream changes another authority's view.
/// </summary>
public abstract record CatalogueEvent(int LaNumber);

/// <summary>A council defined (or redefined) its own measure; <c>Measure.Id</c> is the qualified <c>{laNumber}.{slug}</c>.</summary>
public sealed record LocalMeasureDefined(int LaNumber, Measure Measure) : CatalogueEvent(LaNumber);

/// <summary>
/// A council's own code and title for a national measure (Darlington's <c>CSC 209</c>, Gloucestershire's wording).
/// Both null: the national code and title again.
/// </summary>
public sealed record LocalNameSet(int LaNumber, string MeasureId, string? Code, string? Title) : CatalogueEvent(LaNumber);

/// <summary>A council's performance-group bands for a measure; null: the measure's own bands again.</summary>
public sealed record PerformanceGroupsSet(int LaNumber, string MeasureId, IReadOnlyList<PerformanceGroupBand>? Bands) : CatalogueEvent(LaNumber);

/// <summary>A council's names and colours for the four statuses (Slough's amber is "Yellow"); statuses it leaves out keep the default.</summary>
public sealed record LabelSchemeSet(int LaNumber, IReadOnlyDictionary<RagStatus, StatusLabel> Labels) : CatalogueEvent(LaNumber);
