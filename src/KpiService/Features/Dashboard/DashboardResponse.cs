using KpiService.Domain.Catalogue;
using KpiService.Domain.Dashboards;
using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;
using KpiService.Features.Ratings;

namespace KpiService.Features.Dashboard;

/// <summary>
/// One authority's monthly board pack as one document: every measure it reports, grouped by thematic area or by
/// performance group, with a summary of statuses and the exception lists. The CSV, XLSX and printable HTML of the same
/// read are renderings of exactly this.
/// </summary>
/// <param name="From">The first period of each row's series.</param>
/// <param name="Months">How many periods each series holds (the seeds print 13 months).</param>
/// <param name="AsAt">When given, figures as they stood at that moment (what the board saw then).</param>
/// <param name="NeighbourModel">The statistical-neighbour model the peer values use.</param>
/// <param name="Labels">The authority's names and colours for the four statuses.</param>
public sealed record DashboardResponse(
    AuthorityReference Authority, string Period, string From, int Months, DashboardGrouping GroupBy, string? Breakdown, DateTimeOffset? AsAt,
    int NeighbourModel, DateTimeOffset GeneratedAt, IReadOnlyDictionary<RagStatus, StatusLabel> Labels,
    DashboardSummaryResponse Summary, IReadOnlyList<DashboardGroupResponse> Groups);

/// <summary>
/// Counts per status over the measures with a figure, how many have none (<c>NoFigure</c>: due, overdue, awaiting a
/// partner…), and the three exception lists Southampton's board pack opens with (seeds/001 lines 3–44).
/// </summary>
public sealed record DashboardSummaryResponse(
    int Measures, int Green, int Amber, int Red, int Unrated, int NoFigure,
    IReadOnlyList<ExceptionEntry> GoingWell, IReadOnlyList<ExceptionEntry> OnesToWatch, IReadOnlyList<ExceptionEntry> DoBetter);

/// <param name="Key">A stable key: the area's slug, or performance-group-1…3 and no-performance-group.</param>
public sealed record DashboardGroupResponse(string Key, string Title, IReadOnlyList<DashboardRowResponse> Rows);

/// <summary>A period of a row's window: its value and the status the rule in force then gave it.</summary>
public sealed record SeriesPointResponse(string Period, double? Value, RagStatus? Status);

/// <summary>
/// One measure. <c>Rating</c> is the rating read's own answer for the period (status, label, colour, change, distance,
/// direction and judgement, trend, year to date, year on year, persistence, exception group, SPC icons, forecast);
/// absent when the period has no figure, and then <c>DataState</c> says why (due, overdue, awaiting a partner…).
/// </summary>
/// <param name="Quarter">The financial quarter to date of a monthly period ("2021-22-Q2", July–September).</param>
/// <param name="Revision">The period's figure's revision (1 as first reported).</param>
/// <param name="LateRestatement">The latest revision came after the figure had matured.</param>
public sealed record DashboardRowResponse(
    string Measure, string? MeasureCode, string MeasureTitle, string Area, Unit Unit, Polarity Polarity, int DecimalPlaces,
    DataState DataState, string? DataStateReason, DateOnly? DueBy, IReadOnlyList<SeriesPointResponse> Series,
    RatingResponse? Rating, AggregateResponse? Quarter, PeersResponse? Peers, int? Revision, bool Revised, bool LateRestatement,
    Commentary? Commentary);
