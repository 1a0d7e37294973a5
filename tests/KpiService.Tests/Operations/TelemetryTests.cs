using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using KpiService.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KpiService.Tests.Operations;

/// <summary>
/// The meter "KpiService" is process-wide to OpenTelemetry: an observable counter registered by another test class's host
/// in the same process can stand in for this host's, so these tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInTheProcess
{
    public const string Name = "alone in the process";
}

/// <summary>Metrics scraped at /metrics after real traffic, and traces pushed over OTLP (http/protobuf) to a listener.</summary>
[Collection(AloneInTheProcess.Name)]
public sealed partial class TelemetryTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task MetricsScrape_AfterTraffic_HasTheServicesOwnInstruments()
    {
        for (var month = 4; month <= 6; month++)
            (await service.Admin.Put($"/api/v1/authorities/916/measures/re-referrals/figures/2021-{month:00}", new { numerator = 200 + month, denominator = 967 })).EnsureSuccessStatusCode();
        await Task.Delay(500); // the log follower has seen the writes (and dropped what they affect) before the reads
        for (var read = 0; read < 3; read++) // the first computes, the others are served from the cache
            (await service.Admin.GetAsync("/api/v1/authorities/916/measures/re-referrals/ratings/2021-06")).EnsureSuccessStatusCode();

        var scrape = "";
        for (var attempt = 0; attempt < 60 && !scrape.Contains("kpi_projection_lag", StringComparison.Ordinal); attempt++)
        {
            if (attempt > 0) await Task.Delay(500); // the lag is sampled every few seconds, the first time once started
            var response = await service.Factory.CreateClient().GetAsync("/metrics");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
            scrape = await response.Content.ReadAsStringAsync();
        }

        Value(scrape, "kpi_figures_submitted_total", "event=\"submitted\"").ShouldBeGreaterThanOrEqualTo(3);
        Value(scrape, "kpi_ratings_computed_total").ShouldBeGreaterThanOrEqualTo(1);
        Value(scrape, "kpi_cache_requests_total", "result=\"hit\"").ShouldBeGreaterThanOrEqualTo(2);
        Value(scrape, "kpi_eventstore_append_duration_seconds_count").ShouldBeGreaterThanOrEqualTo(3);
        Value(scrape, "kpi_usecase_duration_seconds_count", "use_case=\"SubmitFigure\"").ShouldBeGreaterThanOrEqualTo(3);
        Value(scrape, "kpi_usecase_duration_seconds_count", "use_case=\"GetRating\"").ShouldBeGreaterThanOrEqualTo(3);
        Value(scrape, "http_server_request_duration_seconds_count", "http_request_method=\"PUT\"").ShouldBeGreaterThanOrEqualTo(3); // request rate and latency
        scrape.ShouldContain("kpi_cache_hit_ratio");
        scrape.ShouldContain("kpi_projection_lag{");
        scrape.ShouldContain("db_client_operation_duration_seconds"); // Npgsql's own
    }

    [Fact]
    public async Task Traces_GoOverOtlp_WithTheCallersTraceId_UseCaseAndDatabaseSpans()
    {
        using var collector = new OtlpCollector();
        var connectionString = await TestPostgres.CreateDatabaseAsync("otlp");
        await using var factory = new WebApplicationFactory<ServerAssembly>().WithWebHostBuilder(web =>
        {
            ServiceFixture.UseTestSettings(web, connectionString);
            web.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Endpoint);
            web.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            web.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "200");
        });
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", ServiceFixture.AdminKey);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/authorities/916/measures/re-referrals/figures/2021-09")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { numerator = 207, denominator = 967 }),
        };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        (await admin.SendAsync(request)).EnsureSuccessStatusCode();

        var traceBytes = new byte[16];
        traceId.CopyTo(traceBytes);
        var exported = await collector.WaitForAsync(body => body.AsSpan().IndexOf(traceBytes) >= 0 && Contains(body, "SubmitFigure") && Contains(body, "postgresql"), TimeSpan.FromSeconds(30));
        exported.ShouldBeTrue("the request's spans (HTTP, use case, Npgsql) reach the collector under the caller's trace id");
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>The sum of a series' samples whose labels include the given one (several hosts may share the process).</summary>
    private static double Value(string scrape, string name, string label = "")
    {
        var samples = Sample().Matches(scrape).Where(m => m.Groups["name"].Value == name && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)).ToList();
        samples.ShouldNotBeEmpty($"{name} {label} in:\n{string.Join('\n', scrape.Split('\n').Where(l => l.StartsWith("kpi", StringComparison.Ordinal)))}");
        return samples.Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<name>[a-z_:][a-z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}

/// <summary>Receives OTLP over HTTP (protobuf bodies to /v1/traces, /v1/metrics) as a collector would, and keeps the bodies.</summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<byte[]> _bodies = [];
    private readonly Task _loop;

    public string Endpoint { get; }

    public OtlpCollector()
    {
        Endpoint = $"http://127.0.0.1:{KestrelServiceFixture.FreePort()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                try
                {
                    using var body = new MemoryStream();
                    await context.Request.InputStream.CopyToAsync(body);
                    if (context.Request.Url!.AbsolutePath == "/v1/traces") lock (_bodies) _bodies.Add(body.ToArray());
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/x-protobuf";
                    context.Response.Close();
                }
                // The test ended while the service was still exporting: the listener closed under this request.
                catch (Exception e) when (!_listener.IsListening && e is HttpListenerException or ObjectDisposedException or IOException) { return; }
            }
        });
    }

    public async Task<bool> WaitForAsync(Func<byte[], bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            byte[] all;
            lock (_bodies) all = [.. _bodies.SelectMany(b => b)];
            if (condition(all)) return true;
            await Task.Delay(200);
        }
        return false;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
