using FluentValidation;
using KpiService.Common;
using KpiService.Domain.Ratings;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Targets;

public static class SetTarget
{
    /// <param name="From">Inclusive lower bound: the band holds values at or above it (after rounding to the measure's decimal places).</param>
    /// <param name="Above">Exclusive lower bound: the band holds values above it ("above 89%").</param>
    public sealed record BandBody(RagStatus? Status, double? From, double? To, double? Above, double? Below);

    public sealed record BenchmarkBody(string? Group, double? Margin);

    /// <param name="StartValue">Where the path starts, at the rule's first period.</param>
    /// <param name="By">The period by which <c>target</c> is to be reached (e.g. 2023-03).</param>
    public sealed record TrajectoryBody(double? StartValue, string? By);

    /// <summary>One of: target with tolerance, bands, benchmark, or a trajectory (with target and tolerance); optional labels such as { "amber": "Yellow" }.</summary>
    public sealed record Body(double? Target, double? Tolerance, IReadOnlyList<BandBody>? Bands, BenchmarkBody? Benchmark, TrajectoryBody? Trajectory, Dictionary<RagStatus, string>? Labels);

    public sealed record Command(string Authority, string Measure, string From, string? Breakdown, Body Body, Preconditions Preconditions) : IRequest<Result>, IAuthorized
    {
        public string RequiredScope => Scopes.Targets;
        public string? AuthorityCode => Authority;
    }

    public sealed record Result(TargetResponse Target, string ETag, bool Created);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReferenceStore reference)
        {
            RuleFor(c => c.Authority).Must(a => reference.Current.FindAuthority(a) is not null).WithMessage(c => $"'{c.Authority}' is not a known GSS code or LA number.");
            RuleFor(c => c.Measure).Must((c, m) => MeasureFor(reference.Current, c) is not null).WithMessage(c => $"'{c.Measure}' is not a measure this authority sees.");
            RuleFor(c => c.From).Must(p => Domain.Periods.Period.TryParse(p, out _)).WithMessage(c => $"'{c.From}' is not a period (2021-04, 2021-22-Q1 or 2021-22).").OverridePropertyName("fromPeriod");
            RuleFor(c => c.Body).Must(b => new[] { b.Target is not null && b.Trajectory is null, b.Bands is not null, b.Benchmark is not null, b.Trajectory is not null }.Count(x => x) == 1)
                .WithMessage("send exactly one of: { target, tolerance }, { bands }, { benchmark: { group, margin } }, or { trajectory: { startValue, by }, target, tolerance }.").OverridePropertyName("body");
            RuleFor(c => c.Body.Tolerance).GreaterThanOrEqualTo(0).OverridePropertyName("tolerance");
            RuleFor(c => c.Body.Target).Must(t => t is null || double.IsFinite(t.Value)).OverridePropertyName("target");
            RuleFor(c => c.Body.Target).NotNull().When(c => c.Body.Trajectory is not null).WithMessage("is required with a trajectory: the value to reach.").OverridePropertyName("target");
            RuleFor(c => c.Body.Trajectory!.StartValue).NotNull().When(c => c.Body.Trajectory is not null).OverridePropertyName("trajectory.startValue");
            RuleFor(c => c.Body.Trajectory!.By).Must((c, by) => Domain.Periods.Period.TryParse(by, out var p) && Domain.Periods.Period.TryParse(c.From, out var f) && p > f)
                .When(c => c.Body.Trajectory is not null).WithMessage("must be a period after the rule's first period.").OverridePropertyName("trajectory.by");
            RuleFor(c => c.Body.Benchmark!.Group).Must(g => g is "neighbours" or "region" or "england" || reference.Current.Groups.ContainsKey(g ?? ""))
                .When(c => c.Body.Benchmark is not null).WithMessage("must be neighbours, region, england or a comparator group id.").OverridePropertyName("benchmark.group");
            // A group kept by another authority could be changed under this authority's rating: only its own or the operator's.
            RuleFor(c => c.Body.Benchmark!.Group).Must((c, g) => reference.Current.Groups.GetValueOrDefault(g!) is not { Owner: { } owner }
                    || owner == reference.Current.FindAuthority(c.Authority)?.LaNumber)
                .When(c => c.Body.Benchmark?.Group is not null).OverridePropertyName("benchmark.group")
                .WithMessage(c => $"comparator group '{c.Body.Benchmark!.Group}' is kept by {reference.Current.Authorities[reference.Current.Groups[c.Body.Benchmark!.Group!].Owner!.Value].Name}; a benchmark target may use the built-in groups, operator groups or groups its own authority keeps.");
            RuleFor(c => c.Body.Benchmark!.Margin).GreaterThanOrEqualTo(0).When(c => c.Body.Benchmark is not null).OverridePropertyName("benchmark.margin");
            RuleForEach(c => c.Body.Labels!.Values).NotEmpty().PlainText(40).When(c => c.Body.Labels is not null).OverridePropertyName("labels");
            RuleFor(c => c).Custom((command, context) =>
            {
                if (command.Body.Bands is null || MeasureFor(reference.Current, command) is not { } measure) return;
                foreach (var problem in BandTable.Problems(measure, Bands(command.Body))) context.AddFailure("bands", problem);
            });
            RuleFor(c => c).Must(c => MeasureFor(reference.Current, c) is not { } m || m.Polarity != Domain.Measures.Polarity.Neutral)
                .WithMessage(c => $"'{c.Measure}' is neutral (context, not performance): it is never rated, so it takes no target.").OverridePropertyName("measure");
        }
    }

    private static Domain.Measures.Measure? MeasureFor(ReferenceSnapshot reference, Command command) =>
        reference.FindMeasure(reference.FindAuthority(command.Authority)?.LaNumber, command.Measure);

    public static IReadOnlyList<Band> Bands(Body body) =>
        [.. body.Bands!.Select(b => new Band(b.Status ?? RagStatus.Unrated, b.From, b.To, b.Above, b.Below))];

    public sealed class Handler(ReferenceStore reference, StreamWrites writes) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            var measure = current.Measure(request.Measure, authority);
            var from = Lookup.Period(request.From, "fromPeriod");
            var breakdown = Lookup.Breakdown(request.Breakdown)?.ToString();
            var b = request.Body;
            var set = new TargetSet(authority.LaNumber, measure.Id, breakdown, from.ToString(), b.Target, b.Target is null ? null : b.Tolerance ?? 0,
                b.Bands is null ? null : Bands(b), b.Benchmark?.Group, b.Benchmark?.Margin, b.Labels, b.Trajectory?.StartValue, b.Trajectory?.By);
            var written = await writes.WriteAsync(ReferenceStreams.Targets(authority.LaNumber, measure.Id, breakdown ?? ""), request.Preconditions,
                $"the targets of {authority.Name} for '{measure.Id}'", history => ReferenceDecisions.SetTarget(history, set), cancellationToken);
            return new Result(TargetResponse.From(set), written.ETag, written.Created);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/measures/{measure}/targets/{fromPeriod}",
                async (string authority, string measure, string fromPeriod, string? breakdown, Body body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    var result = await mediator.Send(new Command(authority, measure, fromPeriod, breakdown, body, Conditional.From(http.Request)), ct);
                    http.Response.Headers.ETag = result.ETag;
                    return result.Target;
                })
            .ProducesProblem(422)
            .WithTags("Targets").WithSummary("Set the rating rule in force from a period: target and tolerance, bands (inclusive from/to or exclusive above/below), benchmark, or a straight-line trajectory. Band tables with a gap, overlap or wrong direction are rejected, naming the defect. If-Match with the targets' ETag guards against a concurrent change.");
}
