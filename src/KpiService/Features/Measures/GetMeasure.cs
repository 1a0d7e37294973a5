using KpiService.Domain.Measures;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Measures;

public static class GetMeasure
{
    public sealed record Query(string Measure) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, object>
    {
        public Task<object> Handle(Query request, CancellationToken cancellationToken) => Task.FromResult(ToDto(reference.Current.Measure(request.Measure)));
    }

    public static object ToDto(Measure m) => new
    {
        m.Id, m.Code, m.Title, m.Definition, m.Area, m.Unit, m.Polarity, m.DecimalPlaces, m.Aggregation,
        flatThreshold = m.EffectiveFlatThreshold(), smallCohortThreshold = m.EffectiveSmallCohortThreshold(),
        performanceGroups = m.EffectivePerformanceGroups(),
        m.RequiresNumeratorAndDenominator,
    };

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/measures/{measure}", (string measure, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(measure), ct))
            .WithTags("Measures").WithSummary("One measure: unit, polarity, decimal places, aggregation and rating defaults.");
}
