using System.Diagnostics;
using System.Net;
using System.Text;
using KpiService.Testing;
using Xunit.Abstractions;

namespace KpiService.Tests.Reliability;

/// <summary>
/// Bodies built to cost memory (a 15 MB CSV line of commas, 16 MB of <c>{}</c>) are refused while they stream in:
/// the real process stays within a bounded peak and its RSS returns to within 20 % of its baseline.
/// </summary>
public sealed class HostileSizesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ConcurrentHostileBodies_AreRefused_AndMemoryReturnsToBaseline()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("mem");
        var directory = Directory.CreateTempSubdirectory("kpi-mem-").FullName;
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["ConnectionStrings__Kpi"] = connection }, directory);
        for (var i = 0; i < 50; i++) (await service.Http.GetAsync("/api/v1/measures")).EnsureSuccessStatusCode(); // warm: JIT, caches, pools
        var baseline = await SettledRssAsync(service.ProcessId, TimeSpan.FromSeconds(3));

        var commas = Encoding.ASCII.GetBytes("measure,period,value\n" + new string(',', 15 * 1024 * 1024) + "\n");
        var objects = Encoding.ASCII.GetBytes("{\"figures\": [" + string.Join(',', Enumerable.Repeat("{}", 5 * 1024 * 1024)) + "]}");
        var peak = baseline;
        using var sampler = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!sampler.IsCancellationRequested) { peak = Math.Max(peak, Rss(service.ProcessId)); await Task.Delay(20); }
        });
        for (var round = 0; round < 2; round++)
        {
            var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                PostAsync(service, i % 2 == 0 ? commas : objects, i % 2 == 0 ? "text/csv" : "application/json")));
            statuses.ShouldAllBe(s => (int)s >= 400 && (int)s < 500);
        }
        await sampler.CancelAsync();
        await sampling;

        // Ordinary traffic carries on meanwhile (as it would): its collections give the memory back.
        using var quiet = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            while (!quiet.IsCancellationRequested) { await service.Http.GetAsync("/api/v1/measures"); await Task.Delay(20); }
        });
        var after = await SettledRssAsync(service.ProcessId, TimeSpan.FromSeconds(60), until: rss => rss <= baseline * 1.2);
        await quiet.CancelAsync();
        await traffic;
        output.WriteLine($"RSS baseline {baseline / 1e6:F0} MB, peak {peak / 1e6:F0} MB, after {after / 1e6:F0} MB (16 hostile bodies of 15–16 MB, 8 at a time)");
        after.ShouldBeLessThanOrEqualTo((long)(baseline * 1.2));
        (peak - baseline).ShouldBeLessThan(150_000_000L, "8 concurrent 16 MB bodies must not build a structure per byte");
        (await service.Http.GetAsync("/api/v1/measures")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<HttpStatusCode> PostAsync(ServiceProcess service, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new(contentType);
        return (await service.Http.PostAsync("/api/v1/authorities/916/returns", content)).StatusCode;
    }

    // RSS after it stops falling (or meets the condition), sampled every half second.
    private static async Task<long> SettledRssAsync(int pid, TimeSpan within, Func<long, bool>? until = null)
    {
        var watch = Stopwatch.StartNew();
        var last = Rss(pid);
        while (watch.Elapsed < within)
        {
            await Task.Delay(500);
            var now = Rss(pid);
            if (until?.Invoke(now) == true) return now;
            if (until is null && Math.Abs(now - last) < last / 100) return now;
            last = now;
        }
        return Rss(pid);
    }

    private static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
}
