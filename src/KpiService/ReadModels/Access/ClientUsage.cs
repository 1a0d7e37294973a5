using System.Collections.Concurrent;
using Marten;

namespace KpiService.ReadModels.Access;

/// <summary>
/// When a client's key was last used. Not an event: one per request would double the write load for a fact nobody
/// audits by the millisecond. Each replica notes uses in memory and stores the latest per client every
/// <see cref="FlushInterval"/> as a Marten document (not derivable from events, so rebuilds leave it alone).
/// </summary>
public sealed class ClientUsage
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(15);

    public sealed class LastUse
    {
        public required string Id { get; init; }
        public required DateTimeOffset At { get; set; }
    }

    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new();

    public void Note(string clientId, DateTimeOffset at)
    {
        _pending[clientId] = at;
        _seen[clientId] = at;
    }

    /// <summary>This replica's latest use, including what is not stored yet.</summary>
    public DateTimeOffset? SeenHere(string clientId) => _seen.TryGetValue(clientId, out var at) ? at : null;

    public async Task FlushAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty) return;
        var batch = new List<LastUse>();
        foreach (var id in _pending.Keys)
            if (_pending.TryRemove(id, out var at)) batch.Add(new LastUse { Id = id, At = at });
        await using var session = store.LightweightSession();
        var stored = await session.LoadManyAsync<LastUse>(cancellationToken, batch.Select(b => b.Id));
        foreach (var use in batch)
            if (stored.FirstOrDefault(s => s.Id == use.Id) is not { } earlier || earlier.At < use.At) session.Store(use);
        await session.SaveChangesAsync(cancellationToken);
    }

    public static async Task<IReadOnlyDictionary<string, DateTimeOffset>> StoredAsync(IQuerySession session, CancellationToken cancellationToken) =>
        (await session.Query<LastUse>().ToListAsync(cancellationToken)).ToDictionary(u => u.Id, u => u.At);
}
