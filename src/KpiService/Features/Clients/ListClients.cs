using KpiService.Features.Access;
using KpiService.ReadModels.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Clients;

public static class ListClients
{
    public sealed record Query : IRequest<ClientList>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed record ClientList(IReadOnlyList<ClientResponse> Clients);

    public sealed class Handler(ReferenceStore reference, ClientUsage usage, Marten.IQuerySession session, TimeProvider clock) : IRequestHandler<Query, ClientList>
    {
        public async Task<ClientList> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var stored = await ClientUsage.StoredAsync(session, cancellationToken);
            var now = clock.GetUtcNow();
            return new ClientList([.. current.Clients.Values.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => ClientResponse.From(c, current, now, ClientResponse.LastUse(stored.GetValueOrDefault(c.Id), usage.SeenHere(c.Id))))]);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/clients", (IMediator mediator, CancellationToken ct) => mediator.Send(new Query(), ct))
            .WithTags("Access").WithSummary("Every registered client: scopes, authorities, key status (active, expired, revoked), expiry and when its key was last used. Admin.");
}
