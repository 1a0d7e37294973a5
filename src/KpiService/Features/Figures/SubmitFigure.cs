using KpiService.Domain.Figures;
using KpiService.EventStore;
using KpiService.Infrastructure;
using KpiService.Infrastructure.Access;
using KpiService.ReferenceData;
using MediatR;

namespace KpiService.Features.Figures;

public static class SubmitFigure
{
    public sealed record Body(double? Value, double? Numerator, double? Denominator, string? Note);

    public enum Outcome { Created, Revised, Unchanged }

    public sealed record Result(Outcome Outcome, FigureRow Figure);

    /// <param name="IfMatch">The ETag the client last saw; a stale one answers 412 and changes nothing.</param>
    public sealed record Command(string Authority, string Measure, string Period, string? Breakdown, Body Body, string? IfMatch) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Submit;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, FigureStore figures, PostgresEventStore events, CurrentClient client, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var problems = new List<FieldProblem>();
            var authority = current.FindAuthority(request.Authority);
            if (authority is null) problems.Add(new("authority", $"'{request.Authority}' is not a known GSS code or LA number."));
            var item = new FigureInputItem(request.Measure, request.Period, request.Breakdown, request.Body.Value, request.Body.Numerator, request.Body.Denominator, request.Body.Note);
            var now = clock.GetUtcNow();
            var valid = FigureSubmission.Check(current, authority, item, "", DateOnly.FromDateTime(now.UtcDateTime), problems);
            if (problems.Count > 0 || valid is null) throw ValidationFailedException.Of(problems.Select(p => (p.Field, p.Message)));

            var existing = await figures.GetAsync(valid.Key, cancellationToken);
            if (request.IfMatch is { } ifMatch && ifMatch != "*" && ifMatch != existing?.ETag)
                throw new PreconditionFailedException($"If-Match {ifMatch} does not match the figure's current ETag {existing?.ETag ?? "(none: the figure does not exist)"}.");

            var state = existing?.ToState() ?? FigureState.None;
            switch (Figure.Submit(state, valid.Key, valid.Value, valid.Note, now))
            {
                case FigureDecision.Unchanged:
                    return new Result(Outcome.Unchanged, existing!);
                case FigureDecision.Append append:
                    try
                    {
                        await events.AppendAsync([new StreamWrite(valid.Key.StreamId, state.Version, [EventSerializer.ToNew(append.Event)])],
                            client.Metadata, cancellationToken);
                    }
                    catch (ConcurrencyException) when (request.IfMatch is not null)
                    {
                        throw new PreconditionFailedException("The figure was changed by another writer after the ETag you sent; read it again.");
                    }
                    catch (ConcurrencyException)
                    {
                        throw new ConflictException($"The figure {valid.Key.Period} of '{valid.Key.MeasureId}' was changed by another writer at the same moment; nothing was stored. Retry with If-Match to be sure.");
                    }
                    return new Result(append.Created ? Outcome.Created : Outcome.Revised, Applied(existing, append.Event, now));
                default:
                    throw new InvalidOperationException("unknown decision");
            }
        }
    }

    /// <summary>The read-model row as the append just left it, without reading it back (one round trip saved).</summary>
    private static FigureRow Applied(FigureRow? before, FigureEvent @event, DateTimeOffset now) => @event switch
    {
        FigureSubmitted s => new FigureRow(s.Key.LaNumber, s.Key.MeasureId, s.Key.BreakdownKey, s.Key.Period, s.Figure.Value, s.Figure.Numerator, s.Figure.Denominator,
            s.Note, 1, s.Figure.Value, now, now, false, false, (before?.Version ?? 0) + 1),
        FigureRevised r => before! with
        {
            Value = r.Figure.Value, Numerator = r.Figure.Numerator, Denominator = r.Figure.Denominator, Note = r.Note, Revision = r.Revision,
            SubmittedAt = now, Withdrawn = false, LateRestatement = r.LateRestatement, Version = before.Version + 1,
        },
        _ => throw new InvalidOperationException("a submission appends a submission or a revision"),
    };

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/measures/{measure}/figures/{period}",
                async (string authority, string measure, string period, string? breakdown, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    var ifMatch = http.Request.Headers.IfMatch.ToString();
                    var result = await mediator.Send(new Command(authority, measure, period, breakdown, body, ifMatch.Length == 0 ? null : ifMatch), ct);
                    http.Response.Headers.ETag = result.Figure.ETag;
                    var dto = FigureDto.From(result.Figure, unchanged: result.Outcome == Outcome.Unchanged);
                    return result.Outcome == Outcome.Created
                        ? Results.Created($"/api/v1/authorities/{authority}/measures/{measure}/figures/{period}", dto)
                        : Results.Ok(dto);
                })
            .WithTags("Figures")
            .WithSummary("Submit or revise one figure: 201 new, 200 revised, 200 with unchanged: true when identical. Send If-Match with the ETag to avoid overwriting another writer (412 if stale).");
}
