using KpiService.Domain.Catalogue;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

/// <summary>
/// One measure as the authority sees it: a national measure under its own code and title, or one of its local
/// measures. Where DefineLocalMeasure's Location points, so a 201 names something a client can read.
/// </summary>
public static class GetAuthorityMeasure
{
    public sealed record Query(string Authority, string Measure) : IRequest<AuthorityMeasure>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, AuthorityMeasure>
    {
        public Task<AuthorityMeasure> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            return Task.FromResult(AuthorityMeasure.From(current.Measure(request.Measure, authority)));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}", (string authority, string measure, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Query(authority, measure), ct))
            .WithTags("Catalogue").WithSummary("One measure as the authority sees it: a national measure under its own code, title and bands, or one of its local measures (by id, slug or code).");
}
