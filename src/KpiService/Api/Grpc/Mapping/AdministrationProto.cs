using KpiService.Features.Activity;
using KpiService.Features.Clients;
using KpiService.Features.DataSharing;
using KpiService.ReadModels.Rebuild;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Mapping;

/// <summary>Clients and their keys, data-sharing agreements, activity and rebuilds as kpi.v1 messages.</summary>
public static class AdministrationProto
{
    public static V1.RegisterClientResponse ToMessage(this RegisterClient.ClientRegistration c) => new()
    {
        Id = c.Id, Key = c.Key, Name = c.Name, Scopes = { c.Scopes }, Authorities = { c.Authorities }, Note = c.Note, ExpiresAt = Proto.Timestamp(c.ExpiresAt),
    };

    public static V1.ListClientsResponse ToMessage(this ListClients.ClientList l) => new() { Clients = { l.Clients.Select(c => c.Fill(new V1.Client())) } };

    public static V1.RotateClientKeyResponse ToMessage(this RotateClientKey.ClientKey k) => new() { Id = k.Id, Key = k.Key, ExpiresAt = Proto.Timestamp(k.ExpiresAt), Note = k.Note };

    /// <summary>GetClient, RevokeClient and each of ListClients' clients answer the same fields, as three v1 messages.</summary>
    public static T Fill<T>(this ClientResponse c, T message) where T : V1.IClientMessage
    {
        message.Id = c.Id;
        message.Name = c.Name;
        message.Scopes.AddRange(c.Scopes);
        message.Authorities.AddRange(c.Authorities);
        message.Status = Proto.Name(c.Status);
        message.CreatedAt = Proto.Timestamp(c.CreatedAt);
        message.ExpiresAt = Proto.Timestamp(c.ExpiresAt);
        message.RotatedAt = Proto.Timestamp(c.RotatedAt);
        message.RevokedAt = Proto.Timestamp(c.RevokedAt);
        message.RevokedReason = c.RevokedReason ?? "";
        message.LastUsedAt = Proto.Timestamp(c.LastUsedAt);
        return message;
    }

    public static V1.DataSharingAgreement ToMessage(this AgreementResponse a) => new() { Id = a.Id, Name = a.Name, Members = { a.Members.Select(Proto.ToMessage) } };

    public static SaveDataSharingAgreement.Body ToBody(this V1.SaveDataSharingAgreementRequest m) => new(Proto.Text(m.Name), m.Members.Count == 0 ? null : [.. m.Members]);

    public static V1.SaveDataSharingAgreementResponse ToMessage(this SaveDataSharingAgreement.Result r) => new() { Agreement = r.Agreement.ToMessage(), Etag = r.ETag, Created = r.Created };

    public static V1.ListDataSharingAgreementsResponse ToMessage(this ListDataSharingAgreements.AgreementList l) => new() { Agreements = { l.Agreements.Select(ToMessage) } };

    public static V1.EndDataSharingAgreementResponse ToMessage(this EndDataSharingAgreement.Ended e) => new() { Id = e.Id, Reason = e.Reason };

    public static V1.GetActivityResponse ToMessage(this GetActivity.ActivityReport a) => new()
    {
        From = Proto.Date(a.From), To = Proto.Date(a.To),
        Activity = { a.Activity.Select(r => new V1.ActivityRow
        {
            Client = new V1.ClientRef { Id = r.Client.Id, Name = r.Client.Name }, Day = Proto.Date(r.Day), Authority = r.Authority.ToMessage(),
            Submitted = r.Submitted, Revised = r.Revised, LateRestatements = r.LateRestatements, Withdrawn = r.Withdrawn,
        }) },
    };

    public static V1.RebuildProjectionsResponse ToMessage(this ReadModelRebuild.Result r) => new()
    {
        Events = r.Events, Seconds = r.Seconds, Tables = { r.Tables }, EventsPerSecond = r.EventsPerSecond,
    };
}
