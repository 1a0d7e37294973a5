using KpiService.Domain.Authorities;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Dashboards;
using KpiService.Domain.Figures;
using KpiService.Domain.Measures;
using KpiService.Domain.Peers;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;
using KpiService.Features.Ratings;
using KpiService.ReadModels.Assessments;
using KpiService.ReadModels.Reference;

namespace KpiService.Features.Dashboard;

/// <summary>What a dashboard shows: how many periods each row's series holds, how rows are grouped, which breakdown, as at when, and which neighbour model.</summary>
public sealed record DashboardOptions(int Months, DashboardGrouping GroupBy, string Breakdown, DateTimeOffset? AsAt, int Model)
{
    public const int DefaultMonths = 13, MaxMonths = 36;
}

/// <summary>Everything one dashboard is assembled from, read beforehand in a few bulk reads.</summary>
public sealed record DashboardSource(
    Authority Authority, ReferenceSnapshot Reference, Period Period, DashboardOptions Options, DateOnly Today, DateTimeOffset GeneratedAt,
    IReadOnlyList<AssessedMeasure> Assessed, IReadOnlyList<FigureRecord> Figures, IReadOnlyDictionary<string, PeerData> Peers,
    Func<Measure, IEnumerable<FigureRecord>, ComposedSeries> Compose);

/// <summary>
/// Lays the assessed measures out as the seed reports do: rows in the council's own order (its reporting schedule's,
/// else the catalogue's), grouped by thematic area in order of first appearance, or by performance group 1, 2, 3 then
/// none; a measure the schedule expects but that has no figure keeps its row and says why. Pure: no I/O.
/// </summary>
public static class DashboardAssembly
{
    /// <summary>
    /// The measures a dashboard lists: the ones the authority's reporting schedule names, in its order (the council's
    /// own pack, whatever else it has sent); without a schedule, every measure with a figure in the window, in the
    /// catalogue's order.
    /// </summary>
    public static IReadOnlyList<Measure> MeasuresOf(AuthorityView view, ReportingSchedule schedule, IEnumerable<AssessedMeasure> assessed,
        IEnumerable<FigureRecord> figures, Period from, Period period, string breakdown)
    {
        if (schedule.Entries.Count > 0)
            return [.. schedule.Entries.Select(e => view.Find(e.MeasureId)).OfType<Measure>().DistinctBy(m => m.Id)];
        var withFigures = figures.Where(f => f.Key.BreakdownKey == breakdown && f.Key.Period.Start >= from.Start && f.Key.Period.End <= period.End)
            .Select(f => f.Key.MeasureId).Concat(assessed.Select(a => a.Measure.Id)).ToHashSet(StringComparer.Ordinal);
        return [.. view.Measures.Where(m => withFigures.Contains(m.Id))];
    }

