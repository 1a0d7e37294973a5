using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using Marten;
using MediatR;

namespace KpiService.Features.Authorities;

/// <summary>A breakdown dimension an authority declared, with its ETag: where DeclareDimension's Location points.</summary>
public static class GetDimension
{
    public sealed record Query(string Authority, string Dimension) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed record Result(DimensionResponse Dimension, string ETag);

    public sealed class Handler(ReferenceStore reference, IQuerySession session) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var authority = reference.Current.Authority(request.Authority);
            var values = reference.Current.DimensionValues(authority.LaNumber, request.Dimension)
                ?? throw new Common.NotFoundException($"{authority.Name} has declared no '{request.Dimension}' dimension.");
            // The version guards DeclareDimension's If-Match; the snapshot keeps values, the stream keeps the version.
            var state = await session.Events.FetchStreamStateAsync(ReferenceStreams.Dimension(authority.LaNumber, request.Dimension), cancellationToken);
            return new Result(new DimensionResponse(authority.ToReference(), request.Dimension, values), Common.ETags.Of(state?.Version ?? 0));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/dimensions/{dimension}", async (string authority, string dimension, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Query(authority, dimension), ct);
                http.Response.Headers.ETag = result.ETag;
                return result.Dimension;
            })
            .WithTags("Breakdowns").WithSummary("A breakdown dimension the authority declared and its allowed values, with the ETag for If-Match on the next declaration.");
}
