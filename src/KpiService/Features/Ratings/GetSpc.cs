using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;
using KpiService.Features.Figures;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Ratings;

public static class GetSpc
{
    public sealed record Query(string Authority, string Measure, string Period, string? Breakdown, int? Points) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, KpiService.ReadModels.Figures.FigureQueries figures) : IRequestHandler<Query, object>
    {
        public async Task<object> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var (authority, measure, period, parsed) = current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            var breakdown = parsed?.ToString() ?? "";
            var points = request.Points ?? 24;
            if (points is < 2 or > 120) throw ValidationFailedException.Of("points", "must be between 2 and 120.");
            var series = (await figures.GetSeriesAsync(authority.LaNumber, measure.Id, breakdown, includeWithdrawn: false, cancellationToken))
                .Where(r => r.Key.Period.Kind == period.Kind && r.Key.Period <= period && r.Current is not null)
                .TakeLast(points).Select(r => (r.Key.Period, r.Current!.Value)).ToList();
            if (series.Count == 0 || series[^1].Period != period)
                throw new NotFoundException($"{authority.Name} has no {period} figure for '{measure.Id}'.");
            var rule = RatingRules.InForce(current.RulesFor(authority.LaNumber, measure.Id, breakdown), period) as TargetRule;
            var chart = Spc.Chart(series, measure.Polarity, rule?.Target)
                ?? throw new RuleViolatedException("An XmR chart needs at least two periods of figures.");
            return new
            {
                authority = authority.ToReference(), measure = measure.Id, period = period.ToString(), measure.Polarity,
                chart.Mean, upperProcessLimit = chart.UpperProcessLimit, lowerProcessLimit = chart.LowerProcessLimit, averageMovingRange = chart.AverageMovingRange,
                target = rule?.Target, chart.Variation, chart.Assurance,
                points = chart.Points.Select(p => new { period = p.Period.ToString(), p.Value, p.MovingRange, specialCauses = p.SpecialCauses }),
                method = "XmR (NHS England 'Making Data Count'): limits at mean ± 2.66 × average moving range; special causes: a point beyond a limit, 7 in a row on one side of the mean, 6 consecutive increases or decreases.",
                caution = series.Count < 15 ? $"Only {series.Count} points: limits are unreliable below about 15." : null,
            };
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/ratings/{period}/spc",
                (string authority, string measure, string period, string? breakdown, int? points, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new Query(authority, measure, period, breakdown, points), ct))
            .WithTags("Ratings").WithSummary("Statistical process control: an XmR chart of the series up to the period, special causes, variation read through polarity and assurance against the target.");
}
