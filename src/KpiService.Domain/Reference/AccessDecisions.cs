namespace KpiService.Domain.Reference;

/// <summary>What may happen to a client's key and to a data-sharing agreement, given what its stream holds.</summary>
public static class AccessDecisions
{
    /// <summary>A revoked client stays revoked: a new key for it would bring a withdrawn system back unnoticed.</summary>
    public static Decision<ReferenceEvent> RotateKey(IReadOnlyList<object> history, ClientKeyRotated proposed) =>
        history.OfType<ClientRevoked>().Any()
            ? Decision<ReferenceEvent>.Reject("client", $"client {proposed.Id} is revoked; register a new client instead.")
            : Decision<ReferenceEvent>.Append(proposed);

    /// <summary>Revoking twice changes nothing (the first reason stands).</summary>
    public static Decision<ReferenceEvent> Revoke(IReadOnlyList<object> history, ClientRevoked proposed) =>
        history.OfType<ClientRevoked>().Any() ? Decision<ReferenceEvent>.Nothing : Decision<ReferenceEvent>.Append(proposed);

    /// <summary>An agreement is between at least two authorities; the same members and name again change nothing.</summary>
    public static Decision<ReferenceEvent> AgreeSharing(IReadOnlyList<object> history, DataSharingAgreed proposed)
    {
        if (proposed.Members.Distinct().Count() < 2)
            return Decision<ReferenceEvent>.Reject("members", "an agreement needs at least two authorities.");
        var current = history.LastOrDefault(e => e is DataSharingAgreed or DataSharingEnded) as DataSharingAgreed;
        return current is not null && current.Name == proposed.Name && current.Members.Order().SequenceEqual(proposed.Members.Order())
            ? Decision<ReferenceEvent>.Nothing
            : Decision<ReferenceEvent>.Append(proposed);
    }

    public static Decision<ReferenceEvent> EndSharing(IReadOnlyList<object> history, DataSharingEnded proposed) =>
        history.LastOrDefault(e => e is DataSharingAgreed or DataSharingEnded) is DataSharingAgreed
            ? Decision<ReferenceEvent>.Append(proposed)
            : Decision<ReferenceEvent>.Nothing;
}
