using System.Net;
using System.Net.Sockets;
using KpiService.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KpiService.Tests;

/// <summary>
/// The whole service on real Kestrel (REST over HTTP/1.1, gRPC over h2c on its own port), on a fresh database,
/// for clients that need real sockets: Python grpcio, Node grpc-js, .NET HTTP/2.
/// </summary>
public sealed class KestrelServiceFixture : IAsyncLifetime
{
    public const string AdminKey = ServiceFixture.AdminKey;

    public WebApplicationFactory<ServerAssembly> Factory { get; private set; } = null!;
    public string RestUrl { get; private set; } = "";
    public string GrpcAddress { get; private set; } = "";
    public string ConnectionString { get; private set; } = "";

    /// <summary>What the server logged as an error, for a test to print when an answer was a 500.</summary>
    public CapturedLogs Errors { get; } = new(Microsoft.Extensions.Logging.LogLevel.Error);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateStartedDatabaseAsync("kestrel", ServiceFixture.FirstStartAsync);
        var (rest, grpc) = (FreePort(), FreePort());
        Factory = new WebApplicationFactory<ServerAssembly>().WithWebHostBuilder(web =>
        {
            ServiceFixture.UseTestSettings(web, ConnectionString);
            web.UseSetting("Kestrel:Endpoints:Rest:Url", $"http://127.0.0.1:{rest}");
            web.UseSetting("Kestrel:Endpoints:Grpc:Url", $"http://127.0.0.1:{grpc}");
            web.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(Errors)));
        });
        Factory.UseKestrel();
        Factory.StartServer();
        (RestUrl, GrpcAddress) = ($"http://127.0.0.1:{rest}", $"127.0.0.1:{grpc}");
        using var client = new HttpClient();
        (await client.GetAsync($"{RestUrl}/health/ready")).EnsureSuccessStatusCode();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KpiService.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("KpiService.sln not found above " + AppContext.BaseDirectory);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
