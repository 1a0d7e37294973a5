using System.Collections.Concurrent;

namespace KpiService.Common;

/// <summary>
/// Cached reads (ratings, peer values, scorecards): each entry remembers the generations of what it was computed
/// from, and is served only while they are unchanged. A write bumps the generations of what it touched before its
/// 2xx is sent (this replica) or within one log-follow interval (other replicas). A result computed while a write
/// landed is not stored, so a stale value can never be cached.
/// </summary>
public sealed class ReadCache
{
    private const int MaxEntries = 200_000;
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Epoch, long[] Generations, object? Value)> _entries = new(StringComparer.Ordinal);
    private long _epoch;
    private long _hits, _misses;

    /// <summary>Reads answered from the cache and reads computed, since start: read by the service's metrics.</summary>
    public (long Hits, long Misses) Counts => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    public async Task<T> GetOrAddAsync<T>(string key, string[] dependsOn, Func<Task<(T Value, bool Cacheable)>> compute)
    {
        var epoch = Interlocked.Read(ref _epoch);
        var generations = dependsOn.Select(d => _generations.GetValueOrDefault(d)).ToArray();
        if (_entries.TryGetValue(key, out var entry) && entry.Epoch == epoch && entry.Generations.AsSpan().SequenceEqual(generations))
        {
            Interlocked.Increment(ref _hits);
            return (T)entry.Value!;
        }
        Interlocked.Increment(ref _misses);
        var (value, cacheable) = await compute();
        var unchanged = Interlocked.Read(ref _epoch) == epoch && dependsOn.Select(d => _generations.GetValueOrDefault(d)).SequenceEqual(generations);
        if (cacheable && unchanged)
        {
            if (_entries.Count >= MaxEntries) _entries.Clear();
            _entries[key] = (epoch, generations, value);
        }
        return value;
    }

    public void Invalidate(string dependency) => _generations.AddOrUpdate(dependency, 1, (_, g) => g + 1);

    /// <summary>Reference data changed (a target, a measure, a population): every cached read may depend on it.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _epoch);
        _entries.Clear();
    }
}
