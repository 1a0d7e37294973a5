using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Authorities;

public static class ListAuthorities
{
    public sealed record Query(bool IncludeFormer) : IRequest<IReadOnlyList<AuthorityResponse>>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, IReadOnlyList<AuthorityResponse>>
    {
        public Task<IReadOnlyList<AuthorityResponse>> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AuthorityResponse>>([.. reference.Current.Authorities.Values
                .Where(a => a.Active || request.IncludeFormer).OrderBy(a => a.Name).Select(AuthorityResponse.From)]);
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities", (bool? includeFormer, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(includeFormer ?? false), ct))
            .WithTags("Reference data").WithSummary("Every authority with children's services, with both codes and its region (former authorities on request).");
}
