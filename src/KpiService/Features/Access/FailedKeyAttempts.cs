using System.Collections.Concurrent;

namespace KpiService.Features.Access;

/// <summary>
/// Counts failed key attempts per source address in fixed one-minute windows (<c>Auth:FailedAttemptsPerMinute</c>,
/// default 20). Past the limit every attempt from that address is refused with 429 until the window ends, before
/// its key is even looked at, so guessing keys or hammering with a revoked one costs the service nothing.
/// </summary>
public sealed class FailedKeyAttempts(int perMinute, TimeProvider clock)
{
    private const int MaxTrackedSources = 100_000;
    private sealed record Window(long Minute, int Failures);
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    public bool IsBlocked(string source, out TimeSpan retryAfter)
    {
        var (minute, remaining) = Now();
        retryAfter = remaining;
        return perMinute > 0 && _windows.TryGetValue(source, out var window) && window.Minute == minute && window.Failures >= perMinute;
    }

    public void Record(string source)
    {
        if (perMinute <= 0) return;
        var (minute, _) = Now();
        if (_windows.Count > MaxTrackedSources) Prune(minute);
        _windows.AddOrUpdate(source, _ => new Window(minute, 1), (_, w) => w.Minute == minute ? w with { Failures = w.Failures + 1 } : new Window(minute, 1));
    }

    private (long Minute, TimeSpan Remaining) Now()
    {
        var ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return (ms / 60_000, TimeSpan.FromMilliseconds(60_000 - ms % 60_000));
    }

    private void Prune(long minute)
    {
        foreach (var (source, window) in _windows)
            if (window.Minute != minute) _windows.TryRemove(source, out _);
    }
}
