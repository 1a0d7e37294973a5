using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Benchmarks;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Peers;

public static class ListBenchmarks
{
    /// <param name="Source">Only this source's figures (LAIT); leave out for every source.</param>
    /// <param name="Measure">Only this measure (its id, code or LAIT code); leave out for every measure.</param>
    public sealed record Query(string? Source, string? Measure) : IRequest<IReadOnlyList<BenchmarkSet>>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed class Handler(ReferenceStore reference, BenchmarkSets sets) : IRequestHandler<Query, IReadOnlyList<BenchmarkSet>>
    {
        public async Task<IReadOnlyList<BenchmarkSet>> Handle(Query request, CancellationToken cancellationToken)
        {
            string? measure = null;
            // A filter, not a path: a measure nobody knows is a bad parameter (400), not a missing resource.
            if (!string.IsNullOrWhiteSpace(request.Measure))
                try { measure = reference.Current.MeasureByIdOrCode(request.Measure.Trim()).Id; }
                catch (NotFoundException e) { throw ValidationFailedException.Of("measure", e.Message); }
            var source = string.IsNullOrWhiteSpace(request.Source) ? null : request.Source.Trim();
            return await sets.ListAsync(source, measure, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/benchmarks", (string? source, string? measure, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(source, measure), ct))
            .WithTags("Peers").WithSummary(
                "The published figures held, by source and measure: how many figures (values and suppression marks), and each period as its publisher labels it "
                + "with the service period it is compared with. Optionally one source or one measure. Published figures are public: read scope.");
}
