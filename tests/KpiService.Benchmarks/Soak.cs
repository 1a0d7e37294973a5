using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace KpiService.Benchmarks;

/// <summary>
/// A soak: 80 % reads (ratings, comparisons) and 20 % submissions, paced open-loop at half the maximum mixed rate
/// measured in the same run, for a fixed time. Reports requests, errors, p99 and memory minute by minute.
/// </summary>
public static class Soak
{
    public static async Task<string> RunAsync(Service service, HttpClient http, List<int> authorities, double maxReads, double maxWrites, TimeSpan duration)
    {
        var maxMixed = 1 / (0.8 / maxReads + 0.2 / maxWrites);
        var rate = maxMixed / 2;
        Console.WriteLine($"Soak: {duration.TotalMinutes:F0} minutes at {rate:N0} req/s (half of the measured mixed maximum {maxMixed:N0} req/s)");
        var minutes = (int)Math.Ceiling(duration.TotalMinutes);
        var latencies = Enumerable.Range(0, minutes).Select(_ => new ConcurrentBag<double>()).ToArray();
        var errors = new long[minutes];
        var rss = new double[minutes + 1];
        rss[0] = Load.RssMb(service.Pid);
        long slot = -1;
        var clock = Stopwatch.StartNew();
        var measures = new[] { "re-referrals", "assessments-within-45-wd", "cp-seen-10-wd", "cic-visits-in-time", "care-leavers-eet" };
        using var sampler = new Timer(_ => { var m = (int)clock.Elapsed.TotalMinutes; if (m < minutes) rss[m + 1] = Load.RssMb(service.Pid); }, null, 0, 5_000);
        await Task.WhenAll(Enumerable.Range(0, 128).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var n = Interlocked.Increment(ref slot);
                var due = TimeSpan.FromSeconds(n / rate);
                if (due >= duration) return;
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var la = authorities[(int)(n % authorities.Count)];
                var measure = measures[n / authorities.Count % measures.Length];
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    HttpResponseMessage response = (n % 10) switch
                    {
                        < 2 => await http.PutAsJsonAsync($"/api/v1/authorities/{la}/measures/referrals/figures/{new DateOnly(2016, 4, 1).AddMonths((int)(n / 7 % 120)):yyyy-MM}", new { value = n % 900 }),
                        < 3 => await http.GetAsync($"/api/v1/measures/{measure}/comparison/2021-09?authority={la}"),
                        _ => await http.GetAsync($"/api/v1/authorities/{la}/measures/{measure}/ratings/2021-09"),
                    };
                    await response.Content.ReadAsByteArrayAsync();
                    ok = response.IsSuccessStatusCode;
                }
                catch (Exception) { ok = false; }
                var minute = Math.Min(minutes - 1, (int)(due.TotalMinutes));
                latencies[minute].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref errors[minute]);
            }
        })));
        var text = new StringBuilder($"## Soak: {duration.TotalMinutes:F0} minutes at {rate:N0} requests/s (80 % ratings and comparisons, 20 % submissions)\n\n");
        text.AppendLine("| minute | requests | errors | p50 ms | p99 ms | service RSS MB |").AppendLine("|---|---|---|---|---|---|");
        for (var m = 0; m < minutes; m++)
        {
            var sorted = latencies[m].Order().ToArray();
            text.AppendLine($"| {m + 1} | {sorted.Length:N0} | {errors[m]} | {Load.Percentile(sorted, 0.5):F2} | {Load.Percentile(sorted, 0.99):F2} | {rss[m + 1]:N0} |");
        }
        var all = latencies.SelectMany(l => l).Order().ToArray();
        text.AppendLine().AppendLine($"Total {all.Length:N0} requests, {errors.Sum()} errors, p99 {Load.Percentile(all, 0.99):F2} ms; RSS {rss[0]:N0} MB at the start, {rss[^1]:N0} MB at the end.");
        return text.ToString();
    }
}
