using System.Diagnostics;
using System.Text.Json;
using KpiService.Testing;

namespace KpiService.Tests.Operations;

/// <summary>JSON console logs by configuration alone, as a log shipper reads them: every line an object with a dated timestamp, request lines with their trace id.</summary>
[Trait("Suite", "Process")]
public sealed class LogFormatTests
{
    [Fact]
    public async Task FormatterNameJson_MakesEveryLineJson_WithDateAndTheCallersTraceId()
    {
        var directory = Directory.CreateTempSubdirectory("kpi-json-logs-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Kpi"] = await TestPostgres.CreateDatabaseAsync("jsonlogs"), ["Auth__AdminKey"] = KestrelServiceFixture.AdminKey,
            ["Logging__Console__FormatterName"] = "json",
        };
        try
        {
            await using var service = await OperatedService.StartAsync(new OperatedServiceOptions(OperatedService.BuildDirectory(), environment, directory));
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/authorities/916/measures/re-referrals/figures/2021-09")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { numerator = 207, denominator = 967 }),
            };
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            (await service.Http.SendAsync(request)).EnsureSuccessStatusCode();
            service.Terminate();
            (await service.WaitForExitAsync(TimeSpan.FromSeconds(45))).ShouldBe(0);

            var lines = service.Lines.Where(l => l.Length > 0).ToList();
            lines.Count.ShouldBeGreaterThan(5);
            var entries = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList(); // throws on any line that is not JSON
            entries.ShouldAllBe(e => DateTimeOffset.Parse(e.GetProperty("Timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Year >= 2024);
            var access = entries.Single(e => e.GetProperty("Category").GetString() == "KpiService.Access" && e.GetProperty("State").GetProperty("Method").GetString() == "PUT");
            access.GetProperty("State").GetProperty("Status").GetInt32().ShouldBe(201);
            access.GetProperty("State").GetProperty("TraceId").GetString().ShouldBe(traceId);
            access.GetProperty("State").GetProperty("Path").GetString().ShouldBe("/api/v1/authorities/916/measures/re-referrals/figures/2021-09");
            // Every line logged while serving the request carries its trace id in its scopes (Npgsql, Marten, the use case).
            entries.Where(e => e.TryGetProperty("Scopes", out var scopes) && scopes.EnumerateArray().Any(s => s.TryGetProperty("TraceId", out var t) && t.GetString() == traceId))
                .ShouldNotBeEmpty();
            entries.ShouldNotContain(e => e.GetProperty("LogLevel").GetString() == "Error" || e.GetProperty("LogLevel").GetString() == "Critical");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
