using Grpc.Core;
using KpiService.Common;
using KpiService.Features.Activity;
using KpiService.Features.Clients;
using KpiService.Features.DataSharing;
using MediatR;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Services;

/// <summary>kpi.v1.Administration: clients and their keys, data-sharing agreements, activity and read-model rebuilds, as REST's /clients, /data-sharing-agreements, /activity and /projections/rebuild.</summary>
public sealed class AdministrationService(IMediator mediator) : V1.Administration.AdministrationBase
{
    public override async Task<V1.RegisterClientResponse> RegisterClient(V1.RegisterClientRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.RegisterClientResponse>(await mediator.Send(new RegisterClient.Command(ProtoJson.Text(r.Name), [.. r.Scopes], [.. r.Authorities], IsoTimestamp.Parse("expiresAt", ProtoJson.Text(r.ExpiresAt))), context.CancellationToken));

    public override async Task<V1.GetActivityResponse> GetActivity(V1.GetActivityRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.GetActivityResponse>(await mediator.Send(
            new GetActivity.Query(IsoTimestamp.ParseDate("from", ProtoJson.Text(r.From)), IsoTimestamp.ParseDate("to", ProtoJson.Text(r.To))), context.CancellationToken));

    public override async Task<V1.RebuildProjectionsResponse> RebuildProjections(V1.RebuildProjectionsRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.RebuildProjectionsResponse>(await mediator.Send(new RebuildProjections.Command(), context.CancellationToken));

    public override async Task<V1.ListClientsResponse> ListClients(V1.ListClientsRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.ListClientsResponse>(await mediator.Send(new ListClients.Query(), context.CancellationToken));

    public override async Task<V1.GetClientResponse> GetClient(V1.GetClientRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.GetClientResponse>(await mediator.Send(new GetClient.Query(r.Id), context.CancellationToken));

    public override async Task<V1.RotateClientKeyResponse> RotateClientKey(V1.RotateClientKeyRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.RotateClientKeyResponse>(await mediator.Send(
            new RotateClientKey.Command(r.Id, new RotateClientKey.Body(IsoTimestamp.Parse("expiresAt", ProtoJson.Text(r.ExpiresAt)))), context.CancellationToken));

    public override async Task<V1.RevokeClientResponse> RevokeClient(V1.RevokeClientRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.RevokeClientResponse>(await mediator.Send(new RevokeClient.Command(r.Id, new RevokeClient.Body(ProtoJson.Text(r.Reason))), context.CancellationToken));

    public override async Task<V1.SaveDataSharingAgreementResponse> SaveDataSharingAgreement(V1.SaveDataSharingAgreementRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new SaveDataSharingAgreement.Command(r.Id, ProtoJson.Body<SaveDataSharingAgreement.Body>(r),
            ProtoJson.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken);
        return new() { Agreement = ProtoJson.To<V1.DataSharingAgreement>(result.Agreement), Etag = result.ETag, Created = result.Created };
    }

    public override async Task<V1.ListDataSharingAgreementsResponse> ListDataSharingAgreements(V1.ListDataSharingAgreementsRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.ListDataSharingAgreementsResponse>(await mediator.Send(new ListDataSharingAgreements.Query(), context.CancellationToken));

    public override async Task<V1.GetDataSharingAgreementResponse> GetDataSharingAgreement(V1.GetDataSharingAgreementRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new GetDataSharingAgreement.Query(r.Id), context.CancellationToken);
        return new() { Agreement = ProtoJson.To<V1.DataSharingAgreement>(result.Agreement), Etag = result.ETag };
    }

    public override async Task<V1.EndDataSharingAgreementResponse> EndDataSharingAgreement(V1.EndDataSharingAgreementRequest r, ServerCallContext context) =>
        ProtoJson.To<V1.EndDataSharingAgreementResponse>(await mediator.Send(new EndDataSharingAgreement.Command(r.Id, ProtoJson.Text(r.Reason)), context.CancellationToken));
}
