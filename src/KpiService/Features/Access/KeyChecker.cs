using KpiService.ReadModels.Access;
using KpiService.ReadModels.Reference;

namespace KpiService.Features.Access;

public enum KeyCheck { Accepted, Missing, Unknown, Expired, Revoked, Throttled }

/// <summary>
/// Checks an API key for either transport and signs the client in. A key is refused when unknown, expired or revoked
/// (the reference snapshot every replica reloads within a tenth of a second of the change), and every refusal counts
/// against the caller's address.
/// </summary>
public sealed class KeyChecker(AdminKey adminKey, ReferenceStore reference, FailedKeyAttempts failures, ClientUsage usage, TimeProvider clock)
{
    public KeyCheck Check(string presented, string source, CurrentClient client, out TimeSpan retryAfter)
    {
        if (failures.IsBlocked(source, out retryAfter)) return KeyCheck.Throttled;
        var result = Verify(presented, client);
        if (result != KeyCheck.Accepted) failures.Record(source);
        return result;
    }

    /// <summary>Whether the signed-in client's key still stands (for long-lived calls such as WatchRatings).</summary>
    public bool StillValid(string clientId) =>
        clientId == "admin" || reference.Current.Clients.TryGetValue(clientId, out var c) && !c.IsRevoked && !c.HasExpired(clock.GetUtcNow());

    private KeyCheck Verify(string presented, CurrentClient client)
    {
        if (presented.Length == 0) return KeyCheck.Missing;
        if (presented.Length > 200) return KeyCheck.Unknown;
        if (ApiKeys.IsAdminKey(presented, adminKey.Value))
        {
            client.SignIn("admin", "admin", [new Domain.Reference.ScopeGrant(Scopes.Admin, true, [])], isOperator: true);
            return KeyCheck.Accepted;
        }
        if (!ApiKeys.TryParse(presented, out var id, out var secret) || !reference.Current.Clients.TryGetValue(id, out var registered)) return KeyCheck.Unknown;
        if (!ApiKeys.Matches(registered.Salt, registered.KeyHash, secret)) return KeyCheck.Unknown;
        if (registered.IsRevoked) return KeyCheck.Revoked;
        var now = clock.GetUtcNow();
        if (registered.HasExpired(now)) return KeyCheck.Expired;
        client.SignIn(registered.Id, registered.Name, registered.Scopes);
        usage.Note(registered.Id, now);
        return KeyCheck.Accepted;
    }

    public static string Explain(KeyCheck check) => check switch
    {
        KeyCheck.Missing => "This request has no X-Api-Key header.",
        KeyCheck.Expired => "This key has expired: ask the operator for a new one, or rotate it before it expires.",
        KeyCheck.Revoked => "This key has been revoked.",
        KeyCheck.Throttled => "Too many failed key attempts from this address; retry after the interval given.",
        _ => "The X-Api-Key is not a key this service issued.",
    };
}
