using System.Diagnostics;
using System.Text;

namespace KpiService.Tests.Contract;

/// <summary>
/// The service as <c>./run.sh</c> starts it: its own build output, no settings but the ports, in a fresh working
/// directory, so it creates its embedded PostgreSQL and generates its admin key under <c>./.kpi-data</c>. Stopped with
/// SIGTERM (as Ctrl+C would), and its PostgreSQL made sure of afterwards.
/// </summary>
public sealed class StartedService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public string Directory { get; }
    public string RestUrl { get; }
    public string Log { get { lock (_log) return _log.ToString(); } }

    private StartedService(Process process, string directory, string restUrl)
    {
        (_process, Directory, RestUrl) = (process, directory, restUrl);
        void Append(string? line) { if (line is not null) lock (_log) _log.AppendLine(line); }
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static async Task<StartedService> StartAsync(string directory)
    {
        var (rest, grpc) = (KestrelServiceFixture.FreePort(), KestrelServiceFixture.FreePort());
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(ContractTools.Root, "src", "KpiService", "bin", configuration, "net10.0", "KpiService.dll");
        var start = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The embedded default, as on a developer's machine: no connection string, no configured admin key.
        foreach (var inherited in new[] { "ConnectionStrings__Kpi", "Auth__AdminKey", "Database__DataDirectory" }) start.Environment.Remove(inherited);
        start.Environment["Kestrel__Endpoints__Rest__Url"] = $"http://127.0.0.1:{rest}";
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpc}";
        var service = new StartedService(Process.Start(start)!, directory, $"http://127.0.0.1:{rest}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (DateTime.UtcNow < deadline)
        {
            if (service._process.HasExited) throw new InvalidOperationException("The service exited during start-up:\n" + service.Log);
            try { if ((await http.GetAsync(service.RestUrl + "/health/ready")).IsSuccessStatusCode) return service; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        await service.DisposeAsync();
        throw new TimeoutException("The service was not ready in 150 s:\n" + service.Log);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
        // A clean exit stops the embedded PostgreSQL; after a crash it would be left running on the directory.
        var data = Path.Combine(Directory, ".kpi-data", "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid"))
            && System.IO.Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin", "pg_ctl")).Where(File.Exists).Order().LastOrDefault() is { } pgCtl)
        {
            var asRoot = Environment.UserName == "root";
            using var stop = Process.Start(asRoot ? "runuser" : pgCtl, asRoot ? ["-u", "postgres", "--", pgCtl, "-D", data, "stop", "-m", "fast"] : ["-D", data, "stop", "-m", "fast"]);
            await stop!.WaitForExitAsync();
        }
    }
}
