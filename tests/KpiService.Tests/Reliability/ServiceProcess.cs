using System.Diagnostics;
using System.Text;

namespace KpiService.Tests.Reliability;

/// <summary>The service as a real OS process (its own build output), for crash, outage and replica tests.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public string RestUrl { get; }
    public string GrpcAddress { get; }
    public HttpClient Http { get; }
    public string Log { get { lock (_log) return _log.ToString(); } }
    public int ProcessId => _process.Id;

    private ServiceProcess(Process process, string restUrl, string grpcAddress)
    {
        (_process, RestUrl, GrpcAddress) = (process, restUrl, grpcAddress);
        Http = new HttpClient { BaseAddress = new Uri(restUrl), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Add("X-Api-Key", KestrelServiceFixture.AdminKey);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <param name="settings">Configuration as environment variables (ConnectionStrings__Kpi or Database__DataDirectory, say).</param>
    public static async Task<ServiceProcess> StartAsync(IDictionary<string, string> settings, string workingDirectory)
    {
        var (rest, grpc) = (KestrelServiceFixture.FreePort(), KestrelServiceFixture.FreePort());
        var start = new ProcessStartInfo("dotnet", [ServerDll()])
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["Auth__AdminKey"] = KestrelServiceFixture.AdminKey;
        start.Environment["RateLimit__PerSecond"] = "0";
        start.Environment["Kestrel__Endpoints__Rest__Url"] = $"http://127.0.0.1:{rest}";
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpc}";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var service = new ServiceProcess(Process.Start(start)!, $"http://127.0.0.1:{rest}", $"127.0.0.1:{grpc}");
        await service.WaitReadyAsync(TimeSpan.FromSeconds(90));
        return service;
    }

    public async Task WaitReadyAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("The service exited:\n" + Log);
            try { if ((await Http.GetAsync("/health/ready")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("The service was not ready in time:\n" + Log);
    }

    /// <summary>SIGKILL: no shutdown, no flushing, no goodbye. The PostgreSQL it started lives on.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        Http.Dispose();
        await Task.CompletedTask;
    }

    private static string ServerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(KestrelServiceFixture.RepositoryRoot(), "src", "KpiService", "bin", configuration, "net10.0", "KpiService.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the service first", dll);
    }
}
