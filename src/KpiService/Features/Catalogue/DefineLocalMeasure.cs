using KpiService.Common;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Measures;
using KpiService.Features.Access;
using KpiService.Features.Measures;
using KpiService.ReadModels.Reference;
using MediatR;
using Unit = KpiService.Domain.Measures.Unit;

namespace KpiService.Features.Catalogue;

public static class DefineLocalMeasure
{
    /// <summary>The same body as a national measure (PUT /api/v1/measures/{measure}).</summary>
    public sealed record Body(
        string? Title, string? Definition, string? Area, Unit? Unit, Polarity? Polarity, int? DecimalPlaces, Aggregation? Aggregation,
        string? Code, double? FlatThreshold, int? SmallCohortThreshold, IReadOnlyList<PerformanceGroupBand>? PerformanceGroups, bool? RequiresNumeratorAndDenominator);

    /// <param name="Measure">The local measure's slug (e.g. cic-sdq-up-to-date); it is stored as {laNumber}.{slug}.</param>
    public sealed record Command(string Authority, string Measure, Body Body, Preconditions Preconditions) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Catalogue;
        public string? AuthorityCode => Authority;
    }

    public sealed record Result(MeasureResponse Measure, string ETag, bool Created);

    public sealed class Handler(ReferenceStore reference, CatalogueChanges changes) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var authority = reference.Current.Authority(request.Authority);
            var b = request.Body;
            var problems = new List<(string, string)>();
            if (b.Unit is null) problems.Add(("unit", "is required: percentage, count, ratePer1k, ratePer10k, ratePer100k or average."));
            if (b.Polarity is null) problems.Add(("polarity", "is required: higher, lower or neutral."));
            if (b.Aggregation is null) problems.Add(("aggregation", "is required: flow, snapshot or ratio."));
            if (b.DecimalPlaces is null) problems.Add(("decimalPlaces", "is required (0–4)."));
            if (problems.Count > 0) throw ValidationFailedException.Of(problems);
            var proposed = new Measure(request.Measure, b.Code, b.Title ?? "", b.Definition ?? "", b.Area ?? "", b.Unit!.Value, b.Polarity!.Value, b.DecimalPlaces!.Value,
                b.Aggregation!.Value, b.FlatThreshold, b.SmallCohortThreshold, b.PerformanceGroups, b.RequiresNumeratorAndDenominator ?? false);
            var existed = reference.Current.ViewOf(authority.LaNumber).Contains(LocalMeasureIds.ForAuthority(authority.LaNumber, request.Measure) ?? "");
            var (catalogue, written) = await changes.DecideAsync(authority, new Domain.Catalogue.DefineLocalMeasure(proposed), request.Preconditions, cancellationToken);
            var id = LocalMeasureIds.ForAuthority(authority.LaNumber, request.Measure)!;
            return new Result(MeasureResponse.From(catalogue.LocalMeasures[id]), written.ETag, !existed && written.Changed);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/measures/{measure}", async (string authority, string measure, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Command(authority, measure, body, Conditional.From(http.Request)), ct);
                http.Response.Headers.ETag = result.ETag;
                return result.Created
                    ? Results.Created($"/api/v1/authorities/{Uri.EscapeDataString(authority)}/measures/{Uri.EscapeDataString(result.Measure.Id)}", result.Measure)
                    : Results.Ok(result.Measure);
            })
            .Produces<MeasureResponse>(200).Produces<MeasureResponse>(201).ProducesProblem(422)
            .WithTags("Catalogue").WithSummary("Define or redefine one of the authority's own measures (same body as a national measure), stored as {laNumber}.{slug}: visible to this authority only. Catalogue scope.");
}
