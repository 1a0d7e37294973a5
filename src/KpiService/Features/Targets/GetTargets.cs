using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using Marten;
using MediatR;

namespace KpiService.Features.Targets;

public static class GetTargets
{
    public sealed record Query(string Authority, string Measure, string? Breakdown, string? Period) : IRequest<TargetHistory>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    /// <summary>The dated history of an authority's rules for a measure; <c>InForce</c> answers "which rule applied in ?period=".</summary>
    public sealed record TargetHistory(AuthorityReference Authority, string Measure, string? Breakdown, IReadOnlyList<TargetResponse> Targets, TargetResponse? InForce, string ETag);

    public sealed class Handler(ReferenceStore reference, IQuerySession session) : IRequestHandler<Query, TargetHistory>
    {
        public async Task<TargetHistory> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            var measure = current.Measure(request.Measure, authority);
            var breakdown = Lookup.Breakdown(request.Breakdown)?.ToString() ?? "";
            var history = current.Targets.GetValueOrDefault((authority.LaNumber, measure.Id, breakdown)) ?? [];
            var inForce = request.Period is null ? null
                : history.LastOrDefault(t => Domain.Periods.Period.Parse(t.From).Start <= Lookup.Period(request.Period).Start);
            var state = await session.Events.FetchStreamStateAsync(Domain.Reference.ReferenceStreams.Targets(authority.LaNumber, measure.Id, breakdown), cancellationToken);
            return new TargetHistory(authority.ToReference(), measure.Id, breakdown.Length == 0 ? null : breakdown,
                [.. history.Select(TargetResponse.From)], inForce is null ? null : TargetResponse.From(inForce), Common.ETags.Of(state?.Version ?? 0));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/targets", async (string authority, string measure, string? breakdown, string? period, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var history = await mediator.Send(new Query(authority, measure, breakdown, period), ct);
                http.Response.Headers.ETag = history.ETag;
                return history;
            })
            .WithTags("Targets").WithSummary("The dated history of rating rules; with ?period=, also the rule in force for that period. The ETag guards the next PUT.");
}
