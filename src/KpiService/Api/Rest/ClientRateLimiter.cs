using System.Collections.Concurrent;

namespace KpiService.Api.Rest;

/// <summary>
/// A token bucket per client (<c>RateLimit:PerSecond</c>, <c>RateLimit:Burst</c>). Per replica: with N replicas a
/// client gets at most N times the rate, which is fine for protecting each instance from one noisy system.
/// </summary>
public sealed class ClientRateLimiter(double perSecond, double burst)
{
    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens = tokens;
        public long Stamp = stamp;
    }

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();

    public bool TryAcquire(string clientId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (perSecond <= 0) return true;
        var now = Environment.TickCount64;
        var bucket = _buckets.GetOrAdd(clientId, _ => new Bucket(burst, now));
        lock (bucket)
        {
            bucket.Tokens = Math.Min(burst, bucket.Tokens + (now - bucket.Stamp) / 1000.0 * perSecond);
            bucket.Stamp = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return true;
            }
            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / perSecond);
            return false;
        }
    }
}
