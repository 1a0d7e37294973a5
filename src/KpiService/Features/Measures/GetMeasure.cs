using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Measures;

public static class GetMeasure
{
    public sealed record Query(string Measure) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed record Result(MeasureResponse Measure, string ETag);

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, Result>
    {
        public Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var measure = current.Measure(request.Measure);
            return Task.FromResult(new Result(MeasureResponse.From(measure), ETags.Of(current.MeasureVersions.GetValueOrDefault(measure.Id))));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/measures/{measure}", async (string measure, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Query(measure), ct);
                http.Response.Headers.ETag = result.ETag;
                return result.Measure;
            })
            .WithTags("Measures").WithSummary("One measure: unit, polarity, decimal places, aggregation and rating defaults, with its ETag.");
}
