using KpiService.Features.Access;
using KpiService.ReadModels.Rebuild;
using MediatR;

namespace KpiService.Features.Activity;

public static class RebuildProjections
{
    public sealed record Command : IRequest<ReadModelRebuild.Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed class Handler(ReadModelRebuild rebuild) : IRequestHandler<Command, ReadModelRebuild.Result>
    {
        public Task<ReadModelRebuild.Result> Handle(Command request, CancellationToken cancellationToken) => rebuild.RebuildAsync(cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/projections/rebuild", async (IMediator mediator, CancellationToken ct) => await mediator.Send(new Command(), ct))
            .WithTags("Access").WithSummary("Rebuild the read models (figures, reference data, published figures) from the events, beside the live tables, and swap them in: readers keep the old model until the swap. Admin.");
}
