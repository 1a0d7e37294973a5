using KpiService.Common;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Ratings;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

public static class SetLabelScheme
{
    /// <summary>Statuses to relabel, e.g. { "amber": { "name": "Yellow", "colour": "#ffdd00" } }; the others keep the national labels.</summary>
    public sealed record Command(string Authority, IReadOnlyDictionary<RagStatus, StatusLabel> Labels, Preconditions Preconditions) : IRequest<CatalogueResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Catalogue;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, CatalogueChanges changes) : IRequestHandler<Command, CatalogueResponse>
    {
        public async Task<CatalogueResponse> Handle(Command request, CancellationToken cancellationToken)
        {
            var authority = reference.Current.Authority(request.Authority);
            var (catalogue, _) = await changes.DecideAsync(authority, new Domain.Catalogue.SetLabelScheme(request.Labels), request.Preconditions, cancellationToken);
            return CatalogueResponse.From(authority, catalogue);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/labels", async (string authority, Dictionary<RagStatus, StatusLabel> labels, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var catalogue = await mediator.Send(new Command(authority, labels, Conditional.From(http.Request)), ct);
                http.Response.Headers.ETag = catalogue.ETag;
                return catalogue;
            })
            .ProducesProblem(422)
            .WithTags("Catalogue").WithSummary("The authority's names and colours for the four statuses (Slough's amber is \"Yellow\"), used on its ratings, scorecards and board packs. Catalogue scope.");
}
