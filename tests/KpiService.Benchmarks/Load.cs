using System.Diagnostics;

namespace KpiService.Benchmarks;

/// <summary>Closed-loop load: N workers repeat an operation for a while; throughput and latency percentiles.</summary>
public static class Load
{
    public sealed record Result(long Operations, long Errors, double Seconds, double P50Ms, double P99Ms)
    {
        public double PerSecond => Operations / Seconds;
    }

    /// <summary>Runs the operation for a warm-up (a quarter of the time, not counted: the JIT's second tier and the
    /// connection pools settle), then measures.</summary>
    public static async Task<Result> RunAsync(int workers, TimeSpan duration, Func<int, long, Task<bool>> operation)
    {
        await MeasureAsync(workers, duration / 4, operation, firstIndex: WarmUpIndices);
        return await MeasureAsync(workers, duration, operation, firstIndex: 0);
    }

    /// <summary>The warm-up's operations are numbered from here, so the measured ones never repeat them (a repeated return would be "unchanged").</summary>
    private const long WarmUpIndices = 1L << 32;

    private static async Task<Result> MeasureAsync(int workers, TimeSpan duration, Func<int, long, Task<bool>> operation, long firstIndex)
    {
        var latencies = new List<double>[workers];
        long errors = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(100_000);
            for (var i = firstIndex; stop.Elapsed < duration; i++)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try { ok = await operation(w, i); } catch (Exception) { ok = false; }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref errors);
            }
        })));
        var seconds = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length, errors, seconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    public static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Runs wrk against a URL and reads requests/s and p99 from its latency distribution.</summary>
    public static (double RequestsPerSecond, double P99Ms, string Raw) Wrk(string url, int connections, int seconds, string? header = null)
    {
        var arguments = new List<string> { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency" };
        if (header is not null) arguments.AddRange(["-H", header]);
        arguments.Add(url);
        using var process = Process.Start(new ProcessStartInfo("wrk", arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var rps = double.Parse(output.Split('\n').First(l => l.StartsWith("Requests/sec:")).Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var p99Line = output.Split('\n').First(l => l.Trim().StartsWith("99%")).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return (rps, ToMilliseconds(p99Line), output);
    }

    private static double ToMilliseconds(string text)
    {
        var unit = text.TrimStart("0123456789.".ToCharArray());
        var number = double.Parse(text[..^unit.Length], System.Globalization.CultureInfo.InvariantCulture);
        return unit switch { "us" => number / 1000, "ms" => number, "s" => number * 1000, _ => number };
    }

    /// <summary>Resident memory of a process in MB, from /proc.</summary>
    public static double RssMb(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return 0; // the process has stopped (the start-up measurement stops it on purpose)
        string? line;
        try { line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:")); }
        catch (IOException) { return 0; }
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}
