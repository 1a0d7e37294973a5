using Marten;

namespace KpiService.ReadModels.Idempotency;

/// <summary>
/// The first answer to a return sent with an <c>Idempotency-Key</c>, a Marten document written in the same unit of
/// work as the return's events, so a retry answers as the first attempt did. Not derivable from events (it records
/// what a client was told), so a rebuild leaves it alone.
/// </summary>
public sealed class RecordedReturn
{
    public required string Id { get; init; }
    public required string RequestHash { get; init; }
    public required int Accepted { get; init; }
    public required int Revised { get; init; }
    public required int Unchanged { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }

    public static string IdFor(string? clientId, string key) => $"{clientId ?? ""}:{key}";

    public static Task<RecordedReturn?> FindAsync(IQuerySession session, string? clientId, string key, CancellationToken cancellationToken) =>
        session.LoadAsync<RecordedReturn>(IdFor(clientId, key), cancellationToken);
}
