using KpiService.Common;
using KpiService.Domain.Catalogue;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Catalogue;

public static class WriteCommentary
{
    /// <param name="Text">Plain text (no markup, no control characters), at most 4,000 characters.</param>
    /// <param name="Action">An agreed action: what, who owns it, by when.</param>
    public sealed record Body(string? Text, CommentaryAction? Action);

    public sealed record Command(string Authority, string Measure, string Period, string? Breakdown, Body Body, Preconditions Preconditions) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Submit;
        public string? AuthorityCode => Authority;
    }

    public sealed record Result(CommentaryResponse Commentary, bool Created);

    public sealed class Handler(ReferenceStore reference, StreamWrites writes, CurrentClient client, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (authority, measure, period, breakdown) = reference.Current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            var key = new CommentaryKey(authority.LaNumber, measure.Id, period, breakdown);
            var command = new Domain.Catalogue.WriteCommentary(request.Body.Text ?? "", request.Body.Action, client.Name, clock.GetUtcNow());
            CommentaryThread? after = null;
            var written = await writes.WriteAsync(key.StreamId, request.Preconditions, $"the commentary on {authority.Name}'s {period} '{measure.Id}'", history =>
            {
                var state = history.OfType<CommentaryEvent>().Aggregate(CommentaryThread.None, CommentaryThread.Evolve);
                var decision = CommentaryDecider.Decide(state, key, command);
                after = decision is Domain.Decision<CommentaryEvent>.Accepted a ? a.Events.Aggregate(state, CommentaryThread.Evolve) : state;
                return decision;
            }, cancellationToken);
            return new Result(CommentaryResponse.From(authority, key, after!), written.Created);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/measures/{measure}/commentary/{period}",
                async (string authority, string measure, string period, string? breakdown, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    var result = await mediator.Send(new Command(authority, measure, period, breakdown, body, Conditional.From(http.Request)), ct);
                    http.Response.Headers.ETag = result.Commentary.ETag;
                    return result.Created
                        ? Results.Created($"/api/v1/authorities/{Uri.EscapeDataString(authority)}/measures/{Uri.EscapeDataString(measure)}/commentary/{Uri.EscapeDataString(period)}"
                            + (breakdown is null ? "" : "?breakdown=" + Uri.EscapeDataString(breakdown)), result.Commentary)
                        : Results.Ok(result.Commentary);
                })
            .Produces<CommentaryResponse>(200).Produces<CommentaryResponse>(201).ProducesProblem(422)
            .WithTags("Commentary").WithSummary("Commentary on a figure (and an action with owner and due date): plain text, every revision kept. Shown with the rating, scorecard and board pack. Submit scope.");
}
