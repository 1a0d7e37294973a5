using KpiService.Common;
using KpiService.Domain.Catalogue;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

public static class SetLocalName
{
    /// <param name="Code">The authority's own code for the measure (Darlington's "CSC 209"); blank: the national code.</param>
    /// <param name="Title">The authority's own title; blank: the national title.</param>
    public sealed record Body(string? Code, string? Title);

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
            var (catalogue, _) = await changes.DecideAsync(authority, new Domain.Catalogue.SetLocalName(request.Measure, request.Body.Code, request.Body.Title), request.Preconditions, cancellationToken);
            return CatalogueResponse.From(authority, catalogue);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/measures/{measure}/local-name", async (string authority, string measure, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var catalogue = await mediator.Send(new Command(authority, measure, body, Conditional.From(http.Request)), ct);
                http.Response.Headers.ETag = catalogue.ETag;
                return catalogue;
            })
            .ProducesProblem(422)
            .WithTags("Catalogue").WithSummary("The authority's own code and title for a national measure (seen only in its reads). Catalogue scope.");
}
