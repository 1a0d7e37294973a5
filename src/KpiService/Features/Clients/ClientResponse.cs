using KpiService.Domain.Reference;
using KpiService.ReadModels.Reference;

namespace KpiService.Features.Clients;

public enum KeyStatus { Active, Expired, Revoked }

/// <summary>A registered client as the operator sees it: never its key, which only ever exists as a salted hash.</summary>
/// <param name="LastUsedAt">The last request its key signed in, as stored (every few seconds) or seen by this replica.</param>
public sealed record ClientResponse(
    string Id, string Name, IReadOnlyList<string> Scopes, IReadOnlyList<string> Authorities, KeyStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt, string? RevokedReason,
    DateTimeOffset? LastUsedAt)
{
    public static ClientResponse From(ClientRecord client, ReferenceSnapshot reference, DateTimeOffset now, DateTimeOffset? lastUsed) => new(
        client.Id, client.Name, [.. client.Scopes.Select(g => g.Scope)], AuthoritiesOf(client.Scopes, reference),
        client.IsRevoked ? KeyStatus.Revoked : client.HasExpired(now) ? KeyStatus.Expired : KeyStatus.Active,
        client.CreatedAt, client.ExpiresAt, client.RotatedAt, client.RevokedAt, client.RevokedReason, lastUsed);

    /// <summary>The later of the stored last use and this replica's own (not stored yet).</summary>
    public static DateTimeOffset? LastUse(DateTimeOffset stored, DateTimeOffset? here) =>
        here is { } h && h > stored ? h : stored == default ? null : stored;

    /// <summary>GSS codes (LA numbers where an authority has none), or ["*"] for every authority.</summary>
    public static IReadOnlyList<string> AuthoritiesOf(IReadOnlyList<ScopeGrant> grants, ReferenceSnapshot reference) =>
        grants.Any(g => g.AllAuthorities && g.Scope != Access.Scopes.Admin) ? ["*"]
        : [.. grants.SelectMany(g => g.Authorities).Distinct()
            .Select(la => reference.Authorities.TryGetValue(la, out var a) ? a.GssCode ?? la.ToString(System.Globalization.CultureInfo.InvariantCulture) : la.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
