using KpiService.Common;
using KpiService.Domain.Catalogue;
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

    public sealed record StatusCounts(int Green, int Amber, int Red, int Unrated, int Missing);

    /// <summary>A measure the authority's schedule expects for the period and that has no figure: why (its data state), and by when it was due.</summary>
    public sealed record ExpectedMeasure(string Measure, string? MeasureCode, string MeasureTitle, string Period, DataState DataState, DateOnly DueDate, string? Reason);

    public sealed record AreaRatings(string Area, IReadOnlyList<RatingResponse> Ratings, IReadOnlyList<ExpectedMeasure> Missing);

    /// <summary>
    /// Every measure the authority reports for the period, rated and grouped by thematic area, with the measures its
    /// schedule expects but that have no figure (due, overdue, not applicable, awaiting a partner…) beside them.
    /// </summary>
    public sealed record Scorecard(AuthorityReference Authority, string Period, string? Breakdown, StatusCounts Summary, IReadOnlyList<AreaRatings> Areas);

    public sealed class Handler(ReferenceStore reference, Assessor assessor, ReadCache cache, TimeProvider clock) : IRequestHandler<Query, Scorecard>
    {
        public async Task<Scorecard> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            var period = Lookup.Period(request.Period);
            var breakdown = Lookup.Breakdown(request.Breakdown)?.ToString() ?? "";
            return await cache.GetOrAddAsync($"scorecard:{authority.LaNumber}:{period}:{breakdown}:{request.Area}", [CacheKeys.Authority(authority.LaNumber)], async () =>
            {
                bool InArea(string area) => request.Area is null || string.Equals(area, request.Area, StringComparison.OrdinalIgnoreCase);
                var (all, rows) = await assessor.AssessAllAsync(authority, period, breakdown, cancellationToken);
                var assessed = all.Where(a => InArea(a.Measure.Area)).ToList();
                var view = current.ViewOf(authority.LaNumber);
                var received = rows.Where(r => r.Key.BreakdownKey.Length == 0).Select(r => new ReceivedFigure(authority.LaNumber, r.Key.MeasureId, r.Key.Period))
                    .Concat(assessed.Select(a => new ReceivedFigure(authority.LaNumber, a.Measure.Id, period))).ToHashSet();
                var missing = breakdown.Length > 0 ? []
                    : DataStates.For(current.ScheduleOf(authority.LaNumber), period, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), received, current.WorkingDays)
                        .Where(e => e.State != DataState.Received && view.Find(e.MeasureId) is { } m && InArea(m.Area))
                        .Select(e => (Measure: view.Find(e.MeasureId)!, Expected: e)).ToList();
                int Count(RagStatus status) => assessed.Count(a => a.Assessment.Rating.Status == status);
                var scorecard = new Scorecard(authority.ToReference(), period.ToString(), breakdown.Length == 0 ? null : breakdown,
                    new StatusCounts(Count(RagStatus.Green), Count(RagStatus.Amber), Count(RagStatus.Red), Count(RagStatus.Unrated), missing.Count),
                    [.. assessed.Select(a => a.Measure.Area).Concat(missing.Select(m => m.Measure.Area)).Distinct().Order()
                        .Select(area => new AreaRatings(area,
                            [.. assessed.Where(a => a.Measure.Area == area).OrderBy(a => a.Measure.Id).Select(RatingResponse.From)],
                            [.. missing.Where(m => m.Measure.Area == area).OrderBy(m => m.Measure.Id).Select(m => new ExpectedMeasure(
                                m.Measure.Id, m.Measure.Code, m.Measure.Title, m.Expected.Period.ToString(), m.Expected.State, m.Expected.DueDate, m.Expected.Reason))]))]);
                // A benchmark rule depends on other authorities' figures, and data states on today's date: such a
                // scorecard is not cached (one with expected figures missing may turn overdue at midnight).
                return (scorecard, !assessed.Any(a => a.Assessment.Rating.Rule is BenchmarkRule) && missing.Count == 0);
            });
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/scorecard/{period}", (string authority, string period, string? breakdown, string? area, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Query(authority, period, breakdown, area), ct))
            .WithTags("Ratings").WithSummary("Every measure the authority reports for the period, rated and grouped by thematic area, with counts per status (optionally one breakdown or one area).");
}
