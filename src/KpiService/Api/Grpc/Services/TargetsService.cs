using Grpc.Core;
using KpiService.Api.Grpc.Mapping;
using KpiService.Features.Targets;
using MediatR;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Services;

/// <summary>kpi.v1.Targets: rating rules, as REST's /authorities/{a}/measures/{m}/targets.</summary>
public sealed class TargetsService(IMediator mediator) : V1.Targets.TargetsBase
{
    public override async Task<V1.SetTargetResponse> SetTarget(V1.SetTargetRequest r, ServerCallContext context) =>
        (await mediator.Send(new SetTarget.Command(r.Authority, r.Measure, r.FromPeriod, Proto.Text(r.Breakdown), r.Rule.ToBody(),
            Proto.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken)).ToMessage();

    public override async Task<V1.GetTargetsResponse> GetTargets(V1.GetTargetsRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetTargets.Query(r.Authority, r.Measure, Proto.Text(r.Breakdown), Proto.Text(r.Period)), context.CancellationToken)).ToMessage();
}
