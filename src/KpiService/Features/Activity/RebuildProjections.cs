using KpiService.Infrastructure.Access;
using KpiService.Projections;
using MediatR;

namespace KpiService.Features.Activity;

public static class RebuildProjections
{
    public sealed record Command : IRequest<ProjectionRebuild.Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed class Handler(ProjectionRebuild rebuild) : IRequestHandler<Command, ProjectionRebuild.Result>
    {
        public Task<ProjectionRebuild.Result> Handle(Command request, CancellationToken cancellationToken) => rebuild.RebuildFiguresAsync(cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/projections/figures/rebuild", async (IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Command(), ct);
                return new { result.Events, result.Figures, result.Seconds, result.EventsPerSecond };
            })
            .WithTags("Access").WithSummary("Rebuild the figures read model from the events (after a projection change or to verify it). One transaction: readers see the old model until it commits. Admin.");
}
