namespace KpiService.Hosting;

/// <summary>
/// <c>dotnet KpiService.dll probe</c>: asks this container's own REST endpoint for <c>/health/ready</c> and exits 0
/// (ready) or 1. The ASP.NET runtime image carries no curl or wget, and the probe must read the same configuration
/// (appsettings.json, then environment) as the service, so it finds the port the service really listens on.
/// </summary>
public static class HealthProbe
{
    public const string Command = "probe";

    public static async Task<int> RunAsync()
    {
        var configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().Build();
        var url = Local(configuration["Kestrel:Endpoints:Rest:Url"] ?? "http://127.0.0.1:5080");
        // Inside the HEALTHCHECK's own 5 s timeout, so a slow answer is reported as such rather than killed.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await http.GetAsync(new Uri(url, "/health/ready"));
            if (response.IsSuccessStatusCode) return 0;
            await Console.Error.WriteLineAsync($"not ready: {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"not ready: {e.Message}");
        }
        return 1;
    }

    /// <summary>A wildcard listen address (<c>0.0.0.0</c>, <c>*</c>, <c>+</c>, <c>[::]</c>) is reached on loopback.</summary>
    public static Uri Local(string listenUrl)
    {
        var normalised = listenUrl.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        var uri = new UriBuilder(normalised);
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "127.0.0.1";
        return uri.Uri;
    }
}
