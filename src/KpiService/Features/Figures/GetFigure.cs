using KpiService.Common;
using KpiService.Domain.Figures;
using KpiService.Features.Access;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Figures;

public static class GetFigure
{
    public sealed record Query(string Authority, string Measure, string Period, string? Breakdown) : IRequest<FigureResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, FigureQueries figures, TimeProvider clock) : IRequestHandler<Query, FigureResponse>
    {
        public async Task<FigureResponse> Handle(Query request, CancellationToken cancellationToken)
        {
            var (authority, measure, period, breakdown) = reference.Current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            var key = new FigureKey(authority.LaNumber, measure.Id, period, breakdown);
            var figure = await figures.GetAsync(key, cancellationToken) ?? throw new NotFoundException($"{authority.Name} has no {key.Period} figure for '{measure.Id}'.");
            return FigureResponse.From(figure, clock.GetUtcNow());
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/figures/{period}",
                async (string authority, string measure, string period, string? breakdown, HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    var figure = await mediator.Send(new Query(authority, measure, period, breakdown), ct);
                    http.Response.Headers.ETag = figure.ETag;
                    return Results.Ok(figure);
                })
            .Produces<FigureResponse>(200)
            .WithTags("Figures").WithSummary("One figure as it stands, with its ETag (for If-Match on the next write); withdrawn figures say so.");
}
