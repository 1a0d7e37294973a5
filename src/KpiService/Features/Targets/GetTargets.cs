using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Targets;

public static class GetTargets
{
    public sealed record Query(string Authority, string Measure, string? Breakdown, string? Period) : IRequest<object>, IAuthorized
    {
        public string RequiredScope => Scopes.Read;
        public string? AuthorityCode => Authority;
    }

    public sealed class Handler(ReferenceStore reference) : IRequestHandler<Query, object>
    {
        public Task<object> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = reference.Current;
            var authority = current.Authority(request.Authority);
            var measure = current.Measure(request.Measure);
            var breakdown = Lookup.Breakdown(request.Breakdown)?.ToString() ?? "";
            var history = current.Targets.GetValueOrDefault((authority.LaNumber, measure.Id, breakdown)) ?? [];
            var inForce = request.Period is null ? null
                : history.LastOrDefault(t => Domain.Periods.Period.Parse(t.From).Start <= Lookup.Period(request.Period).Start);
            return Task.FromResult<object>(new
            {
                authority = authority.ToReference(), measure = measure.Id, breakdown = breakdown.Length == 0 ? null : breakdown,
                targets = history.Select(ToDto),
                inForce = inForce is null ? null : ToDto(inForce),
            });
        }
    }

    public static object ToDto(TargetSet t) => new
    {
        fromPeriod = t.From,
        rule = t.Bands is { Count: > 0 } ? "bands" : t.BenchmarkGroup is not null ? "benchmark" : "targetAndTolerance",
        target = t.Target, tolerance = t.Tolerance,
        bands = t.Bands?.Select(b => new { b.Status, b.From, b.To }),
        benchmark = t.BenchmarkGroup is null ? null : new { group = t.BenchmarkGroup, margin = t.BenchmarkMargin },
        labels = t.Labels,
    };

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/authorities/{authority}/measures/{measure}/targets", (string authority, string measure, string? breakdown, string? period, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Query(authority, measure, breakdown, period), ct))
            .WithTags("Targets").WithSummary("The dated history of rating rules; with ?period=, also the rule in force for that period.");
}
