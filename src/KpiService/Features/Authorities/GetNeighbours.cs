using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Authorities;

public static class GetNeighbours
{
    public sealed record Query(string Authority, int? Model) : IRequest<NeighbourList>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    /// <param name="Closeness">DfE's closeness band for the pair (not symmetric: A's neighbour B may not count A among its own).</param>
    public sealed record NeighbourEntry(int Rank, string? Code, int LaNumber, string Name, string Closeness);

    public sealed record NeighbourList(AuthorityReference Authority, int Model, IReadOnlyList<NeighbourEntry> Neighbours);

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, NeighbourList>
    {
        public Task<NeighbourList> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            var model = request.Model ?? ReferenceSnapshot.DefaultNeighbourModel;
            if (!current.Models.Contains(model))
                throw ValidationFailedException.Of("model", $"No statistical neighbour model {model}; the models are {string.Join(", ", current.Models)}.");
            var neighbours = current.Neighbours.GetValueOrDefault((model, authority.LaNumber)) ?? [];
            return Task.FromResult(new NeighbourList(authority.ToReference(), model, [.. neighbours.Select(n => current.Authorities.TryGetValue(n.LaNumber, out var a)
                ? new NeighbourEntry(n.Rank, a.GssCode, n.LaNumber, a.Name, n.Closeness)
                : new NeighbourEntry(n.Rank, null, n.LaNumber, $"LA {n.LaNumber}", n.Closeness))]));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/neighbours", (string authority, int? model, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(authority, model), ct))
            .WithTags("Reference data").WithSummary("The authority's 10 statistical neighbours, ranked, with closeness (model 2025 by default, 2021 on request).");
}