    public static (Domain.Dashboards.Dashboard Document, DashboardResponse Response) Assemble(DashboardSource source, IReadOnlyList<Measure> measures)
    {
        var (authority, current, period, options) = (source.Authority, source.Reference, source.Period, source.Options);
        var labels = current.ViewOf(authority.LaNumber).Labels;
        var window = MeasureSeries.Window(period, options.Months);
        var assessedById = source.Assessed.ToDictionary(a => a.Measure.Id, StringComparer.Ordinal);
        var figuresByMeasure = source.Figures.ToLookup(f => f.Key.MeasureId, StringComparer.Ordinal);
        var received = source.Figures.Where(f => f.Key.BreakdownKey.Length == 0).Select(f => new ReceivedFigure(authority.LaNumber, f.Key.MeasureId, f.Key.Period))
            .Concat(source.Assessed.Select(a => new ReceivedFigure(authority.LaNumber, a.Measure.Id, period))).ToHashSet();

        var rows = new List<(DashboardRow Row, DashboardRowResponse Response)>(measures.Count);
        foreach (var measure in measures)
        {
            var assessed = assessedById.GetValueOrDefault(measure.Id);
            var series = assessed?.Series ?? source.Compose(measure, figuresByMeasure[measure.Id]);
            var rating = assessed?.Assessment.Rating;
            var points = MeasureSeries.Points(measure, series.Series, current.RulesFor(authority.LaNumber, measure.Id, options.Breakdown), window, rating);
            var (state, reason, due) = assessed is not null ? (DataState.Received, null, null)
                : StateOf(current.ScheduleOf(authority.LaNumber), measure, period, source.Today, received, current.WorkingDays);
            var figure = figuresByMeasure[measure.Id].FirstOrDefault(f => f.Key.BreakdownKey == options.Breakdown && f.Key.Period == period);
            var peers = source.Peers.TryGetValue(measure.Id, out var data) ? DashboardPeers.Of(authority, measure, period, data, current, options.Model) : null;
            var commentary = assessed?.Commentary;
            var row = new DashboardRow(MeasureSeries.Heading(measure), state, reason, due, points, assessed?.Assessment, peers?.Snapshot, commentary,
                figure?.Revision, figure?.LateRestatement ?? false);
            var rowResponse = new DashboardRowResponse(measure.Id, measure.Code, measure.Title, measure.Area, measure.Unit, measure.Polarity, measure.DecimalPlaces,
                state, reason, due, [.. points.Select(p => new SeriesPointResponse(p.Period.ToString(), p.Value, p.Status))],
                assessed is null ? null : RatingResponse.From(assessed), Quarter(measure, series.Series, period), peers?.Response,
                figure?.Revision, figure?.Revision > 1, figure?.LateRestatement ?? false, commentary);
            rows.Add((row, rowResponse));
        }

        var groups = Groups(rows, options.GroupBy);
        var all = groups.SelectMany(g => g.Rows).ToList();
        int Count(RagStatus status) => all.Count(r => r.Row.Assessment?.Rating.Status == status);
        List<ExceptionEntry> In(Domain.Analytics.ExceptionGroup group) => [.. all
            .Where(r => r.Row.Assessment?.Exception?.Group == group)
            .Select(r => new ExceptionEntry(r.Row.Measure.Id, r.Row.Measure.Title, r.Row.Assessment!.Exception!.Reason))];
        var summary = new DashboardSummary(Count(RagStatus.Green), Count(RagStatus.Amber), Count(RagStatus.Red), Count(RagStatus.Unrated),
            all.Count(r => r.Row.Assessment is null), In(Domain.Analytics.ExceptionGroup.GoingWell), In(Domain.Analytics.ExceptionGroup.OnesToWatch),
            In(Domain.Analytics.ExceptionGroup.DoBetter));

        var breakdown = options.Breakdown.Length == 0 ? null : options.Breakdown;
        var document = new Domain.Dashboards.Dashboard(
            new AuthorityHeading(authority.GssCode, authority.LaNumber, authority.Name), period, window[0], window.Count, options.GroupBy, breakdown,
            options.AsAt, options.Model, labels, summary,
            [.. groups.Select(g => new DashboardGroup(g.Key, g.Title, [.. g.Rows.Select(r => r.Row)]))], source.GeneratedAt);
        var response = new DashboardResponse(authority.ToReference(), period.ToString(), window[0].ToString(), window.Count, options.GroupBy, breakdown,
            options.AsAt, options.Model, source.GeneratedAt, Enum.GetValues<RagStatus>().ToDictionary(s => s, labels.For),
            new DashboardSummaryResponse(all.Count, summary.Green, summary.Amber, summary.Red, summary.Unrated, summary.NoFigure,
                summary.GoingWell, summary.OnesToWatch, summary.DoBetter),
            [.. groups.Select(g => new DashboardGroupResponse(g.Key, g.Title, [.. g.Rows.Select(r => r.Response)]))]);
        return (document, response);
    }

    private sealed record Group(string Key, string Title, List<(DashboardRow Row, DashboardRowResponse Response)> Rows);

    private static List<Group> Groups(List<(DashboardRow Row, DashboardRowResponse Response)> rows, DashboardGrouping grouping) =>
        grouping == DashboardGrouping.Area
            // GroupBy keeps the order of first appearance: the council's order of its areas.
            ? [.. rows.GroupBy(r => r.Row.Measure.Area).Select(g => new Group(Slug(g.Key), g.Key, [.. g]))]
            : [.. rows.GroupBy(r => r.Row.Assessment?.Rating.PerformanceGroup).OrderBy(g => g.Key ?? int.MaxValue)
                .Select(g => g.Key is { } n ? new Group($"performance-group-{n}", $"Performance group {n}", [.. g]) : new Group("no-performance-group", "No performance group", [.. g]))];

    /// <summary>Why a listed measure has no figure for the period: its schedule's data state, or, unscheduled, that none has come.</summary>
    private static (DataState, string?, DateOnly?) StateOf(ReportingSchedule schedule, Measure measure, Period period, DateOnly today,
        IReadOnlySet<ReceivedFigure> received, Domain.Periods.WorkingDays workingDays)
    {
        if (schedule.Entry(measure.Id) is not { } entry) return (DataState.Due, $"no figure for {period} has been received", null);
        if (DataStates.ExpectedPeriod(entry.Frequency, period) is { } expected && (entry.From is not { } from || expected >= from))
        {
            var state = DataStates.StateOf(schedule, entry, expected, today, received, workingDays);
            return (state.State, state.Reason ?? (expected != period ? $"expected for {expected}" : null), state.DueDate);
        }
        return (DataState.NotApplicable, $"reported {entry.Frequency.ToString().ToLowerInvariant()}; no figure is expected for {period}", null);
    }

    /// <summary>The financial quarter to date of a monthly period, from its months (flows summed, ratios recomputed).</summary>
    private static AggregateResponse? Quarter(Measure measure, IReadOnlyDictionary<Period, MeasureValue> series, Period period)
    {
        if (period.Kind != PeriodKind.Month || !series.ContainsKey(period)) return null;
        var quarter = period.FinancialQuarter;
        var aggregate = Aggregates.Over(measure, series, quarter.Months().First(), period);
        return new AggregateResponse(quarter.ToString(), aggregate.From.ToString(), aggregate.Through.ToString(), aggregate.Value, aggregate.Numerator,
            aggregate.Denominator, aggregate.Months, aggregate.NotComputedBecause);
    }

    /// <summary>"Education – Children in Care" → "education-children-in-care": a key safe in URLs and HTML ids.</summary>
    public static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "group" : slug;
    }
}
