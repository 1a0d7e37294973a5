using System.Net.Http.Json;
using System.Text.Json;
using KpiService.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KpiService.Tests;

/// <summary>The whole service over HTTP (TestServer) on a fresh database of its own, as a first start leaves it (copied from a template made by one real first start).</summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    public const string AdminKey = "kpi_admin_test_key_0123456789abcdef";

    public WebApplicationFactory<ServerAssembly> Factory { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateStartedDatabaseAsync("svc", FirstStartAsync);
        Factory = new WebApplicationFactory<ServerAssembly>().WithWebHostBuilder(web => UseTestSettings(web, ConnectionString));
        Admin = Client(AdminKey);
        (await Admin.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    /// <summary>The service's first start on <paramref name="connectionString"/>, to the point it is ready, then stopped: the template every fixture's database is copied from.</summary>
    public static async Task FirstStartAsync(string connectionString)
    {
        await using var factory = new WebApplicationFactory<ServerAssembly>().WithWebHostBuilder(web => UseTestSettings(web, connectionString));
        (await factory.CreateClient().GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    /// <summary>The settings every in-process test host shares: its own database, the test admin key, no rate limit.</summary>
    public static void UseTestSettings(Microsoft.AspNetCore.Hosting.IWebHostBuilder web, string connectionString)
    {
        // Program ends with RunJasperFxCommands: in a test host it must start the app rather than parse a command line.
        JasperFx.CommandLine.JasperFxEnvironment.AutoStartHost = true;
        web.UseSetting("ConnectionStrings:Kpi", connectionString);
        web.UseSetting("Auth:AdminKey", AdminKey);
        web.UseSetting("RateLimit:PerSecond", "0");
        web.UseSetting("Auth:FailedAttemptsPerMinute", "0"); // in-process requests share no address; KeyLifecycleTests sets its own
        web.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public HttpClient Client(string? key)
    {
        var client = Factory.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Registers a client through the API and returns an HttpClient that sends its key.</summary>
    public async Task<HttpClient> ClientWith(string[] scopes, params string[] authorities)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/clients", new { name = $"test {string.Join("+", scopes)}", scopes, authorities });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return Client(created.GetProperty("key").GetString());
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

public static class Http
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static Task<HttpResponseMessage> Put(this HttpClient client, string url, object body) => client.PutAsJsonAsync(url, body);

    public static string[] Errors(this JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => $"{e.Name}: {m.GetString()}"))];
}
