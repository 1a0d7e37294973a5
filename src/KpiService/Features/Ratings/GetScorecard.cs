using KpiService.Domain.Ratings;
using KpiService.Features.Figures;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Ratings;

public static class GetScorecard
{
    /// <summary>Trends, rolling 12 months and year to date look back at most this far; older figures are not read.</summary>
    public const int MonthsOfHistory = 36;

    public sealed record Query(string Authority, string Period, string? Breakdown, string? Area) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, KpiService.ReadModels.Figures.FigureQueries figures, RatingService ratings, Common.ReadCache cache) : IRequestHandler<Query, object>
    {
        public async Task<object> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            var period = Lookup.Period(request.Period);
            var breakdown = Lookup.Breakdown(request.Breakdown)?.ToString() ?? "";
            return await cache.GetOrAddAsync($"scorecard:{authority.LaNumber}:{period}:{breakdown}:{request.Area}", [$"authority:{authority.LaNumber}"],
                () => BuildAsync(authority, period, breakdown, request.Area, cancellationToken));
        }

        private async Task<(object Scorecard, bool Cacheable)> BuildAsync(Domain.Authorities.Authority authority, Domain.Periods.Period period, string breakdown, string? area, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var rows = await figures.GetWindowAsync(authority.LaNumber, period.Start.AddMonths(-MonthsOfHistory), period.End, cancellationToken);

            var rated = new List<RatedFigure>();
            foreach (var byMeasure in rows.GroupBy(r => r.Key.MeasureId))
            {
                if (!current.Measures.TryGetValue(byMeasure.Key, out var measure)) continue;
                if (area is not null && !string.Equals(measure.Area, area, StringComparison.OrdinalIgnoreCase)) continue;
                var (series, rolledUp) = ratings.Series(authority, measure, breakdown, byMeasure);
                if (await ratings.RateAsync(authority, measure, period, breakdown, series, rolledUp, cancellationToken) is { } rating) rated.Add(rating);
            }
            int Count(RagStatus status) => rated.Count(r => r.Rating.Status == status);
            object scorecard = new
            {
                authority = authority.ToReference(), period = period.ToString(), breakdown = breakdown.Length == 0 ? null : breakdown,
                summary = new { green = Count(RagStatus.Green), amber = Count(RagStatus.Amber), red = Count(RagStatus.Red), unrated = Count(RagStatus.Unrated) },
                areas = rated.GroupBy(r => r.Measure.Area).OrderBy(g => g.Key)
                    .Select(g => new { area = g.Key, ratings = g.OrderBy(r => r.Measure.Id).Select(RatingDto.From).ToList() }).ToList(),
            };
            return (scorecard, !rated.Any(r => r.Rating.Rule is BenchmarkRule));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/scorecard/{period}", (string authority, string period, string? breakdown, string? area, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Query(authority, period, breakdown, area), ct))
            .WithTags("Ratings").WithSummary("Every measure the authority reports for the period, rated and grouped by thematic area, with counts per status (optionally one breakdown or one area).");
}
