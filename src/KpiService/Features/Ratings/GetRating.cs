using KpiService.Common;
using KpiService.Domain.Analytics;
using KpiService.Features.Access;
using KpiService.ReadModels.Assessments;
using KpiService.ReadModels.Reference;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace KpiService.Features.Ratings;

public static class GetRating
{
    /// <param name="Since">A baseline period for the year-on-year block's "change since" (e.g. 2021-03).</param>
    public sealed record Query(string Authority, string Measure, string Period, string? Breakdown, string? Since = null) : IRequest<RatingResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, Assessor assessor) : IRequestHandler<Query, RatingResponse>
    {
        public async Task<RatingResponse> Handle(Query request, CancellationToken cancellationToken)
        {
            var (authority, measure, period, parsed) = reference.Current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            var breakdown = parsed?.ToString() ?? "";
            var options = request.Since is null ? null : new AssessmentOptions(Since: Lookup.Period(request.Since, "since"));
            var assessed = await assessor.AssessAsync(authority, measure, period, breakdown, options, cancellationToken)
                ?? throw new NotFoundException($"{authority.Name} has no {period} figure for '{measure.Id}'{(breakdown.Length > 0 ? $" ({breakdown})" : "")}, and none can be computed from its months or breakdowns.");
            return RatingResponse.Of(assessed);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/ratings/{period}",
                async (string authority, string measure, string period, string? breakdown, string? since, IMediator mediator,
                        IOptions<JsonOptions> json, CancellationToken ct) =>
                    SerializedOnce.Result(await mediator.Send(new Query(authority, measure, period, breakdown, since), ct), json.Value.SerializerOptions))
            .Produces<RatingResponse>(200)
            .WithTags("Ratings")
            .WithSummary("Rate one figure: RAG status by the rule in force, distance from target, change and direction of travel with its judgement, performance group, trend, small-cohort flag and 95% Wilson interval, year to date; with year on year, persistence, the exception group, SPC signal and forecast.");
}
