using KpiService.Domain.Catalogue;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

public static class GetAuthorityCatalogue
{
    public sealed record Query(string Authority) : IRequest<CatalogueResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, CatalogueResponse>
    {
        public Task<CatalogueResponse> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            return Task.FromResult(CatalogueResponse.From(authority, current.Catalogues.GetValueOrDefault(authority.LaNumber) ?? AuthorityCatalogue.Empty(authority.LaNumber)));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/catalogue", async (string authority, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var catalogue = await mediator.Send(new Query(authority), ct);
                http.Response.Headers.ETag = catalogue.ETag;
                return catalogue;
            })
            .WithTags("Catalogue").WithSummary("What the authority has made its own: local measures, local codes and titles, performance-group bands and status labels, with the ETag for conditional changes.");
}
