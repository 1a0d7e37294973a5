using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.DataSharing;

/// <summary>The agreements in force that cover the client's authorities (all of them for admin): why it sees what it sees.</summary>
public static class ListDataSharingAgreements
{
    public sealed record Query : IRequest<AgreementList>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed record AgreementList(IReadOnlyList<AgreementResponse> Agreements);

    public sealed class Handler(ReferenceStore reference, CurrentClient client) : IRequestHandler<Query, AgreementList>
    {
        public Task<AgreementList> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var readable = client.AuthoritiesFor(Scopes.Read);
            return Task.FromResult(new AgreementList([.. current.SharingAgreements.Values
                .Where(a => readable is null || a.Members.Any(readable.Contains)).OrderBy(a => a.Id)
                .Select(a => AgreementResponse.From(a.Id, a.Name, a.Members, current))]));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/data-sharing-agreements", (IMediator mediator, CancellationToken ct) => mediator.Send(new Query(), ct))
            .WithTags("Data sharing").WithSummary("The data-sharing agreements in force that cover this client's authorities (every one for admin).");
}
