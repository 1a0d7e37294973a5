using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KpiService.Benchmarks;

/// <summary>The service under test: its Release build as a separate process, on a PostgreSQL the harness owns.</summary>
public sealed class Service : IAsyncDisposable
{
    public const string Key = "kpi_admin_benchmark_key_0123456789";
    private readonly Process _process;
    public string Rest { get; }
    public string Grpc { get; }
    public int Pid => _process.Id;

    private Service(Process process, string rest, string grpc) => (_process, Rest, Grpc) = (process, rest, grpc);

    public static async Task<Service> StartAsync(string connectionString, string root)
    {
        var (rest, grpc) = (FreePort(), FreePort());
        var dll = Path.Combine(root, "src", "KpiService", "bin", "Release", "net10.0", "KpiService.dll");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__Kpi"] = connectionString;
        start.Environment["Auth__AdminKey"] = Key;
        start.Environment["RateLimit__PerSecond"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Kestrel__Endpoints__Rest__Url"] = $"http://127.0.0.1:{rest}";
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpc}";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("service: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new Service(process, $"http://127.0.0.1:{rest}", $"http://127.0.0.1:{grpc}");
        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            try { if ((await http.GetAsync(service.Rest + "/health/ready")).IsSuccessStatusCode) return service; } catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("the service did not become ready");
    }

    public HttpClient Client(int connections = 64)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(Rest), Timeout = TimeSpan.FromMinutes(5),
        };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return http;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A clean stop, as an orchestrator asks for one: SIGTERM, then wait for the process to exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(); await _process.WaitForExitAsync(); }
        _process.Dispose();
    }
}
