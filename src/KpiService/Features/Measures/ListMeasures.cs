using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Measures;

public static class ListMeasures
{
    public sealed record Query(string? Area) : IRequest<IReadOnlyList<MeasureResponse>>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, IReadOnlyList<MeasureResponse>>
    {
        public Task<IReadOnlyList<MeasureResponse>> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<MeasureResponse>>([.. reference.Current.Measures.Values
                .Where(m => request.Area is null || string.Equals(m.Area, request.Area, StringComparison.OrdinalIgnoreCase))
                .OrderBy(m => m.Area).ThenBy(m => m.Id).Select(MeasureResponse.From)]);
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/measures", (string? area, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(area), ct))
            .WithTags("Measures").WithSummary("The measure catalogue (optionally one thematic area), each with its LAIT code where it has one.");
}
