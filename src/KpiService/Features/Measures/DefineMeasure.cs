using FluentValidation;
using KpiService.Common;
using KpiService.Domain.Measures;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Figures;
using MediatR;
using Unit = KpiService.Domain.Measures.Unit;

namespace KpiService.Features.Measures;

public static class DefineMeasure
{
    public sealed record Body(
        string? Title, string? Definition, string? Area, Unit? Unit, Polarity? Polarity, int? DecimalPlaces, Aggregation? Aggregation,
        string? Code, double? FlatThreshold, int? SmallCohortThreshold, IReadOnlyList<PerformanceGroupBand>? PerformanceGroups,
        bool? RequiresNumeratorAndDenominator, string? LaitCode, PublishedYearType? PublishedYearType = null);

    public sealed record Result(MeasureResponse Measure, string ETag, bool Created);

    public sealed record Command(string Id, Body Body, Preconditions Preconditions) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Id).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("must be lower-case words joined by hyphens (URL-safe), e.g. assessments-within-45-wd.").MaximumLength(80);
            RuleFor(c => c.Body.Title).NotEmpty().PlainText(300).OverridePropertyName("title");
            RuleFor(c => c.Body.Definition).PlainText(4000, multiline: true).OverridePropertyName("definition");
            RuleFor(c => c.Body.Area).NotEmpty().PlainText(100).OverridePropertyName("area");
            RuleFor(c => c.Body.Unit).NotNull().WithMessage("is required: percentage, count, ratePer1k, ratePer10k, ratePer100k or average.").OverridePropertyName("unit");
            RuleFor(c => c.Body.Polarity).NotNull().WithMessage("is required: higher, lower or neutral.").OverridePropertyName("polarity");
            RuleFor(c => c.Body.Aggregation).NotNull().WithMessage("is required: flow, snapshot or ratio.").OverridePropertyName("aggregation");
            RuleFor(c => c.Body.DecimalPlaces).NotNull().InclusiveBetween(0, 4).OverridePropertyName("decimalPlaces");
            RuleFor(c => c.Body.Code).PlainText(60).OverridePropertyName("code");
            RuleFor(c => c.Body.LaitCode).PlainText(100).OverridePropertyName("laitCode");
            RuleFor(c => c.Body.FlatThreshold).GreaterThanOrEqualTo(0).OverridePropertyName("flatThreshold");
            RuleFor(c => c.Body.SmallCohortThreshold).GreaterThanOrEqualTo(0).OverridePropertyName("smallCohortThreshold");
            RuleFor(c => c.Body).Must(b => b.Unit != Unit.Count || b.Aggregation != Aggregation.Ratio)
                .WithMessage("a count aggregates as flow or snapshot, not ratio.").OverridePropertyName("aggregation");
        }
    }

    public sealed class Handler(StreamWrites writes, FigureQueries figures, ReadModels.Reference.ReferenceStore reference) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var b = request.Body;
            var measure = new Measure(request.Id, b.Code, b.Title!, b.Definition ?? b.Title!, b.Area!, b.Unit!.Value, b.Polarity!.Value, b.DecimalPlaces!.Value,
                b.Aggregation!.Value, b.FlatThreshold, b.SmallCohortThreshold, b.PerformanceGroups, b.RequiresNumeratorAndDenominator ?? false, b.LaitCode, b.PublishedYearType);
            var hasFigures = await figures.AnyForMeasureAsync(measure.Id, cancellationToken);
            var written = await writes.WriteAsync(ReferenceStreams.Measure(measure.Id), request.Preconditions, $"measure '{measure.Id}'",
                history => ReferenceDecisions.DefineMeasure(history, measure, hasFigures, reference.Current.Measures.Values), cancellationToken);
            return new Result(MeasureResponse.From(measure), written.ETag, written.Created);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/measures/{measure}", async (string measure, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Command(measure, body, Conditional.From(http.Request)), ct);
                http.Response.Headers.ETag = result.ETag;
                return result.Created ? Results.Created($"/api/v1/measures/{Uri.EscapeDataString(measure)}", result.Measure) : Results.Ok(result.Measure);
            })
            .Produces<MeasureResponse>(200).Produces<MeasureResponse>(201).ProducesProblem(422)
            .WithTags("Measures").WithSummary("Define or redefine a measure (its history is kept; its unit cannot change once figures exist). If-Match / If-None-Match: * make it conditional. Admin.");
}
