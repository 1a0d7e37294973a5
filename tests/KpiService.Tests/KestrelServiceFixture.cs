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

    private static int _nextPort = Random.Shared.Next(10_000);

    /// <summary>
    /// A port for a service under test to listen on, below Linux's ephemeral range (32768–60999). A port the OS hands
    /// out for port 0 is in that range, and between this check and the service binding it any outgoing connection (the
    /// tests' own clients, PostgreSQL's) can take it: a replica test once failed to start on "address already in use".
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 2_000; attempt++)
        {
            var port = 20_000 + (int)((uint)Interlocked.Increment(ref _nextPort) % 12_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) { }
        }
        throw new InvalidOperationException("No free port between 20000 and 32000 on 127.0.0.1.");
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KpiService.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("KpiService.sln not found above " + AppContext.BaseDirectory);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
