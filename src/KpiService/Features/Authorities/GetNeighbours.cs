using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Authorities;

public static class GetNeighbours
{
    public const int DefaultModel = 2025;

    public sealed record Query(string Authority, int? Model) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, object>
    {
        public Task<object> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            var model = request.Model ?? DefaultModel;
            if (!current.Models.Contains(model))
                throw ValidationFailedException.Of("model", $"No statistical neighbour model {model}; the models are {string.Join(", ", current.Models)}.");
            var neighbours = current.Neighbours.GetValueOrDefault((model, authority.LaNumber)) ?? [];
            return Task.FromResult<object>(new
            {
                authority = authority.ToReference(),
                model,
                neighbours = neighbours.Select(n => current.Authorities.TryGetValue(n.LaNumber, out var a)
                    ? new { n.Rank, code = a.GssCode, laNumber = n.LaNumber, a.Name, n.Closeness }
                    : new { n.Rank, code = (string?)null, laNumber = n.LaNumber, Name = $"LA {n.LaNumber}", n.Closeness }),
            });
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/neighbours", (string authority, int? model, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(authority, model), ct))
            .WithTags("Reference data").WithSummary("The authority's 10 statistical neighbours, ranked, with closeness (model 2025 by default, 2021 on request).");
}
