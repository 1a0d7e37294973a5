using KpiService.Domain.Analytics;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Measures;
using KpiService.Domain.Peers;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;

namespace KpiService.Domain.Dashboards;

/// <summary>
/// One authority's monthly board pack as a document: every measure it reports for the window, grouped as the seed
/// reports group them (by thematic area or by performance group), with a summary and the exception lists.
/// The JSON read, the CSV and XLSX exports, the printable HTML and the charts are all renderings of this.
/// </summary>
public sealed record Dashboard(
    AuthorityHeading Authority, Period Period, Period From, int Months, DashboardGrouping GroupBy, string? Breakdown,
    DateTimeOffset? AsAt, int NeighbourModel, LabelScheme Labels, DashboardSummary Summary,
    IReadOnlyList<DashboardGroup> Groups, DateTimeOffset GeneratedAt);

public enum DashboardGrouping { Area, PerformanceGroup }

public sealed record AuthorityHeading(string? Code, int LaNumber, string Name);

public sealed record DashboardGroup(string Key, string Title, IReadOnlyList<DashboardRow> Rows);

/// <summary>
/// One measure: its series over the window, the assessment of the period (absent when there is no figure, with
/// <c>DataState</c> saying why), its peers' latest values and the commentary.
/// </summary>
public sealed record DashboardRow(
    MeasureHeading Measure, DataState DataState, string? DataStateReason, DateOnly? DueBy,
    IReadOnlyList<SeriesPoint> Series, MeasureAssessment? Assessment, PeerSnapshot? Peers, Commentary? Commentary,
    int? Revision, bool LateRestatement);

public sealed record MeasureHeading(string Id, string? Code, string Title, string Area, Unit Unit, Polarity Polarity, int DecimalPlaces);

public sealed record SeriesPoint(Period Period, double? Value, RagStatus? Status);

/// <summary>The latest statistical-neighbour, region and England values, each with its own period.</summary>
public sealed record PeerSnapshot(ComparatorValue? Neighbours, ComparatorValue? Region, ComparatorValue? England, int? Rank, int? Of, QuartileBand? Quartile);

public sealed record ComparatorValue(double? Value, Period? Period, string Source, int? Count);

public sealed record DashboardSummary(
    int Green, int Amber, int Red, int Unrated, int NoFigure,
    IReadOnlyList<ExceptionEntry> GoingWell, IReadOnlyList<ExceptionEntry> OnesToWatch, IReadOnlyList<ExceptionEntry> DoBetter);

public sealed record ExceptionEntry(string MeasureId, string Title, string Reason);
