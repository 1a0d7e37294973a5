using JasperFx;
using KpiService.Common;
using KpiService.Domain.Figures;
using KpiService.Features.Access;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Reference;
using Marten;
using MediatR;

namespace KpiService.Features.Figures;

public static class SubmitFigure
{
    /// <param name="Value">The figure; for ratios it may be left out when numerator and denominator are sent.</param>
    /// <param name="Numerator">For percentages, rates and averages: the top of the fraction (for rates per 10,000, the count).</param>
    /// <param name="Denominator">The bottom of the fraction; for rates it defaults to the authority's population aged 0–17.</param>
    /// <param name="Note">Plain text, at most 2,000 characters.</param>
    public sealed record Body(double? Value, double? Numerator, double? Denominator, string? Note);

    public enum Outcome { Created, Revised, Unchanged }

    public sealed record Result(Outcome Outcome, FigureResponse Figure);

    public sealed record Command(string Authority, string Measure, string Period, string? Breakdown, Body Body, Preconditions Preconditions) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Submit;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference, FigureQueries figures, IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var problems = new List<FieldProblem>();
            var authority = current.FindAuthority(request.Authority);
            if (authority is null) problems.Add(new("authority", $"'{request.Authority}' is not a known GSS code or LA number."));
            var body = request.Body;
            var item = new FigureInputItem(request.Measure, request.Period, request.Breakdown, body.Value, body.Numerator, body.Denominator, body.Note);
            var now = clock.GetUtcNow();
            var valid = FigureValidation.Check(current, authority, item, "", DateOnly.FromDateTime(now.UtcDateTime), problems);
            if (problems.Count > 0 || valid is null) throw ValidationFailedException.Of(problems.Select(p => (p.Field, p.Message)));

            var existing = (await figures.LoadForWritingAsync(session, [valid.Key], cancellationToken)).GetValueOrDefault(valid.Key.StreamId);
            request.Preconditions.Check(existing?.ETag, $"the {valid.Key.Period} figure of '{valid.Key.MeasureId}'");
            if (Figure.Submit(existing, valid.Key, valid.Value, valid.Note, now) is not FigureDecision.Append append)
                return new Result(Outcome.Unchanged, FigureResponse.From(existing!, now, unchanged: true));

            var version = (existing?.Version ?? 0) + 1;
            var stream = session.Events.Append(valid.Key.StreamId, version, append.Event);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (StoreFailures.IsConflict(e))
            {
                throw request.Preconditions.Any
                    ? new PreconditionFailedException("The figure was changed by another writer after the ETag you sent; read it again.")
                    : new ConflictException($"The figure {valid.Key.Period} of '{valid.Key.MeasureId}' was changed by another writer at the same moment; nothing was stored. Retry with If-Match to be sure.");
            }
            var written = Figure.Evolve(existing, append.Event, version, stream.Events[0].Timestamp);
            return new Result(append.Created ? Outcome.Created : Outcome.Revised, FigureResponse.From(written, now));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/measures/{measure}/figures/{period}",
                async (string authority, string measure, string period, string? breakdown, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    var result = await mediator.Send(new Command(authority, measure, period, breakdown, body, Conditional.From(http.Request)), ct);
                    http.Response.Headers.ETag = result.Figure.ETag;
                    return result.Outcome == Outcome.Created
                        ? Results.Created(FigureLocation.Of(authority, measure, period, breakdown), result.Figure)
                        : Results.Ok(result.Figure);
                })
            .Produces<FigureResponse>(200).Produces<FigureResponse>(201)
            .WithTags("Figures")
            .WithSummary("Submit or revise one figure: 201 new, 200 revised, 200 with unchanged: true when identical. Send If-Match with the ETag to avoid overwriting another writer (412 if stale), or If-None-Match: * to create only.");
}
