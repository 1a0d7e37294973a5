using System.Net;
using System.Net.Http.Json;
using KpiService.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KpiService.Tests.Reliability;

/// <summary>Rate limits per client, and API keys kept out of every log line, at the most verbose log level.</summary>
public sealed class AbuseTests : IAsyncLifetime
{
    private WebApplicationFactory<ServerAssembly> _factory = null!;
    private readonly CapturedLogs _logs = new();

    public async Task InitializeAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("abuse");
        _factory = new WebApplicationFactory<ServerAssembly>().WithWebHostBuilder(web =>
        {
            ServiceFixture.UseTestSettings(web, connectionString);
            web.UseSetting("RateLimit:PerSecond", "5");
            web.UseSetting("RateLimit:Burst", "5");
            web.UseSetting("Logging:LogLevel:Default", "Trace");
            web.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(_logs)));
        });
        _ = _factory.Server;
        await Task.CompletedTask;
    }

    [Fact]
    public async Task ClientOverItsRateLimit_Gets429WithRetryAfter()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceFixture.AdminKey);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++) responses.Add(await client.GetAsync("/api/v1/measures/re-referrals"));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.Count.ShouldBeGreaterThanOrEqualTo(10);
        limited[0].Headers.RetryAfter.ShouldNotBeNull();
        (await limited[0].Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("type").GetString()!.ShouldEndWith("/rate-limited");
        responses.Take(5).ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task ApiKeys_NeverAppearInTheLogs()
    {
        var admin = _factory.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", ServiceFixture.AdminKey);
        var created = await (await admin.PostAsJsonAsync("/api/v1/clients", new { name = "logged?", scopes = new[] { "read" }, authorities = new[] { "*" } })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var key = created.GetProperty("key").GetString()!;
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        await client.GetAsync("/api/v1/authorities/916");
        await client.PutAsJsonAsync("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { value = 20 }); // 403
        var wrong = _factory.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", key + "x");
        await wrong.GetAsync("/api/v1/measures"); // 401

        _logs.Lines.ShouldNotBeEmpty();
        _logs.Lines.ShouldAllBe(line => !line.Contains(key) && !line.Contains(ServiceFixture.AdminKey) && !line.Contains(key.Split('_', 3)[2]));
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
