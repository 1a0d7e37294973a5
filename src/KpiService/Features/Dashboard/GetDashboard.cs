using System.Globalization;
using System.Text.Json;
using FluentValidation;
using KpiService.Common;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Dashboards;
using KpiService.Features.Access;
using KpiService.ReadModels;
using KpiService.ReadModels.Assessments;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Peers;
using KpiService.ReadModels.Reference;
using Marten;
using MediatR;
using Microsoft.Extensions.Options;

namespace KpiService.Features.Dashboard;

public static class GetDashboard
{
    /// <param name="Months">How many periods each row's series holds: 1–36, default 13 (the seeds' thirteen months).</param>
    /// <param name="GroupBy">area (default) or performanceGroup.</param>
    /// <param name="AsAt">An ISO 8601 moment: figures as they stood then.</param>
    /// <param name="Model">The statistical-neighbour model for peer values (2025 by default).</param>
    public sealed record Query(string Authority, string Period, string? Months, string? GroupBy, string? Breakdown, string? AsAt, string? Model)
        : IRequest<DashboardRead>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(ReferenceStore reference)
        {
            RuleFor(q => q.Period).Must(p => Domain.Periods.Period.TryParse(p, out _))
                .WithMessage(q => $"'{q.Period}' is not a period: use 2021-09 (month), 2021-22-Q2 (financial quarter) or 2021-22 (financial year).");
            RuleFor(q => q.Months).Must(m => m is null || (int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= DashboardOptions.MaxMonths))
                .WithMessage($"must be a whole number of periods from 1 to {DashboardOptions.MaxMonths} (default {DashboardOptions.DefaultMonths}).");
            RuleFor(q => q.GroupBy).Must(g => g is null || Grouping(g) is not null).WithMessage(q => $"'{q.GroupBy}' is not a grouping: use area or performanceGroup.");
            RuleFor(q => q.Breakdown).Must(b => Domain.Figures.Breakdown.TryParse(b, out _)).WithMessage(q => $"'{q.Breakdown}' is not a breakdown: use dimension:value, e.g. locality:Cheltenham.");
            RuleFor(q => q.AsAt).Must(a => a is null || IsoTimestamp.TryParse(a, out _)).WithMessage("is not an ISO 8601 date or time: use 2021-12-01 or 2021-12-01T09:30:00Z.");
            RuleFor(q => q.Model).Must(m => m is null || (int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && reference.Current.Models.Contains(n)))
                .WithMessage(q => $"'{q.Model}' is not a statistical neighbour model; the models are {string.Join(", ", reference.Current.Models)}.");
        }
    }

    public static DashboardGrouping? Grouping(string? text) => text?.ToLowerInvariant() switch
    {
        null or "area" => DashboardGrouping.Area,
        "performancegroup" => DashboardGrouping.PerformanceGroup,
        _ => null,
    };

    public sealed class Handler(ReferenceStore reference, Assessor assessor, FigureQueries figures, PeerValues peers, IQuerySession session, ReadCache cache,
        TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IRequestHandler<Query, DashboardRead>
    {
        public Task<DashboardRead> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            var period = Lookup.Period(request.Period);
            var options = new DashboardOptions(
                request.Months is null ? DashboardOptions.DefaultMonths : int.Parse(request.Months, CultureInfo.InvariantCulture),
                Grouping(request.GroupBy)!.Value, Lookup.Breakdown(request.Breakdown)?.ToString() ?? "", IsoTimestamp.Parse("asAt", request.AsAt),
                request.Model is null ? ReferenceSnapshot.DefaultNeighbourModel : int.Parse(request.Model, CultureInfo.InvariantCulture));
            // Data states turn from due to overdue at midnight, so the day is part of the key; "as at" reads see that day's states.
            var today = DateOnly.FromDateTime((options.AsAt ?? clock.GetUtcNow()).UtcDateTime);
            var key = $"dashboard:{authority.LaNumber}:{period}:{options.Months}:{options.GroupBy}:{options.Breakdown}:{options.AsAt?.UtcTicks}:{options.Model}:{today:yyyyMMdd}";
            // This authority's figures and commentary, and every measure it sees (peer values move with other authorities'
            // figures); targets, schedules and catalogues are reference data, which clears the cache when it changes.
            string[] dependsOn = [CacheKeys.Authority(authority.LaNumber), .. current.ViewOf(authority.LaNumber).Measures.Select(m => CacheKeys.Measure(m.Id))];
            return cache.GetOrAddAsync(key, dependsOn, async () => (await BuildAsync(authority, period, options, today, cancellationToken), true));
        }

        private async Task<DashboardRead> BuildAsync(Domain.Authorities.Authority authority, Domain.Periods.Period period, DashboardOptions options, DateOnly today,
            CancellationToken cancellationToken)
        {
            var current = reference.Current;
            // One read of the authority's figures (36 months back: trends, year to date and SPC look that far), each
            // measure assessed by the shared assessment read (kept per measure until its figures change); or for "as at",
            // the same window folded from the events recorded by then, assessed afresh.
            var (assessed, rows) = options.AsAt is { } asAt ? await AsAtAsync(authority, period, options.Breakdown, asAt, cancellationToken)
                : await assessor.AssessAllAsync(authority, period, options.Breakdown, cancellationToken);
            var window = MeasureSeries.Window(period, options.Months);
            var measures = DashboardAssembly.MeasuresOf(current.ViewOf(authority.LaNumber), current.ScheduleOf(authority.LaNumber), assessed, rows, window[0], period, options.Breakdown);
            // Peer values of every national measure in one round trip (a council's local measures have no peers).
            var peerData = await peers.LoadManyAsync([.. measures.Where(m => !LocalMeasureIds.IsLocal(m.Id)).Select(m => m.Id)], period, cancellationToken);
            var source = new DashboardSource(authority, current, period, options, today, clock.GetUtcNow(), assessed, rows, peerData,
                (measure, measureRows) => assessor.Compose(authority, measure, period, options.Breakdown, measureRows));
            var (document, response) = DashboardAssembly.Assemble(source, measures);
            return new DashboardRead(document, response, JsonSerializer.SerializeToUtf8Bytes(response, json.Value.SerializerOptions));
        }

        private async Task<(IReadOnlyList<AssessedMeasure>, IReadOnlyList<Domain.Figures.FigureRecord>)> AsAtAsync(Domain.Authorities.Authority authority,
            Domain.Periods.Period period, string breakdown, DateTimeOffset asAt, CancellationToken cancellationToken)
        {
            // Withdrawn figures too: one withdrawn since still stood at that moment.
            var streams = await figures.GetWindowAsync(authority.LaNumber, Assessor.HistoryStart(period), period.End, cancellationToken, includeWithdrawn: true);
            var rows = await FigureHistory.AsAtAsync(session, [.. streams.Select(r => r.Key.StreamId)], asAt, cancellationToken);
            return (await assessor.AssessAllAsync(authority, period, breakdown, rows, cancellationToken), rows);
        }
    }

    public static readonly IReadOnlyList<Representation> Offered = [Representation.Json, Representation.Csv, Representation.Xlsx, Representation.Html];

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/dashboard/{period}",
                async (string authority, string period, string? months, string? groupBy, string? breakdown, string? asAt, string? model, string? format,
                    HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    // Negotiated first, so a client that can read none of these is told before any work is done.
                    var representation = ContentNegotiation.Choose(http.Request, Offered);
                    var read = await mediator.Send(new Query(authority, period, months, groupBy, breakdown, asAt, model), ct);
                    return Send(http, read, representation);
                })
            .WithTags("Dashboard")
            .WithSummary("The monthly board pack in one read: every measure the authority reports (its schedule, else every measure with a figure in the window), "
                + "each with its series, rating, analytics, peers and commentary, grouped by area or performance group, with a summary and exception lists. "
                + "JSON, or by Accept / ?format= tidy CSV, an XLSX workbook, or a printable HTML board pack.")
            .Produces<DashboardResponse>(200, "application/json", "text/csv", Representation.Xlsx.MediaType, "text/html")
            .Produces(304).ProducesProblem(404).ProducesProblem(406).WritesETag();

    private static IResult Send(HttpContext http, DashboardRead read, Representation representation)
    {
        var document = read.Document;
        var name = $"{Downloads.FileSafe(document.Authority.Name)}-dashboard-{document.Period}" + (document.Breakdown is { } b ? "-" + Downloads.FileSafe(b) : "");
        if (representation == Representation.Json) return Downloads.Send(http, read.Json, "application/json; charset=utf-8", etag: read.JsonETag);
        var (body, etag) = read.Rendering(representation.Format);
        return representation.Format switch
        {
            "csv" => Downloads.Send(http, body, "text/csv; charset=utf-8; header=present", $"{name}.csv", etag: etag),
            "xlsx" => Downloads.Send(http, body, representation.MediaType, $"{name}.xlsx", etag: etag),
            _ => Downloads.Send(http, body, "text/html; charset=utf-8", $"{name}.html", attachment: false, etag: etag),
        };
    }
}
