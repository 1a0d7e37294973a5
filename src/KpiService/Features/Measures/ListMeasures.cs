using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Measures;

public static class ListMeasures
{
    public sealed record Query(string? Area) : IRequest<IReadOnlyList<object>>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, IReadOnlyList<object>>
    {
        public Task<IReadOnlyList<object>> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<object>>([.. reference.Current.Measures.Values
                .Where(m => request.Area is null || string.Equals(m.Area, request.Area, StringComparison.OrdinalIgnoreCase))
                .OrderBy(m => m.Area).ThenBy(m => m.Id).Select(GetMeasure.ToDto)]);
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/measures", (string? area, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(area), ct))
            .WithTags("Measures").WithSummary("The measure catalogue (optionally one thematic area).");
}
