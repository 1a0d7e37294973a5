using KpiService.Domain.Measures;

namespace KpiService.Features.Measures;

/// <summary>A measure with its effective rating defaults (the flat threshold and small-cohort threshold in force, the performance groups).</summary>
public sealed record MeasureResponse(
    string Id, string? Code, string Title, string Definition, string Area, Unit Unit, Polarity Polarity, int DecimalPlaces, Aggregation Aggregation,
    double FlatThreshold, int SmallCohortThreshold, IReadOnlyList<PerformanceGroupBand>? PerformanceGroups, bool RequiresNumeratorAndDenominator,
    string? LaitCode, PublishedYearType? PublishedYearType)
{
    public static MeasureResponse From(Measure m) => new(
        m.Id, m.Code, m.Title, m.Definition, m.Area, m.Unit, m.Polarity, m.DecimalPlaces, m.Aggregation,
        m.EffectiveFlatThreshold(), m.EffectiveSmallCohortThreshold(), m.EffectivePerformanceGroups(), m.RequiresNumeratorAndDenominator,
        m.LaitCode, m.PublishedYearType);
}
