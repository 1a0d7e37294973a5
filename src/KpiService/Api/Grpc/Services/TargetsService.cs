using Grpc.Core;
using KpiService.Features.Targets;
using MediatR;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Services;

/// <summary>kpi.v1.Targets: rating rules, as REST's /authorities/{a}/measures/{m}/targets.</summary>
public sealed class TargetsService(IMediator mediator) : V1.Targets.TargetsBase
{
    public override async Task<V1.SetTargetResponse> SetTarget(V1.SetTargetRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new SetTarget.Command(r.Authority, r.Measure, r.FromPeriod, ProtoJson.Text(r.Breakdown), ProtoJson.Body<SetTarget.Body>(r.Rule),
            ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken);
        return new() { Target = ProtoJson.To<V1.Target>(result.Target), Etag = result.ETag, Created = result.Created };
    }

    public override async Task<V1.GetTargetsResponse> GetTargets(V1.GetTargetsRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.GetTargetsResponse>(await mediator.Send(
            new GetTargets.Query(r.Authority, r.Measure, ProtoJson.Text(r.Breakdown), ProtoJson.Text(r.Period)), context.CancellationToken));
}
