using KpiService.Common;
using KpiService.ReadModels.Reference;

namespace KpiService.ReadModels;

/// <summary>
/// What a committed change means for this replica's in-memory state: a figure stream drops the cached reads that
/// depend on it; published figures drop every cached read; any other reference stream also reloads the snapshot.
/// Called for this replica's own commits before their answer is sent, and for every replica's by the log follower.
/// </summary>
public sealed class ChangedStreams(ReadCache cache, ReferenceStore reference)
{
    public async Task ApplyAsync(IEnumerable<string> streams, CancellationToken cancellationToken)
    {
        var reload = false;
        var clear = false;
        foreach (var stream in streams)
        {
            if (FigureStream.TryParse(stream, out var laNumber, out var measure))
            {
                cache.Invalidate(CacheKeys.Figures(laNumber, measure));
                cache.Invalidate(CacheKeys.Authority(laNumber));
                cache.Invalidate(CacheKeys.Measure(measure));
            }
            else if (stream.StartsWith("benchmarks:", StringComparison.Ordinal)) clear = true;
            else if (CommentaryStream.TryParse(stream, out var la, out var commented))
            {
                cache.Invalidate(CacheKeys.Figures(la, commented));
                cache.Invalidate(CacheKeys.Authority(la));
            }
            else reload = true;
        }
        if (reload) await reference.ReloadAsync(cancellationToken); // clears the cache too
        else if (clear) cache.Clear();
    }
}

/// <summary>Commentary stream keys: <c>commentary:{la}:{measure}:{period}[:{dimension}:{value}]</c> (see CommentaryKey.StreamId).</summary>
public static class CommentaryStream
{
    public static bool TryParse(string stream, out int laNumber, out string measure)
    {
        (laNumber, measure) = (0, "");
        if (!stream.StartsWith("commentary:", StringComparison.Ordinal)) return false;
        var parts = stream.Split(':', 4);
        if (parts.Length < 4 || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out laNumber)) return false;
        measure = parts[2];
        return true;
    }
}

/// <summary>The dependencies cached reads name, so writers and readers agree on them.</summary>
public static class CacheKeys
{
    public static string Figures(int laNumber, string measure) => $"figures:{laNumber}:{measure}";
    public static string Authority(int laNumber) => $"authority:{laNumber}";
    public static string Measure(string measure) => $"measure:{measure}";
}

/// <summary>Figure stream keys: <c>figure:{la}:{measure}:{period}[:{dimension}:{value}]</c> (see FigureKey.StreamId).</summary>
public static class FigureStream
{
    public static bool TryParse(string stream, out int laNumber, out string measure)
    {
        (laNumber, measure) = (0, "");
        if (!stream.StartsWith("figure:", StringComparison.Ordinal)) return false;
        var parts = stream.Split(':', 4);
        if (parts.Length < 4 || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out laNumber)) return false;
        measure = parts[2];
        return true;
    }
}

/// <summary>
/// Events whose consequences this replica applied when it committed them, so the log follower does not apply them a
/// second time: dropping a cached read again after it was recomputed from the same data only makes a new ETag for the
/// same answer. Bounded: past the limit it forgets, and the follower merely applies a few twice.
/// </summary>
public sealed class OwnCommits
{
    private const int Limit = 100_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _sequences = new();

    public void Applied(IEnumerable<long> sequences)
    {
        if (_sequences.Count > Limit) _sequences.Clear();
        foreach (var sequence in sequences) _sequences.TryAdd(sequence, 0);
    }

    /// <summary>True (once) when this replica already applied the event.</summary>
    public bool AlreadyApplied(long sequence) => _sequences.TryRemove(sequence, out _);
}
