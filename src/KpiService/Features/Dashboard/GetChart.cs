using System.Globalization;
using System.Text;
using FluentValidation;
using KpiService.Common;
using KpiService.Domain.Authorities;
using KpiService.Domain.Measures;
using KpiService.Domain.Peers;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;
using KpiService.Features.Access;
using KpiService.ReadModels;
using KpiService.ReadModels.Assessments;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Peers;
using KpiService.ReadModels.Reference;
using KpiService.Reports.Charts;
using MediatR;

namespace KpiService.Features.Dashboard;

public static class GetChart
{
    public static readonly string[] Kinds = ["trend", "spc", "comparison", "sparkline"];

    /// <param name="Kind">trend, spc, comparison or sparkline.</param>
    /// <param name="Months">Periods a trend or sparkline shows (2–36, default 13) or an SPC chart reads (default 24).</param>
    /// <param name="Model">The statistical-neighbour model of a comparison (2025 by default).</param>
    public sealed record Query(string Authority, string Measure, string Kind, string Period, string? Months, string? Breakdown, string? Model) : IRequest<Chart>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    /// <summary>A chart as a standalone SVG document; its title and description carry the data in words for assistive technology.</summary>
    public sealed record Chart(string Kind, string Measure, string Period, string Svg, string ETag);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(ReferenceStore reference)
        {
            RuleFor(q => q.Kind).Must(k => Kinds.Contains(k)).WithMessage(q => $"'{q.Kind}' is not a chart: use {string.Join(", ", Kinds)}.");
            RuleFor(q => q.Period).Must(p => Period.TryParse(p, out _)).WithMessage(q => $"'{q.Period}' is not a period: use 2021-09, 2021-22-Q2 or 2021-22.");
            RuleFor(q => q.Months).Must(m => m is null || (int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 2 and <= DashboardOptions.MaxMonths))
                .WithMessage($"must be a whole number of periods from 2 to {DashboardOptions.MaxMonths}.");
            RuleFor(q => q.Breakdown).Must(b => Domain.Figures.Breakdown.TryParse(b, out _)).WithMessage(q => $"'{q.Breakdown}' is not a breakdown: use dimension:value.");
            RuleFor(q => q.Model).Must(m => m is null || (int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && reference.Current.Models.Contains(n)))
                .WithMessage(q => $"'{q.Model}' is not a statistical neighbour model; the models are {string.Join(", ", reference.Current.Models)}.");
        }
    }

    public sealed class Handler(ReferenceStore reference, Assessor assessor, FigureQueries figures, PeerValues peers, ReadCache cache) : IRequestHandler<Query, Chart>
    {
        public Task<Chart> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var (authority, measure, period, parsed) = current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            var breakdown = parsed?.ToString() ?? "";
            int? months = request.Months is null ? null : int.Parse(request.Months, CultureInfo.InvariantCulture);
            var model = request.Model is null ? ReferenceSnapshot.DefaultNeighbourModel : int.Parse(request.Model, CultureInfo.InvariantCulture);
            var key = $"chart:{authority.LaNumber}:{measure.Id}:{request.Kind}:{period}:{months}:{breakdown}:{model}";
            return cache.GetOrAddAsync(key, [CacheKeys.Figures(authority.LaNumber, measure.Id), CacheKeys.Measure(measure.Id)], async () =>
            {
                var svg = request.Kind == "comparison"
                    ? await ComparisonAsync(current, authority, measure, period, model, cancellationToken)
                    : await SeriesChartAsync(current, authority, measure, period, breakdown, request.Kind, months, cancellationToken);
                return (new Chart(request.Kind, measure.Id, period.ToString(), svg, Downloads.ETagOf(Encoding.UTF8.GetBytes(svg), request.Kind)), true);
            });
        }

        private async Task<string> SeriesChartAsync(ReferenceSnapshot current, Authority authority, Measure measure, Period period, string breakdown, string kind,
            int? months, CancellationToken cancellationToken)
        {
            var rows = await figures.GetAllBreakdownsAsync(authority.LaNumber, measure.Id, cancellationToken);
            var series = assessor.Compose(authority, measure, period, breakdown, rows).Series;
            var rules = current.RulesFor(authority.LaNumber, measure.Id, breakdown);
            var rule = RatingRules.InForce(rules, period);
            var target = rule switch { TargetRule t => t.Target, TrajectoryRule p => p.TargetFor(period), _ => (double?)null };
            var heading = MeasureSeries.Heading(measure);
            var labels = current.ViewOf(authority.LaNumber).Labels;
            if (kind == "spc")
            {
                var points = MeasureSeries.Window(period, months ?? 24).Select(p => (Period: p, Value: RatingEngine.ValueFor(measure, series, p)?.Value.Value))
                    .Where(x => x.Value is not null).Select(x => (x.Period, x.Value!.Value)).ToList();
                if (points.Count < 2 || points[^1].Period != period)
                    throw new NotFoundException($"{authority.Name} has no {period} figure for '{measure.Id}' with an earlier one to chart against: an SPC chart needs at least two periods.");
                return SpcChartSvg.Render(new SpcChartInput(heading, Spc.Chart(points, measure.Polarity, target)!, target));
            }
            var assessed = await assessor.AssessAsync(authority, measure, period, breakdown, rows, null, cancellationToken);
            var window = MeasureSeries.Points(measure, series, rules, MeasureSeries.Window(period, months ?? DashboardOptions.DefaultMonths), assessed?.Assessment.Rating);
            if (window.All(p => p.Value is null))
                throw new NotFoundException($"{authority.Name} has no figures for '{measure.Id}' in the {window.Count} periods to {period}.");
            var input = new TrendChartInput(heading, window, target, rule is TargetRule targetRule ? targetRule.Tolerance : null, labels);
            return kind == "sparkline" ? Sparkline.Render(input) : TrendChart.Render(input);
        }

        private async Task<string> ComparisonAsync(ReferenceSnapshot current, Authority authority, Measure measure, Period period, int model, CancellationToken cancellationToken)
        {
            if (Domain.Catalogue.LocalMeasureIds.IsLocal(measure.Id))
                throw new NotFoundException($"'{measure.Id}' is {authority.Name}'s own measure: no other authority reports it, so there is nothing to compare it with.");
            var data = await peers.LoadAsync(measure.Id, period, cancellationToken);
            var neighbours = (current.Neighbours.GetValueOrDefault((model, authority.LaNumber)) ?? []).OrderBy(n => n.Rank).Select(n => n.LaNumber).ToList();
            ComparisonEntry Member(int la, ComparisonRole role) =>
                new(current.Authorities.GetValueOrDefault(la)?.Name ?? $"LA {la}", data.ValueOf(la)?.Value, role, data.ValueOf(la)?.Period);
            var group = PeerComparison.Group(neighbours, data, la => current.PopulationFor(la, period));
            var region = PeerComparison.Area("region", authority.Region.Code, current.RegionMembers(authority), data, measure);
            var england = PeerComparison.Area("england", PeerData.England, current.Authorities.Values.Where(a => a.Active).Select(a => a.LaNumber), data, measure);
            List<ComparisonEntry> entries =
            [
                Member(authority.LaNumber, ComparisonRole.Authority),
                .. neighbours.Select(la => Member(la, ComparisonRole.Neighbour)),
                new($"Statistical neighbours (average of {group.Count})", group.Average, ComparisonRole.NeighbourAverage),
                new(authority.Region.Name, region.Value, ComparisonRole.Region, region.Period),
                new("England", england.Value, ComparisonRole.England, england.Period),
            ];
            if (entries.Skip(1).All(e => e.Value is null))
                throw new NotFoundException($"None of {authority.Name}'s neighbours, its region or England has a value of '{measure.Id}' for {period} or a published year before it.");
            return ComparisonChart.Render(new ComparisonChartInput(MeasureSeries.Heading(measure), period, entries));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/charts/{kind}/{period}",
                async (string authority, string measure, string kind, string period, string? months, string? breakdown, string? model,
                    HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    ContentNegotiation.Choose(http.Request, [Representation.Svg]);
                    var chart = await mediator.Send(new Query(authority, measure, kind, period, months, breakdown, model), ct);
                    var name = $"{Downloads.FileSafe(chart.Measure)}-{chart.Kind}-{chart.Period}.svg";
                    return Downloads.Send(http, Encoding.UTF8.GetBytes(chart.Svg), "image/svg+xml; charset=utf-8", name, attachment: false, etag: chart.ETag);
                })
            .WithTags("Dashboard")
            .WithSummary("A chart of one measure as SVG, server-rendered, no script, embeddable with <img>: trend (target line and tolerance band, points in "
                + "their status colour and shape), spc (XmR chart with Making Data Count icons), comparison (against neighbours, region and England, best "
                + "first) or sparkline. The title and description state the data in words. Cacheable: send If-None-Match with the ETag for a 304.")
            .Produces<string>(200, "image/svg+xml").Produces(304).ProducesProblem(404).ProducesProblem(406);
}
