using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

public static class GetSchedule
{
    public sealed record Query(string Authority) : IRequest<ScheduleResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, ScheduleResponse>
    {
        public Task<ScheduleResponse> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            return Task.FromResult(ScheduleResponse.From(authority, current.ScheduleOf(authority.LaNumber)));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/schedule", async (string authority, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var schedule = await mediator.Send(new Query(authority), ct);
                http.Response.Headers.ETag = schedule.ETag;
                return schedule;
            })
            .WithTags("Catalogue").WithSummary("The authority's reporting schedule and marked periods, with the ETag for conditional changes.");
}
