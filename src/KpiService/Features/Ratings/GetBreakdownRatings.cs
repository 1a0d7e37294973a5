using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Features.Figures;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Ratings;

public static class GetBreakdownRatings
{
    public sealed record Query(string Authority, string Measure, string Period, string? Dimension) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, KpiService.ReadModels.Figures.FigureQueries figures, RatingService ratings) : IRequestHandler<Query, object>
    {
        public async Task<object> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            var measure = current.Measure(request.Measure);
            var period = Lookup.Period(request.Period);
            if (string.IsNullOrWhiteSpace(request.Dimension)) throw ValidationFailedException.Of("dimension", "is required, e.g. ?dimension=locality.");
            if (!current.Dimensions.ContainsKey((authority.LaNumber, request.Dimension)))
                throw new NotFoundException($"{authority.Name} has not declared the dimension '{request.Dimension}'.");

            var rows = await figures.GetDimensionAsync(authority.LaNumber, measure.Id, request.Dimension, cancellationToken);
            var rated = new List<RatedFigure>();
            foreach (var byBreakdown in rows.GroupBy(r => r.Key.BreakdownKey))
            {
                var series = byBreakdown.Where(r => r.Current is not null).ToDictionary(r => r.Key.Period, r => new MeasureValue(r.Current!.Value, r.Current.Numerator, r.Current.Denominator));
                if (await ratings.RateAsync(authority, measure, period, byBreakdown.Key, series, [], cancellationToken) is { } rating) rated.Add(rating);
            }
            // Best first by polarity; a neutral measure is listed largest first and not ranked.
            var ordered = measure.Polarity == Polarity.Lower ? rated.OrderBy(r => r.Rating.Value) : rated.OrderByDescending(r => r.Rating.Value);
            var values = rated.Select(r => r.Rating.Value).ToList();
            return new
            {
                authority = authority.ToReference(), measure = measure.Id, period = period.ToString(), dimension = request.Dimension, measure.Polarity,
                breakdowns = ordered.Select(r => new
                {
                    value = r.Breakdown[(request.Dimension.Length + 1)..],
                    rank = Domain.Peers.PeerStatistics.RankOf(r.Rating.Value, values, measure.Polarity),
                    rating = RatingDto.From(r),
                }),
            };
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/ratings/{period}/breakdowns",
                (string authority, string measure, string period, string? dimension, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new Query(authority, measure, period, dimension), ct))
            .WithTags("Breakdowns").WithSummary("The authority's localities (or teams, or categories) on one measure, each rated, ranked best first by polarity.");
}
