using KpiService.Domain.Ratings;
using KpiService.Features.Targets;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Mapping;

/// <summary>Rating rules: the rule definition read into REST's body record, targets written back as kpi.v1 messages.</summary>
public static class TargetsProto
{
    /// <summary>
    /// REST's body, field for field. An empty list or map is "not sent" (proto3 cannot say otherwise), as no rule is
    /// no rule: the validator then names what is missing. Statuses are REST's names; another is refused by its path.
    /// </summary>
    public static SetTarget.Body ToBody(this V1.RuleDefinition? m) => m is null ? new(null, null, null, null, null, null) : new(
        m.Target, m.Tolerance,
        m.Bands.Count == 0 ? null : [.. m.Bands.Select((b, i) => new SetTarget.BandBody(Proto.Vocabulary<RagStatus>(b.Status, $"bands[{i}].status"), b.From, b.To, b.Above, b.Below))],
        m.Benchmark is { } benchmark ? new SetTarget.BenchmarkBody(Proto.Text(benchmark.Group), benchmark.Margin) : null,
        m.Trajectory is { } trajectory ? new SetTarget.TrajectoryBody(trajectory.StartValue, Proto.Text(trajectory.By)) : null,
        m.Labels.Count == 0 ? null : m.Labels.ToDictionary(l => Proto.Vocabulary<RagStatus>(l.Key, $"labels.{l.Key}") ?? throw Proto.Refused("labels"), l => l.Value));

    public static V1.SetTargetResponse ToMessage(this SetTarget.Result r) => new() { Target = r.Target.ToMessage(), Etag = r.ETag, Created = r.Created };

    public static V1.GetTargetsResponse ToMessage(this GetTargets.TargetHistory h) => new()
    {
        Authority = h.Authority.ToMessage(), Measure = h.Measure, Breakdown = h.Breakdown ?? "",
        Targets = { h.Targets.Select(ToMessage) }, InForce = h.InForce?.ToMessage(), Etag = h.ETag,
    };

    public static V1.Target ToMessage(this TargetResponse t)
    {
        var target = new V1.Target
        {
            FromPeriod = t.FromPeriod, Rule = Proto.Name(t.Rule), Target_ = t.Target, Tolerance = t.Tolerance,
            Benchmark = RatingProto.Benchmark(t.Benchmark), Trajectory = RatingProto.Trajectory(t.Trajectory),
        };
        if (t.Bands is not null) target.Bands.AddRange(t.Bands.Select(RatingProto.Band));
        if (t.Labels is not null)
            foreach (var (status, label) in t.Labels) target.Labels[Proto.Name(status)] = label;
        return target;
    }
}
