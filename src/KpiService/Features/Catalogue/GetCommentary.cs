using KpiService.Common;
using KpiService.Domain.Catalogue;
using KpiService.Features.Access;
using KpiService.ReadModels.Catalogue;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

public static class GetCommentary
{
    public sealed record Query(string Authority, string Measure, string Period, string? Breakdown) : IRequest<CommentaryResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, CommentaryQueries commentary) : IRequestHandler<Query, CommentaryResponse>
    {
        public async Task<CommentaryResponse> Handle(Query request, CancellationToken cancellationToken)
        {
            var (authority, measure, period, breakdown) = reference.Current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            var key = new CommentaryKey(authority.LaNumber, measure.Id, period, breakdown);
            var thread = await commentary.ThreadAsync(key, cancellationToken);
            if (thread.Version == 0) throw new NotFoundException($"There is no commentary on {authority.Name}'s {period} '{measure.Id}'.");
            return CommentaryResponse.From(authority, key, thread);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/commentary/{period}",
                async (string authority, string measure, string period, string? breakdown, HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    var commentary = await mediator.Send(new Query(authority, measure, period, breakdown), ct);
                    http.Response.Headers.ETag = commentary.ETag;
                    return commentary;
                })
            .WithTags("Commentary").WithSummary("The commentary on a figure with every revision, and its ETag.");
}
