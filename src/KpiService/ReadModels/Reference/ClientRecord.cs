using KpiService.Domain.Reference;

namespace KpiService.ReadModels.Reference;

/// <summary>A registered client as its key is checked: the salted hash of the current key, its grants and its lifecycle.</summary>
public sealed record ClientRecord(
    string Id, string Name, byte[] Salt, byte[] KeyHash, IReadOnlyList<ScopeGrant> Scopes, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt, string? RevokedReason)
{
    public bool IsRevoked => RevokedAt is not null;

    public bool HasExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}

/// <summary>Authorities that see each other's in-year values; <c>Version</c> is its stream version (its ETag).</summary>
public sealed record SharingAgreement(string Id, string Name, IReadOnlyList<int> Members, long Version);
