using Grpc.Core;
using KpiService.Common;
using KpiService.Features.Activity;
using KpiService.Features.Clients;
using MediatR;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Services;

/// <summary>kpi.v1.Administration: client registration, activity and read-model rebuilds, as REST's /clients, /activity and /projections/rebuild.</summary>
public sealed class AdministrationService(IMediator mediator) : V1.Administration.AdministrationBase
{
    public override async Task<V1.RegisterClientResponse> RegisterClient(V1.RegisterClientRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.RegisterClientResponse>(await mediator.Send(new RegisterClient.Command(ProtoJson.Text(r.Name), [.. r.Scopes], [.. r.Authorities]), context.CancellationToken));

    public override async Task<V1.GetActivityResponse> GetActivity(V1.GetActivityRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.GetActivityResponse>(await mediator.Send(
            new GetActivity.Query(IsoTimestamp.ParseDate("from", ProtoJson.Text(r.From)), IsoTimestamp.ParseDate("to", ProtoJson.Text(r.To))), context.CancellationToken));

    public override async Task<V1.RebuildProjectionsResponse> RebuildProjections(V1.RebuildProjectionsRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.RebuildProjectionsResponse>(await mediator.Send(new RebuildProjections.Command(), context.CancellationToken));
}
