using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Clients;

/// <summary>One client: admin sees any, a client sees itself (its key's expiry, so it can rotate in time).</summary>
public static class GetClient
{
    public sealed record Query(string Id) : IRequest<ClientResponse>;

    public sealed class Handler(ReferenceStore reference, ClientUsage usage, Marten.IQuerySession session, TimeProvider clock, CurrentClient client)
        : IRequestHandler<Query, ClientResponse>
    {
        public async Task<ClientResponse> Handle(Query request, CancellationToken cancellationToken)
        {
            ClientAccess.RequireSelfOrAdmin(client, request.Id);
            var current = reference.Current;
            if (!current.Clients.TryGetValue(request.Id, out var found)) throw new NotFoundException($"No client '{request.Id}'.");
            var stored = await session.LoadAsync<ClientUsage.LastUse>(request.Id, cancellationToken);
            return ClientResponse.From(found, current, clock.GetUtcNow(), ClientResponse.LastUse(stored?.At ?? default, usage.SeenHere(request.Id)));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/clients/{id}", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(id), ct))
            .WithTags("Access").WithSummary("A client's scopes, authorities, key status, expiry and last use. Admin, or the client itself.");
}
