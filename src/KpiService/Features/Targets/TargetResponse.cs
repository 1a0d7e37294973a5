using KpiService.Domain.Reference;
using KpiService.Domain.Ratings;
using KpiService.Features.Ratings;

namespace KpiService.Features.Targets;

/// <summary>A rating rule as set, from its period on.</summary>
public sealed record TargetResponse(
    string FromPeriod, RuleType Rule, double? Target, double? Tolerance, IReadOnlyList<BandResponse>? Bands, BenchmarkResponse? Benchmark,
    TrajectoryResponse? Trajectory, IReadOnlyDictionary<RagStatus, string>? Labels)
{
    public static TargetResponse From(TargetSet t)
    {
        var rule = RatingResponse.RuleOf(t.ToRule(), null)!;
        return new TargetResponse(t.From, rule.Type, t.Target, t.Tolerance, rule.Bands,
            t.BenchmarkGroup is null ? null : new BenchmarkResponse(t.BenchmarkGroup, t.BenchmarkMargin ?? 0, null), rule.Trajectory, t.Labels);
    }
}
