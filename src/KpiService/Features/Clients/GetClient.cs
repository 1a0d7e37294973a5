using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Clients;

/// <summary>A registered client system, without its key (only a hash is kept): where RegisterClient's Location points.</summary>
public static class GetClient
{
    public sealed record Query(string Id) : IRequest<ClientResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    /// <param name="Authorities">GSS codes (LA numbers where an authority has none) the scopes cover, or ["*"] for all.</param>
    public sealed record ClientResponse(string Id, string Name, IReadOnlyList<string> Scopes, IReadOnlyList<string> Authorities);

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, ClientResponse>
    {
        public Task<ClientResponse> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var client = current.Clients.GetValueOrDefault(request.Id) ?? throw new Common.NotFoundException($"No client has the id '{request.Id}'.");
            var all = client.Scopes.Any(g => g.AllAuthorities && g.Scope != Scopes.Admin);
            var authorities = all ? ["*"] : client.Scopes.SelectMany(g => g.Authorities).Distinct()
                .Select(la => current.Authorities.GetValueOrDefault(la)?.GssCode ?? la.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            return Task.FromResult(new ClientResponse(client.Id, client.Name, [.. client.Scopes.Select(g => g.Scope)], authorities));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/clients/{id}", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(id), ct))
            .WithTags("Access").WithSummary("A registered client system: its name, scopes and the authorities they cover (never its key). Admin.");
}
