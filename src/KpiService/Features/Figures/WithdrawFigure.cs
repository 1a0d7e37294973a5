using KpiService.Common;
using KpiService.Domain.Figures;
using KpiService.Features.Access;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Reference;
using Marten;
using MediatR;

namespace KpiService.Features.Figures;

public static class WithdrawFigure
{
    public sealed record Command(string Authority, string Measure, string Period, string? Breakdown, string? Reason, Preconditions Preconditions) : IRequest<FigureResponse>, IAuthorized
    {
        public string RequiredScope => Scopes.Submit;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, FigureQueries figures, IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, FigureResponse>
    {
        public async Task<FigureResponse> Handle(Command request, CancellationToken cancellationToken)
        {
            var (authority, measure, period, breakdown) = reference.Current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            if (Domain.PlainText.Problem(request.Reason, FigureValidation.MaxNoteLength, multiline: true, required: false) is { } problem)
                throw ValidationFailedException.Of("reason", problem);
            var key = new FigureKey(authority.LaNumber, measure.Id, period, breakdown);
            var existing = (await figures.LoadForWritingAsync(session, [key], cancellationToken)).GetValueOrDefault(key.StreamId)
                ?? throw new NotFoundException($"{authority.Name} has no {key.Period} figure for '{measure.Id}'.");
            request.Preconditions.Check(existing.ETag, $"the {key.Period} figure of '{measure.Id}'");
            var now = clock.GetUtcNow();
            if (Figure.Withdraw(existing, key, request.Reason) is not FigureDecision.Append append) return FigureResponse.From(existing, now);

            var stream = session.Events.Append(key.StreamId, existing.Version + 1, append.Event);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (StoreFailures.IsConflict(e))
            {
                throw new PreconditionFailedException("The figure was changed by another writer meanwhile; nothing was withdrawn. Read it again.");
            }
            return FigureResponse.From(Figure.Evolve(existing, append.Event, existing.Version + 1, stream.Events[0].Timestamp), now);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/authorities/{authority}/measures/{measure}/figures/{period}",
                async (string authority, string measure, string period, string? breakdown, string? reason, HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    var figure = await mediator.Send(new Command(authority, measure, period, breakdown, reason, Conditional.From(http.Request)), ct);
                    http.Response.Headers.ETag = figure.ETag;
                    return Results.Ok(figure);
                })
            .Produces<FigureResponse>(200)
            .WithTags("Figures").WithSummary("Withdraw a mistaken figure. It is an event, not a deletion: history and 'as at' answers keep it.");
}
