using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace KpiService.Tests.Operations;

/// <summary>How to start the service as an operator would.</summary>
/// <param name="AppDirectory">A build or publish directory holding KpiService.dll.</param>
/// <param name="Environment">The whole configuration: the process inherits nothing else (no test runner variables).</param>
/// <param name="User">Run as this unprivileged uid (gid the same) (setpriv, so the service's own pid receives SIGTERM), or as us.</param>
public sealed record OperatedServiceOptions(string AppDirectory, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory, string? User = null);

/// <summary>
/// The service as a separate OS process configured only by environment variables, stopped with SIGTERM as systemd,
/// Docker and Kubernetes stop it. Its console output is kept line by line.
/// </summary>
public sealed class OperatedService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    public string RestUrl { get; }
    public string GrpcAddress { get; }
    public HttpClient Http { get; }
    public int Pid => _process.Id;
    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }
    public string Log => string.Join('\n', Lines);
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    private OperatedService(Process process, string restUrl, string grpcAddress, string adminKey)
    {
        (_process, RestUrl, GrpcAddress) = (process, restUrl, grpcAddress);
        Http = new HttpClient { BaseAddress = new Uri(restUrl), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts the service on fresh local ports (overriding any in the environment) and waits until it is ready.</summary>
    public static async Task<OperatedService> StartAsync(OperatedServiceOptions options, bool waitReady = true)
    {
        var (rest, grpc) = (KestrelServiceFixture.FreePort(), KestrelServiceFixture.FreePort());
        var dll = Path.Combine(options.AppDirectory, "KpiService.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build or publish the service first", dll);
        var start = options.User is null
            ? new ProcessStartInfo("/usr/bin/dotnet", [dll])
            : new ProcessStartInfo("/usr/bin/setpriv", [$"--reuid={options.User}", $"--regid={options.User}", "--clear-groups", "--", "/usr/bin/dotnet", dll]);
        (start.WorkingDirectory, start.RedirectStandardOutput, start.RedirectStandardError, start.UseShellExecute) = (options.WorkingDirectory, true, true, false);
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var (key, value) in options.Environment) start.Environment[key] = value;
        start.Environment["Kestrel__Endpoints__Rest__Url"] = $"http://127.0.0.1:{rest}";
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpc}";
        var adminKey = options.Environment.TryGetValue("Auth__AdminKey", out var configuredKey) ? configuredKey : KestrelServiceFixture.AdminKey;
        var service = new OperatedService(Process.Start(start)!, $"http://127.0.0.1:{rest}", $"127.0.0.1:{grpc}", adminKey);
        if (waitReady) await service.WaitReadyAsync(TimeSpan.FromSeconds(120));
        return service;
    }

    public async Task WaitReadyAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The service exited ({_process.ExitCode}):\n{Log}");
            try { if ((await Http.GetAsync("/health/ready")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("The service was not ready in time:\n" + Log);
    }

    /// <summary>SIGTERM: what `docker stop`, `systemctl stop` and a Kubernetes rollout send first.</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, 15) != 0) throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the process to end and returns its exit code, or throws after the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"The service did not exit within {within.TotalSeconds} s:\n{Log}"); }
        _process.WaitForExit(); // lets the asynchronous output readers reach the end of both streams
        return _process.ExitCode;
    }

    /// <summary>Lines a clean run must not have: errors, critical failures, unhandled exceptions.</summary>
    public IReadOnlyList<string> Errors() => Lines.Where(line =>
        line.Contains(" fail: ", StringComparison.Ordinal) || line.Contains(" crit: ", StringComparison.Ordinal)
        || line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal)
        || line.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) || line.Contains("ObjectDisposedException", StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Http.Dispose();
    }

    /// <summary>The build output of the service for this test run's configuration.</summary>
    public static string BuildDirectory()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(KestrelServiceFixture.RepositoryRoot(), "src", "KpiService", "bin", configuration, "net10.0");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
