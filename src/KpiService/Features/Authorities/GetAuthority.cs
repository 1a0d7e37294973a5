using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Authorities;

public static class GetAuthority
{
    public sealed record Query(string Authority) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, object>
    {
        public Task<object> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult(reference.Current.Authority(request.Authority).ToDto());
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}", (string authority, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(authority), ct))
            .WithTags("Reference data").WithSummary("One authority, named by GSS code (E10000013) or LA number (916).");
}
