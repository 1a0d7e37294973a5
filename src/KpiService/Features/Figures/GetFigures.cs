using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Reference;
using Marten;
using MediatR;

namespace KpiService.Features.Figures;

public static class GetFigures
{
    public sealed record Query(string Authority, string Measure, string? From, string? To, DateTimeOffset? AsAt, string? Breakdown) : IRequest<Series>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    /// <summary>One measure's figures for an authority, now or as they stood at <c>AsAt</c>.</summary>
    public sealed record Series(AuthorityReference Authority, string Measure, string? Breakdown, DateTimeOffset? AsAt, IReadOnlyList<FigureResponse> Figures);

    public sealed class Handler(ReferenceStore reference, FigureQueries figures, IQuerySession session, TimeProvider clock) : IRequestHandler<Query, Series>
    {
        public async Task<Series> Handle(Query request, CancellationToken cancellationToken)
        {
            var authority = reference.Current.Authority(request.Authority);
            var measure = reference.Current.Measure(request.Measure, authority);
            var breakdown = Lookup.Breakdown(request.Breakdown)?.ToString() ?? "";
            var from = request.From is null ? (Domain.Periods.Period?)null : Lookup.Period(request.From, "from");
            var to = request.To is null ? (Domain.Periods.Period?)null : Lookup.Period(request.To, "to");
            var rows = await figures.GetSeriesAsync(authority.LaNumber, measure.Id, breakdown, includeWithdrawn: request.AsAt is not null, cancellationToken);
            rows = [.. rows.Where(r => (from is null || r.Key.Period.Start >= from.Value.Start) && (to is null || r.Key.Period.End <= to.Value.End))];
            if (request.AsAt is { } asAt) rows = await FigureHistory.AsAtAsync(session, [.. rows.Select(r => r.Key.StreamId)], asAt, cancellationToken);
            var now = clock.GetUtcNow();
            return new Series(authority.ToReference(), measure.Id, breakdown.Length == 0 ? null : breakdown, request.AsAt, [.. rows.Select(r => FigureResponse.From(r, now))]);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/figures",
                (string authority, string measure, string? from, string? to, string? asAt, string? breakdown, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new Query(authority, measure, from, to, IsoTimestamp.Parse("asAt", asAt), breakdown), ct))
            .WithTags("Figures").WithSummary("The series now, or with asAt= as it stood at that moment; each figure with its revision, first-reported value and submission time.");
}
