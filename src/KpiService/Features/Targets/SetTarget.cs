using FluentValidation;
using KpiService.Domain.Measures;
using KpiService.Domain.Ratings;
using KpiService.Domain.Reference;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Targets;

public static class SetTarget
{
    public sealed record BandBody(RagStatus? Status, double? From, double? To);

    public sealed record BenchmarkBody(string? Group, double? Margin);

    /// <summary>One of: target with tolerance, bands, or benchmark; optional labels such as { "amber": "Yellow" }.</summary>
    public sealed record Body(double? Target, double? Tolerance, IReadOnlyList<BandBody>? Bands, BenchmarkBody? Benchmark, Dictionary<RagStatus, string>? Labels);

    public sealed record Command(string Authority, string Measure, string From, string? Breakdown, Body Body) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Targets;
        public string? AuthorityCode => Authority;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReferenceStore reference)
        {
            RuleFor(c => c.Authority).Must(a => reference.Current.FindAuthority(a) is not null).WithMessage(c => $"'{c.Authority}' is not a known GSS code or LA number.");
            RuleFor(c => c.Measure).Must(m => reference.Current.Measures.ContainsKey(m)).WithMessage(c => $"'{c.Measure}' is not a known measure.");
            RuleFor(c => c.From).Must(p => Domain.Periods.Period.TryParse(p, out _)).WithMessage(c => $"'{c.From}' is not a period (2021-04, 2021-22-Q1 or 2021-22).").OverridePropertyName("fromPeriod");
            RuleFor(c => c.Body).Must(b => new[] { b.Target is not null, b.Bands is not null, b.Benchmark is not null }.Count(x => x) == 1)
                .WithMessage("send exactly one of: { target, tolerance }, { bands }, or { benchmark: { group, margin } }.").OverridePropertyName("body");
            RuleFor(c => c.Body.Tolerance).GreaterThanOrEqualTo(0).OverridePropertyName("tolerance");
            RuleFor(c => c.Body.Target).Must(t => t is null || double.IsFinite(t.Value)).OverridePropertyName("target");
            RuleFor(c => c.Body.Benchmark!.Group).Must(g => g is "neighbours" or "region" or "england" || reference.Current.Groups.ContainsKey(g ?? ""))
                .When(c => c.Body.Benchmark is not null).WithMessage("must be neighbours, region, england or a comparator group id.").OverridePropertyName("benchmark.group");
            RuleFor(c => c.Body.Benchmark!.Margin).GreaterThanOrEqualTo(0).When(c => c.Body.Benchmark is not null).OverridePropertyName("benchmark.margin");
            RuleForEach(c => c.Body.Labels!.Values).NotEmpty().MaximumLength(40).When(c => c.Body.Labels is not null).OverridePropertyName("labels");
            RuleFor(c => c).Custom((command, context) =>
            {
                if (command.Body.Bands is null || !reference.Current.Measures.TryGetValue(command.Measure, out var measure)) return;
                foreach (var problem in BandTable.Problems(measure, Bands(command.Body)))
                    context.AddFailure("bands", problem);
            });
            RuleFor(c => c).Must(c => !reference.Current.Measures.TryGetValue(c.Measure, out var m) || m.Polarity != Polarity.Neutral)
                .WithMessage(c => $"'{c.Measure}' is neutral (context, not performance): it is never rated, so it takes no target.").OverridePropertyName("measure");
        }
    }

    public static IReadOnlyList<Band> Bands(Body body) => [.. body.Bands!.Select(b => new Band(b.Status ?? RagStatus.Unrated, b.From, b.To))];

    public sealed class Handler(ReferenceStore reference, ReferenceChanges changes) : IRequestHandler<Command, object>
    {
        public async Task<object> Handle(Command request, CancellationToken cancellationToken)
        {
            var authority = reference.Current.Authority(request.Authority);
            var from = Lookup.Period(request.From, "fromPeriod");
            var breakdown = Lookup.Breakdown(request.Breakdown)?.ToString();
            var b = request.Body;
            var set = new TargetSet(authority.LaNumber, request.Measure, breakdown, from.ToString(), b.Target, b.Target is null ? null : b.Tolerance ?? 0,
                b.Bands is null ? null : Bands(b), b.Benchmark?.Group, b.Benchmark?.Margin, b.Labels);
            await changes.RecordAsync($"targets:{authority.LaNumber}:{request.Measure}{(breakdown is null ? "" : ":" + breakdown)}", set, cancellationToken);
            return GetTargets.ToDto(set);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/authorities/{authority}/measures/{measure}/targets/{fromPeriod}",
                (string authority, string measure, string fromPeriod, string? breakdown, Body body, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new Command(authority, measure, fromPeriod, breakdown, body), ct))
            .WithTags("Targets").WithSummary("Set the rating rule in force from a period: target and tolerance, bands, or benchmark. Band tables with a gap, overlap or wrong direction are rejected, naming the defect.");
}
