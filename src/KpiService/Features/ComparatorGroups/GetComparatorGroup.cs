using KpiService.Domain.Reference;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.ComparatorGroups;

public static class GetComparatorGroup
{
    public sealed record Query(string Id) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, object>
    {
        public Task<object> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult(reference.Current.Groups.TryGetValue(request.Id, out var group)
                ? ToDto(group, reference.Current)
                : throw new NotFoundException($"No comparator group '{request.Id}'."));
    }

    public static object ToDto(ComparatorGroupSaved group, ReferenceSnapshot reference) => new
    {
        group.Id, group.Name,
        members = group.Members.Select(la => reference.Authorities[la].ToReference()),
    };

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/comparator-groups/{id}", (string id, IMediator mediator, CancellationToken ct) => mediator.Send(new Query(id), ct))
            .WithTags("Comparator groups").WithSummary("A named comparator group and its members.");
}
