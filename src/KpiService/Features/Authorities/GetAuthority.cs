using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Authorities;

public static class GetAuthority
{
    public sealed record Query(string Authority) : IRequest<AuthorityResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, AuthorityResponse>
    {
        public Task<AuthorityResponse> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult(AuthorityResponse.From(reference.Current.Authority(request.Authority)));
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}", (string authority, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(authority), ct))
            .WithTags("Reference data").WithSummary("One authority, named by GSS code (E10000013) or LA number (916).");
}
