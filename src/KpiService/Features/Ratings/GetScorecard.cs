using KpiService.Common;
using KpiService.Domain.Ratings;
using KpiService.Features.Access;
using KpiService.ReadModels;
using KpiService.ReadModels.Assessments;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Ratings;

public static class GetScorecard
{
    public sealed record Query(string Authority, string Period, string? Breakdown, string? Area) : IRequest<Scorecard>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed record StatusCounts(int Green, int Amber, int Red, int Unrated);

    public sealed record AreaRatings(string Area, IReadOnlyList<RatingResponse> Ratings);

    /// <summary>Every measure the authority reports for the period, rated and grouped by thematic area.</summary>
    public sealed record Scorecard(AuthorityReference Authority, string Period, string? Breakdown, StatusCounts Summary, IReadOnlyList<AreaRatings> Areas);

    public sealed class Handler(ReferenceStore reference, Assessor assessor, ReadCache cache) : IRequestHandler<Query, Scorecard>
    {
        public async Task<Scorecard> Handle(Query request, CancellationToken cancellationToken)
        {
            var authority = reference.Current.Authority(request.Authority);
            var period = Lookup.Period(request.Period);
            var breakdown = Lookup.Breakdown(request.Breakdown)?.ToString() ?? "";
            return await cache.GetOrAddAsync($"scorecard:{authority.LaNumber}:{period}:{breakdown}:{request.Area}", [CacheKeys.Authority(authority.LaNumber)], async () =>
            {
                var assessed = (await assessor.AssessAllAsync(authority, period, breakdown, cancellationToken))
                    .Where(a => request.Area is null || string.Equals(a.Measure.Area, request.Area, StringComparison.OrdinalIgnoreCase)).ToList();
                int Count(RagStatus status) => assessed.Count(a => a.Assessment.Rating.Status == status);
                var scorecard = new Scorecard(authority.ToReference(), period.ToString(), breakdown.Length == 0 ? null : breakdown,
                    new StatusCounts(Count(RagStatus.Green), Count(RagStatus.Amber), Count(RagStatus.Red), Count(RagStatus.Unrated)),
                    [.. assessed.GroupBy(a => a.Measure.Area).OrderBy(g => g.Key)
                        .Select(g => new AreaRatings(g.Key, [.. g.OrderBy(a => a.Measure.Id).Select(RatingResponse.From)]))]);
                // A benchmark rule depends on other authorities' figures: such a scorecard is never cached.
                return (scorecard, !assessed.Any(a => a.Assessment.Rating.Rule is BenchmarkRule));
            });
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/scorecard/{period}", (string authority, string period, string? breakdown, string? area, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Query(authority, period, breakdown, area), ct))
            .WithTags("Ratings").WithSummary("Every measure the authority reports for the period, rated and grouped by thematic area, with counts per status (optionally one breakdown or one area).");
}
