using KpiService.Domain.Catalogue;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;

namespace KpiService.Reports.Tidy;

/// <summary>Whose value a tidy row holds: one authority's, or an aggregate a comparison sets beside it.</summary>
public enum TidyLevel { Authority, StatisticalNeighbours, Region, England, ComparatorGroup }

/// <summary>
/// One observation, the unit of every export: one authority (or comparator) × measure × period × breakdown, with the
/// value and how it was rated. The dashboard, scorecard, figures, comparison and league reads all map to these
/// rows, so a CSV or the XLSX data sheet has the same columns whichever read produced it. Values are unrounded.
/// </summary>
public sealed record TidyRow(
    TidyLevel Level, string? AuthorityCode, int? LaNumber, string Authority,
    string MeasureId, string? MeasureCode, string Measure, string? Area, Unit Unit, int DecimalPlaces,
    Period Period, string? Breakdown,
    double? Value, double? Numerator = null, double? Denominator = null,
    double? Target = null, RagStatus? Status = null, string? Label = null,
    DataState? DataState = null, string? Note = null);
