using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

public static class ListAuthorityMeasures
{
    public sealed record Query(string Authority, string? Area) : IRequest<IReadOnlyList<AuthorityMeasure>>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, IReadOnlyList<AuthorityMeasure>>
    {
        public Task<IReadOnlyList<AuthorityMeasure>> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            return Task.FromResult<IReadOnlyList<AuthorityMeasure>>([.. current.ViewOf(authority.LaNumber).Measures
                .Where(m => request.Area is null || string.Equals(m.Area, request.Area, StringComparison.OrdinalIgnoreCase))
                .Select(AuthorityMeasure.From)]);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures", (string authority, string? area, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(authority, area), ct))
            .WithTags("Catalogue").WithSummary("The measures the authority sees: national ones under its own codes, titles and bands, then its own local measures.");
}
