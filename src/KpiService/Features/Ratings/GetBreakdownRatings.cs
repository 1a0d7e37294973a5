using KpiService.Common;
using KpiService.Domain.Measures;
using KpiService.Domain.Peers;
using KpiService.Features.Access;
using KpiService.ReadModels.Assessments;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Ratings;

public static class GetBreakdownRatings
{
    public sealed record Query(string Authority, string Measure, string Period, string? Dimension) : IRequest<BreakdownRanking>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    /// <param name="Rank">1 is best by polarity; ties share; none for a neutral measure.</param>
    public sealed record RankedBreakdown(string Value, int? Rank, RatingResponse Rating);

    /// <summary>An authority's localities (teams, categories) on one measure, best first.</summary>
    public sealed record BreakdownRanking(AuthorityReference Authority, string Measure, string Period, string Dimension, Polarity Polarity, IReadOnlyList<RankedBreakdown> Breakdowns);

    public sealed class Handler(ReferenceStore reference, FigureQueries figures, Assessor assessor) : IRequestHandler<Query, BreakdownRanking>
    {
        public async Task<BreakdownRanking> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            var measure = current.Measure(request.Measure, authority);
            var period = Lookup.Period(request.Period);
            if (string.IsNullOrWhiteSpace(request.Dimension)) throw ValidationFailedException.Of("dimension", "is required, e.g. ?dimension=locality.");
            if (!current.Dimensions.ContainsKey((authority.LaNumber, request.Dimension)))
                throw new NotFoundException($"{authority.Name} has not declared the dimension '{request.Dimension}'.");

            var rows = await figures.GetDimensionAsync(authority.LaNumber, measure.Id, request.Dimension, cancellationToken);
            var rated = new List<AssessedMeasure>();
            foreach (var byBreakdown in rows.GroupBy(r => r.Key.BreakdownKey))
                if (await assessor.AssessAsync(authority, measure, period, byBreakdown.Key, byBreakdown, null, cancellationToken) is { } one) rated.Add(one);
            // Best first by polarity; a neutral measure is listed largest first and not ranked.
            var ordered = measure.Polarity == Polarity.Lower ? rated.OrderBy(r => r.Assessment.Rating.Value) : rated.OrderByDescending(r => r.Assessment.Rating.Value);
            var values = rated.Select(r => r.Assessment.Rating.Value).ToList();
            return new BreakdownRanking(authority.ToReference(), measure.Id, period.ToString(), request.Dimension, measure.Polarity,
                [.. ordered.Select(r => new RankedBreakdown(r.Breakdown[(request.Dimension.Length + 1)..],
                    PeerStatistics.RankOf(r.Assessment.Rating.Value, values, measure.Polarity), RatingResponse.From(r)))]);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/ratings/{period}/breakdowns",
                (string authority, string measure, string period, string? dimension, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new Query(authority, measure, period, dimension), ct))
            .WithTags("Breakdowns").WithSummary("The authority's localities (or teams, or categories) on one measure, each rated, ranked best first by polarity.");
}
