using System.Globalization;

namespace KpiService.Grpc;

public static class Deadlines
{
    /// <summary>Parses <c>grpc-timeout</c>: up to 8 digits and a unit (H, M, S, m, u, n).</summary>
    public static TimeSpan? Parse(string? header)
    {
        if (string.IsNullOrEmpty(header) || header.Length < 2 || header.Length > 9) return null;
        if (!long.TryParse(header.AsSpan(0, header.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)) return null;
        return header[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }
}
