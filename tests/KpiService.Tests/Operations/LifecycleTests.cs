using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using KpiService.Hosting;
using KpiService.Tests.Reliability;
using Xunit.Abstractions;

namespace KpiService.Tests.Operations;

/// <summary>
/// The real process stopped as orchestrators stop it: SIGTERM in the middle of concurrent writes and an open
/// WatchRatings stream. It must drain, end the stream, stop the PostgreSQL it started, exit 0 and log no error;
/// started again, it has every write it acknowledged.
/// </summary>
[Trait("Suite", "Process")]
public sealed class LifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sigterm_UnderLoad_DrainsAndExitsZero_StopsItsPostgres_AndLosesNoAcknowledgedWrite()
    {
        var directory = Directory.CreateTempSubdirectory("kpi-sigterm-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["Database__DataDirectory"] = Path.Combine(directory, "data"), ["Auth__AdminKey"] = KestrelServiceFixture.AdminKey, ["RateLimit__PerSecond"] = "0",
        };
        var options = new OperatedServiceOptions(OperatedService.BuildDirectory(), environment, directory);
        try
        {
            Writers writers;
            await using (var service = await OperatedService.StartAsync(options))
            {
                var traceId = await TracedRequestAsync(service);
                await using var watch = await WatchStream.OpenAsync(service.GrpcAddress, KestrelServiceFixture.AdminKey, "E10000013");
                writers = new Writers(service.Http);
                using var stop = new CancellationTokenSource();
                var running = writers.RunAsync(stop.Token);
                await Task.Delay(TimeSpan.FromSeconds(4));

                var signalled = Stopwatch.StartNew();
                service.Terminate();
                var watchEnded = watch.ReadToEndAsync(TimeSpan.FromSeconds(15));
                var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(45));
                var stoppedIn = signalled.Elapsed;
                stop.Cancel();
                await running;
                var watchStatus = await watchEnded;
                output.WriteLine($"SIGTERM → exit {exitCode} in {stoppedIn.TotalMilliseconds:F0} ms; {writers.Acknowledged.Count} writes acknowledged; watch ended with grpc-status {watchStatus ?? "none"} after {watch.Updates} updates");

                exitCode.ShouldBe(0, service.Log);
                service.Errors().ShouldBeEmpty();
                writers.Errors.ShouldBeEmpty();
                writers.Acknowledged.Count.ShouldBeGreaterThan(20);
                watch.Updates.ShouldBeGreaterThan(0);
                watchStatus.ShouldBe("0"); // ended by the server, cleanly, not cut off
                stoppedIn.ShouldBeLessThan(Lifecycle.DrainTimeout); // the open watch did not hold the drain to its timeout
                service.Log.ShouldContain("Stopping: not ready any more");
                // The access log: method, path, status, milliseconds and the caller's W3C trace id, with a dated timestamp.
                service.Lines.ShouldContain(line => line.Contains($"GET /api/v1/measures 200 ", StringComparison.Ordinal) && line.Contains($"trace {traceId}", StringComparison.Ordinal)
                    && System.Text.RegularExpressions.Regex.IsMatch(line, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z "));
            }
            File.Exists(Path.Combine(directory, "data", "data", "postmaster.pid")).ShouldBeFalse("the embedded PostgreSQL is stopped with the service");

            await using (var again = await OperatedService.StartAsync(options))
            {
                again.Log.ShouldContain("Starting PostgreSQL"); // not "Adopting": nothing was left running
                await AssertAllPresentAsync(again, writers);
                again.Terminate();
                (await again.WaitForExitAsync(TimeSpan.FromSeconds(45))).ShouldBe(0);
                again.Errors().ShouldBeEmpty();
            }
        }
        finally
        {
            await using (var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(Path.Combine(directory, "data")))) await cluster.StopAsync(immediate: true);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> TracedRequestAsync(OperatedService service)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/measures");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        (await service.Http.SendAsync(request)).EnsureSuccessStatusCode();
        return traceId;
    }

    private static async Task AssertAllPresentAsync(OperatedService service, Writers writers)
    {
        var lost = new List<string>();
        foreach (var (url, value) in writers.Acknowledged)
        {
            var history = await service.Http.GetFromJsonAsync<JsonElement>(url + "/history");
            if (!history.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("value").GetDouble() == value)) lost.Add(url);
        }
        lost.ShouldBeEmpty();
    }
}
