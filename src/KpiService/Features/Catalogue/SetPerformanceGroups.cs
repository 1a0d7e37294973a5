using KpiService.Common;
using KpiService.Domain.Measures;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

public static class SetPerformanceGroups
{
    /// <param name="Bands">Best first, e.g. [{ group: 1, from: 90 }, { group: 2, from: 80 }, { group: 3 }]; null returns to the measure's own.</param>
    public sealed record Body(IReadOnlyList<PerformanceGroupBand>? Bands);

    public sealed record Command(string Authority, string Measure, Body Body, Preconditions Preconditions) : IRequest<CatalogueResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Catalogue;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, CatalogueChanges changes) : IRequestHandler<Command, CatalogueResponse>
    {
        public async Task<CatalogueResponse> Handle(Command request, CancellationToken cancellationToken)
        {
            var authority = reference.Current.Authority(request.Authority);
            var (catalogue, _) = await changes.DecideAsync(authority, new Domain.Catalogue.SetPerformanceGroups(request.Measure, request.Body.Bands), request.Preconditions, cancellationToken);
            return CatalogueResponse.From(authority, catalogue);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/measures/{measure}/performance-groups", async (string authority, string measure, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var catalogue = await mediator.Send(new Command(authority, measure, body, Conditional.From(http.Request)), ct);
                http.Response.Headers.ETag = catalogue.ETag;
                return catalogue;
            })
            .ProducesProblem(422)
            .WithTags("Catalogue").WithSummary("The authority's performance-group bands (the seeds' 1/2/3) for a measure it sees. Catalogue scope.");
}
