using KpiService.Domain.Figures;
using KpiService.EventStore;
using KpiService.Infrastructure;
using KpiService.Infrastructure.Access;
using KpiService.ReferenceData;
using MediatR;

namespace KpiService.Features.Figures;

public static class WithdrawFigure
{
    public sealed record Command(string Authority, string Measure, string Period, string? Breakdown, string? Reason, string? IfMatch) : IRequest<FigureRow>, IAuthorized
    {
        public string RequiredScope => Scopes.Submit;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, FigureStore figures, PostgresEventStore events, CurrentClient client) : IRequestHandler<Command, FigureRow>
    {
        public async Task<FigureRow> Handle(Command request, CancellationToken cancellationToken)
        {
            var (authority, measure, period, breakdown) = reference.Current.Figure(request.Authority, request.Measure, request.Period, request.Breakdown);
            var key = new FigureKey(authority.LaNumber, measure.Id, period, breakdown);
            var existing = await figures.GetAsync(key, cancellationToken) ?? throw new NotFoundException($"{authority.Name} has no {key.Period} figure for '{measure.Id}'.");
            if (request.IfMatch is { } ifMatch && ifMatch != "*" && ifMatch != existing.ETag)
                throw new PreconditionFailedException($"If-Match {ifMatch} does not match the figure's current ETag {existing.ETag}.");
            if (Figure.Withdraw(existing.ToState(), key, request.Reason) is FigureDecision.Append append)
            {
                try
                {
                    await events.AppendAsync([new StreamWrite(key.StreamId, existing.Version, [EventSerializer.ToNew(append.Event)])], client.Metadata, cancellationToken);
                }
                catch (ConcurrencyException)
                {
                    throw new PreconditionFailedException("The figure was changed by another writer meanwhile; nothing was withdrawn. Read it again.");
                }
            }
            return (await figures.GetAsync(key, cancellationToken))!;
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/authorities/{authority}/measures/{measure}/figures/{period}",
                async (string authority, string measure, string period, string? breakdown, string? reason, HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    var ifMatch = http.Request.Headers.IfMatch.ToString();
                    var figure = await mediator.Send(new Command(authority, measure, period, breakdown, reason, ifMatch.Length == 0 ? null : ifMatch), ct);
                    http.Response.Headers.ETag = figure.ETag;
                    return Results.Ok(FigureDto.From(figure));
                })
            .WithTags("Figures").WithSummary("Withdraw a mistaken figure. It is an event, not a deletion: history and 'as at' answers keep it.");
}
