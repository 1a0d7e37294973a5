using KpiService.Common;
using KpiService.Domain.Catalogue;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

public static class WithdrawCommentary
{
    public sealed record Command(string Authority, string Measure, string Period, string? Breakdown, Preconditions Preconditions) : IRequest<CommentaryResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Submit;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, StreamWrites writes, CurrentClient client, TimeProvider clock) : IRequestHandler<Command, CommentaryResponse>
    {
        public async Task<CommentaryResponse> Handle(Command request, CancellationToken cancellationToken)
        {
            var (authority, measure, period, breakdown) = reference.Current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            var key = new CommentaryKey(authority.LaNumber, measure.Id, period, breakdown);
            CommentaryThread? after = null;
            await writes.WriteAsync(key.StreamId, request.Preconditions, $"the commentary on {authority.Name}'s {period} '{measure.Id}'", history =>
            {
                var state = history.OfType<CommentaryEvent>().Aggregate(CommentaryThread.None, CommentaryThread.Evolve);
                if (state.Version == 0) throw new NotFoundException($"There is no commentary on {authority.Name}'s {period} '{measure.Id}'.");
                var decision = CommentaryDecider.Decide(state, key, new Domain.Catalogue.WithdrawCommentary(client.Name, clock.GetUtcNow()));
                after = decision is Domain.Decision<CommentaryEvent>.Accepted a ? a.Events.Aggregate(state, CommentaryThread.Evolve) : state;
                return decision;
            }, cancellationToken);
            return CommentaryResponse.From(authority, key, after!);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/authorities/{authority}/measures/{measure}/commentary/{period}",
                async (string authority, string measure, string period, string? breakdown, HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    var commentary = await mediator.Send(new Command(authority, measure, period, breakdown, Conditional.From(http.Request)), ct);
                    http.Response.Headers.ETag = commentary.ETag;
                    return commentary;
                })
            .ProducesProblem(422)
            .WithTags("Commentary").WithSummary("Withdraw the commentary on a figure (an event: its revisions are kept). Submit scope.");
}
