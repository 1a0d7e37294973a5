using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Ratings;

public static class GetRating
{
    public sealed record Query(string Authority, string Measure, string Period, string? Breakdown) : IRequest<RatedFigure>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, RatingService ratings) : IRequestHandler<Query, RatedFigure>
    {
        public async Task<RatedFigure> Handle(Query request, CancellationToken cancellationToken)
        {
            var (authority, measure, period, parsed) = reference.Current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            var breakdown = parsed?.ToString() ?? "";
            return await ratings.RateAsync(authority, measure, period, breakdown, cancellationToken)
                ?? throw new NotFoundException($"{authority.Name} has no {period} figure for '{measure.Id}'{(breakdown.Length > 0 ? $" ({breakdown})" : "")}, and none can be computed from its months or breakdowns.");
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/ratings/{period}",
                async (string authority, string measure, string period, string? breakdown, IMediator mediator, CancellationToken ct) =>
                    RatingDto.From(await mediator.Send(new Query(authority, measure, period, breakdown), ct)))
            .WithTags("Ratings")
            .WithSummary("Rate one figure: RAG status by the rule in force, distance from target, change and direction of travel with its judgement, performance group, trend, small-cohort flag and 95% Wilson interval, year to date.");
}
