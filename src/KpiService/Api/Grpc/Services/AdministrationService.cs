using Grpc.Core;
using KpiService.Api.Grpc.Mapping;
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
        (await mediator.Send(new RegisterClient.Command(Proto.Text(r.Name), [.. r.Scopes], [.. r.Authorities], IsoTimestamp.Parse("expiresAt", Proto.Text(r.ExpiresAt))),
            context.CancellationToken)).ToMessage();

    public override async Task<V1.GetActivityResponse> GetActivity(V1.GetActivityRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetActivity.Query(IsoTimestamp.ParseDate("from", Proto.Text(r.From)), IsoTimestamp.ParseDate("to", Proto.Text(r.To))),
            context.CancellationToken)).ToMessage();

    public override async Task<V1.RebuildProjectionsResponse> RebuildProjections(V1.RebuildProjectionsRequest r, ServerCallContext context) =>
        (await mediator.Send(new RebuildProjections.Command(), context.CancellationToken)).ToMessage();

    public override async Task<V1.ListClientsResponse> ListClients(V1.ListClientsRequest r, ServerCallContext context) =>
        (await mediator.Send(new ListClients.Query(), context.CancellationToken)).ToMessage();

    public override async Task<V1.GetClientResponse> GetClient(V1.GetClientRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetClient.Query(r.Id), context.CancellationToken)).Fill(new V1.GetClientResponse());

    public override async Task<V1.RotateClientKeyResponse> RotateClientKey(V1.RotateClientKeyRequest r, ServerCallContext context) =>
        (await mediator.Send(new RotateClientKey.Command(r.Id, new RotateClientKey.Body(IsoTimestamp.Parse("expiresAt", Proto.Text(r.ExpiresAt)))),
            context.CancellationToken)).ToMessage();

    public override async Task<V1.RevokeClientResponse> RevokeClient(V1.RevokeClientRequest r, ServerCallContext context) =>
        (await mediator.Send(new RevokeClient.Command(r.Id, new RevokeClient.Body(Proto.Text(r.Reason))), context.CancellationToken)).Fill(new V1.RevokeClientResponse());

    public override async Task<V1.SaveDataSharingAgreementResponse> SaveDataSharingAgreement(V1.SaveDataSharingAgreementRequest r, ServerCallContext context) =>
        (await mediator.Send(new SaveDataSharingAgreement.Command(r.Id, r.ToBody(), Proto.Conditions(r.IfMatch, r.IfNoneMatch)), context.CancellationToken)).ToMessage();

    public override async Task<V1.ListDataSharingAgreementsResponse> ListDataSharingAgreements(V1.ListDataSharingAgreementsRequest r, ServerCallContext context) =>
        (await mediator.Send(new ListDataSharingAgreements.Query(), context.CancellationToken)).ToMessage();

    public override async Task<V1.GetDataSharingAgreementResponse> GetDataSharingAgreement(V1.GetDataSharingAgreementRequest r, ServerCallContext context)
    {
        var result = await mediator.Send(new GetDataSharingAgreement.Query(r.Id), context.CancellationToken);
        return new() { Agreement = result.Agreement.ToMessage(), Etag = result.ETag };
    }

    public override async Task<V1.EndDataSharingAgreementResponse> EndDataSharingAgreement(V1.EndDataSharingAgreementRequest r, ServerCallContext context) =>
        (await mediator.Send(new EndDataSharingAgreement.Command(r.Id, Proto.Text(r.Reason)), context.CancellationToken)).ToMessage();
}
