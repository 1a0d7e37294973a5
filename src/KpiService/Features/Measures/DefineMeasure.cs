using FluentValidation;
using KpiService.Domain.Measures;
using KpiService.Domain.Reference;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;
using Unit = KpiService.Domain.Measures.Unit;

namespace KpiService.Features.Measures;

public static class DefineMeasure
{
    public sealed record Body(
        string? Title, string? Definition, string? Area, Unit? Unit, Polarity? Polarity, int? DecimalPlaces, Aggregation? Aggregation,
        string? Code, double? FlatThreshold, int? SmallCohortThreshold, IReadOnlyList<PerformanceGroupBand>? PerformanceGroups,
        bool? RequiresNumeratorAndDenominator);

    public sealed record Result(bool Created, object Measure);

    public sealed record Command(string Id, Body Body) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Admin;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Id).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("must be lower-case words joined by hyphens (URL-safe), e.g. assessments-within-45-wd.").MaximumLength(80);
            RuleFor(c => c.Body.Title).NotEmpty().MaximumLength(300).OverridePropertyName("title");
            RuleFor(c => c.Body.Definition).MaximumLength(4000).OverridePropertyName("definition");
            RuleFor(c => c.Body.Area).NotEmpty().MaximumLength(100).OverridePropertyName("area");
            RuleFor(c => c.Body.Unit).NotNull().WithMessage("is required: percentage, count, ratePer10k or average.").OverridePropertyName("unit");
            RuleFor(c => c.Body.Polarity).NotNull().WithMessage("is required: higher, lower or neutral.").OverridePropertyName("polarity");
            RuleFor(c => c.Body.Aggregation).NotNull().WithMessage("is required: flow, snapshot or ratio.").OverridePropertyName("aggregation");
            RuleFor(c => c.Body.DecimalPlaces).NotNull().InclusiveBetween(0, 4).OverridePropertyName("decimalPlaces");
            RuleFor(c => c.Body.Code).MaximumLength(60).OverridePropertyName("code");
            RuleFor(c => c.Body.FlatThreshold).GreaterThanOrEqualTo(0).OverridePropertyName("flatThreshold");
            RuleFor(c => c.Body.SmallCohortThreshold).GreaterThanOrEqualTo(0).OverridePropertyName("smallCohortThreshold");
            RuleFor(c => c.Body).Must(b => b.Unit != Unit.Count || b.Aggregation != Aggregation.Ratio)
                .WithMessage("a count aggregates as flow or snapshot, not ratio.").OverridePropertyName("aggregation");
        }
    }

    public sealed class Handler(ReferenceChanges changes) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var b = request.Body;
            var measure = new Measure(request.Id, b.Code, b.Title!, b.Definition ?? b.Title!, b.Area!, b.Unit!.Value, b.Polarity!.Value, b.DecimalPlaces!.Value,
                b.Aggregation!.Value, b.FlatThreshold, b.SmallCohortThreshold, b.PerformanceGroups, b.RequiresNumeratorAndDenominator ?? false);
            var stream = $"measure:{measure.Id}";
            var existed = await changes.ExistsAsync(stream, cancellationToken);
            await changes.RecordAsync(stream, new MeasureDefined(measure), cancellationToken);
            return new Result(!existed, GetMeasure.ToDto(measure));
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/measures/{measure}", async (string measure, Body body, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Command(measure, body), ct);
                return result.Created ? Results.Created($"/api/v1/measures/{measure}", result.Measure) : Results.Ok(result.Measure);
            })
            .WithTags("Measures").WithSummary("Define or redefine a measure (its history is kept). Admin.");
}
