using System.Net;
using System.Net.Http.Json;
using KpiService.Hosting;
using Xunit.Abstractions;

namespace KpiService.Tests.Reliability;

/// <summary>
/// PostgreSQL stopped under load and started again: writes answer 503 with Retry-After (never a hang, never a 500),
/// readiness goes false and comes back by itself, no acknowledged write is lost, and no restart is needed.
/// </summary>
public sealed class OutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DatabaseOutageDuringWrites_Answers503ThenRecoversWithoutARestart()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"kpi-outage-{Guid.NewGuid():N}");
        await using var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(directory, Durable: true));
        try
        {
            await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["ConnectionStrings__Kpi"] = cluster.ConnectionString() }, directory);
            var writers = new Writers(service.Http);
            using var stop = new CancellationTokenSource();
            var running = writers.RunAsync(stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(2));

            await cluster.StopAsync(immediate: true);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var ready = await service.Http.GetAsync("/health/ready");
            ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var write = await service.Http.PutAsJsonAsync("/api/v1/authorities/916/measures/referrals/figures/2021-09", new { value = 967 });
            write.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            write.Headers.RetryAfter.ShouldNotBeNull();
            (await write.Content.ReadAsStringAsync()).ShouldNotContain("   at ");

            await cluster.RestartAsync();
            await service.WaitReadyAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(2));
            stop.Cancel();
            await running;

            writers.Errors.ShouldBeEmpty();
            writers.Failures.ShouldNotBeEmpty();
            writers.Failures.ShouldAllBe(status => status == HttpStatusCode.ServiceUnavailable);
            writers.SlowestFailure.ShouldBeLessThan(TimeSpan.FromSeconds(10));
            var lost = 0;
            foreach (var (url, value) in writers.Acknowledged)
                if (!(await service.Http.GetFromJsonAsync<System.Text.Json.JsonElement>(url + "/history")).GetProperty("events").EnumerateArray().Any(e => e.GetProperty("value").GetDouble() == value))
                    lost++;
            lost.ShouldBe(0);
            (await service.Http.PutAsJsonAsync("/api/v1/authorities/916/measures/referrals/figures/2021-09", new { value = 967 })).IsSuccessStatusCode.ShouldBeTrue();
            output.WriteLine($"outage: {writers.Acknowledged.Count} writes acknowledged, 0 lost; {writers.Failures.Count} answered 503, slowest {writers.SlowestFailure.TotalMilliseconds:F0} ms");
        }
        finally
        {
            await cluster.StopAsync(immediate: true);
            Directory.Delete(directory, recursive: true);
        }
    }
}
