using JasperFx.Events;
using KpiService.Domain.Reference;
using Marten;

namespace KpiService.ReadModels.Reference;

/// <summary>Clients' key changes and data-sharing agreements: the same last-change-per-row, set-based writes.</summary>
public sealed partial class ReferenceProjection
{
    private void WriteAccess(IDocumentOperations operations, IReadOnlyList<IEvent> events)
    {
        // Registration is written first (above); a rotation or revocation in the same page then applies to the new row.
        Write(operations, Latest<ClientKeyRotated, string>(events, e => e.Id), rows => operations.QueueSqlCommand($"""
            UPDATE {T("kpi.clients")} AS c SET salt = decode(r.salt, 'base64'), key_hash = decode(r.key_hash, 'base64'), expires_at = r.expires_at,
                rotated_at = r.at, version = r.version
            FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::bigint[]) AS r(id, salt, key_hash, expires_at, at, version)
            WHERE c.id = r.id AND c.version < r.version
            """, Col(rows, r => r.Data.Id), Col(rows, r => Convert.ToBase64String(r.Data.Salt)), Col(rows, r => Convert.ToBase64String(r.Data.KeyHash)),
            Col(rows, r => r.Data.ExpiresAt), Col(rows, r => r.Timestamp), Col(rows, r => r.Version)));

        Write(operations, Latest<ClientRevoked, string>(events, e => e.Id), rows => operations.QueueSqlCommand($"""
            UPDATE {T("kpi.clients")} AS c SET revoked_at = r.at, revoked_reason = r.reason, version = r.version
            FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::bigint[]) AS r(id, reason, at, version)
            WHERE c.id = r.id AND c.version < r.version
            """, Col(rows, r => r.Data.Id), Col(rows, r => r.Data.Reason), Col(rows, r => r.Timestamp), Col(rows, r => r.Version)));

        var sharing = new Dictionary<string, IEvent>();
        foreach (var e in events)
            if (e.Data is DataSharingAgreed agreed) sharing[agreed.Id] = e;
            else if (e.Data is DataSharingEnded ended) sharing[ended.Id] = e;
        Write(operations, sharing.Values.ToList(), rows => operations.QueueSqlCommand($"""
            INSERT INTO {T("kpi.sharing_agreements")} AS s (id, name, members, active, version)
            SELECT id, name, string_to_array(members, ',')::int[], active, version
            FROM unnest(?::text[], ?::text[], ?::text[], ?::bool[], ?::bigint[]) AS r(id, name, members, active, version)
            ON CONFLICT (id) DO UPDATE SET name = coalesce(nullif(excluded.name, ''), s.name),
                members = CASE WHEN excluded.active THEN excluded.members ELSE s.members END, active = excluded.active, version = excluded.version
            WHERE s.version < excluded.version
            """, Col(rows, r => (r.Data as DataSharingAgreed)?.Id ?? ((DataSharingEnded)r.Data).Id), Col(rows, r => (r.Data as DataSharingAgreed)?.Name ?? ""),
            Col(rows, r => (r.Data as DataSharingAgreed) is { } a ? string.Join(',', a.Members) : ""), Col(rows, r => r.Data is DataSharingAgreed), Col(rows, r => r.Version)));
    }
}
