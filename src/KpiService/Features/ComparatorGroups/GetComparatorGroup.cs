using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.ComparatorGroups;

public static class GetComparatorGroup
{
    public sealed record Query(string Id) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed record Result(GroupDefinition Group, string ETag);

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, Result>
    {
        public Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            return Task.FromResult(current.Groups.TryGetValue(request.Id, out var group)
                ? new Result(GroupDefinition.From(group, current), ETags.Of(current.GroupVersions.GetValueOrDefault(group.Id)))
                : throw new NotFoundException($"No comparator group '{request.Id}'."));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/comparator-groups/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Query(id), ct);
                http.Response.Headers.ETag = result.ETag;
                return result.Group;
            })
            .WithTags("Comparator groups").WithSummary("A named comparator group and its members, with its ETag.");
}
