using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.DataSharing;

/// <summary>
/// One agreement in force, with its ETag: where SaveDataSharingAgreement's 201 Location points, and what to read before
/// changing it with If-Match. A client sees the agreements that cover one of its authorities (as the list shows them);
/// any other is answered as not found, so the list and the read never disagree about what exists.
/// </summary>
public static class GetDataSharingAgreement
{
    public sealed record Query(string Id) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
    }

    public sealed record Result(AgreementResponse Agreement, string ETag);

    public sealed class Handler(ReferenceStore reference, CurrentClient client) : IRequestHandler<Query, Result>
    {
        public Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var readable = client.AuthoritiesFor(Scopes.Read);
            if (!current.SharingAgreements.TryGetValue(request.Id, out var agreement) || (readable is not null && !agreement.Members.Any(readable.Contains)))
                throw new NotFoundException($"No data-sharing agreement '{request.Id}' in force that covers this client's authorities.");
            return Task.FromResult(new Result(AgreementResponse.From(agreement.Id, agreement.Name, agreement.Members, current), ETags.Of(agreement.Version)));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/data-sharing-agreements/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Query(id), ct);
                http.Response.Headers.ETag = result.ETag;
                return result.Agreement;
            })
            .WithTags("Data sharing").WithSummary("One data-sharing agreement in force and its members, with its ETag (one that covers this client's authorities; every one for admin).");
}
