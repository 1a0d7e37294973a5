using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using KpiService.Testing;
using KpiService.Tests.Reliability;
using Npgsql;
using Xunit.Abstractions;

namespace KpiService.Tests.Operations;

/// <summary>
/// What the image would run, run here without a container engine: the Dockerfile's publish, its environment, its
/// unprivileged user, its working directory and its health check; the compose file's connection settings against a
/// separate PostgreSQL; two replicas started at the same moment.
/// </summary>
[Trait("Suite", "Process")]
public sealed class PublishedReplicaTests(ITestOutputHelper output)
{
    private const string User = "65534"; // nobody: stands in for the image's uid 1654, with no home and no rights over the application

    [Fact]
    public async Task PublishedOutput_RunAsTheImageRunsIt_TwoReplicasStartTogether_AndShareWrites()
    {
        var root = Directory.CreateTempSubdirectory("kpi-image-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101); // 0755: the unprivileged user may read, never write
        var app = Path.Combine(root, "app");
        try
        {
            await PublishAsync(app);
            var files = Directory.EnumerateFiles(app, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(app, f)).ToList();
            files.ShouldContain("KpiService.dll");
            files.ShouldContain("appsettings.json");
            files.ShouldNotContain(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".proto", StringComparison.Ordinal)
                                        || f.Contains(".kpi-data", StringComparison.Ordinal) || f.Contains("admin-key", StringComparison.Ordinal) || f.Contains("Development", StringComparison.Ordinal));

            var environment = await ImageEnvironmentAsync();
            var options = new OperatedServiceOptions(app, environment, app, User);
            var started = await Task.WhenAll(OperatedService.StartAsync(options), OperatedService.StartAsync(options));
            await using var a = started[0];
            await using var b = started[1];
            var idle = (A: Rss(a.Pid), B: Rss(b.Pid));

            foreach (var replica in started) (await ProbeAsync(app, environment, replica)).ShouldBe(0, "the image's HEALTHCHECK passes on a ready replica");

            // A write through one replica is read through the other.
            (await a.Http.PutAsJsonAsync("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 207, denominator = 967 })).EnsureSuccessStatusCode();
            var history = await b.Http.GetFromJsonAsync<JsonElement>("/api/v1/authorities/916/measures/re-referrals/figures/2021-09/history");
            history.GetProperty("events").EnumerateArray().Single().GetProperty("value").GetDouble().ShouldBe(207.0 / 967 * 100, 1e-9);
            (await b.Http.GetAsync("/api/v1/authorities/916/measures/re-referrals/ratings/2021-09")).EnsureSuccessStatusCode();

            // A few seconds of writes on one and reads on the other, then resident memory as the pod would report it.
            var writers = new Writers(a.Http, count: 4);
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
                await Task.WhenAll(writers.RunAsync(stop.Token), ReadAsync(b, stop.Token));
            var busy = (A: Rss(a.Pid), B: Rss(b.Pid));
            var (request, limit) = Requested();
            output.WriteLine($"RSS idle {idle.A / 1e6:F0} / {idle.B / 1e6:F0} MB, after load {busy.A / 1e6:F0} / {busy.B / 1e6:F0} MB; k8s request {request / 1e6:F0} MB, limit {limit / 1e6:F0} MB; {writers.Acknowledged.Count} writes");
            Math.Max(idle.A, idle.B).ShouldBeLessThan(request, "the memory request covers an idle replica");
            Math.Max(busy.A, busy.B).ShouldBeLessThan(limit, "a replica under load stays under its memory limit");

            foreach (var replica in started) replica.Terminate();
            foreach (var replica in started)
            {
                (await replica.WaitForExitAsync(TimeSpan.FromSeconds(45))).ShouldBe(0);
                replica.Errors().ShouldBeEmpty();
                (await ProbeAsync(app, environment, replica)).ShouldBe(1, "the health check fails once the replica has stopped");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The Dockerfile's build stage, without rebuilding what this test run has just built.</summary>
    private static async Task PublishAsync(string output)
    {
        var configuration = OperatedService.BuildDirectory().Contains("Release", StringComparison.Ordinal) ? "Release" : "Debug";
        var (code, log) = await RunAsync("dotnet", ["publish", "src/KpiService/KpiService.csproj", "-c", configuration, "-o", output, "--nologo", "--no-build", "-p:UseAppHost=false"], KestrelServiceFixture.RepositoryRoot());
        code.ShouldBe(0, log);
    }

    /// <summary>The runtime stage's ENV, then the compose replica's environment with its database pointed at a separate PostgreSQL.</summary>
    private static async Task<Dictionary<string, string>> ImageEnvironmentAsync()
    {
        var environment = Manifests.DockerStages()[^1].Lines.Where(l => l.Instruction == "ENV")
            .SelectMany(l => l.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        environment["HOME"] = "/nonexistent";
        var compose = Manifests.Map(Manifests.Yaml("deploy", "compose.yaml").Single(), "services.kpi.environment");
        var values = new Dictionary<string, string> { ["KPI_DB_PASSWORD"] = "unused", ["KPI_ADMIN_KEY"] = KestrelServiceFixture.AdminKey };
        foreach (var (key, value) in compose) environment[key.ToString()!] = Manifests.Substitute(value.ToString()!, values);
        var database = new NpgsqlConnectionStringBuilder(await TestPostgres.CreateDatabaseAsync("image"));
        environment["ConnectionStrings__Kpi"] = new NpgsqlConnectionStringBuilder(environment["ConnectionStrings__Kpi"])
        {
            Host = database.Host, Port = database.Port, Username = database.Username, Password = database.Password, Database = database.Database,
        }.ConnectionString;
        return environment;
    }

    /// <summary>
    /// The image's HEALTHCHECK command, run as the image runs it, against this replica: 0 as soon as one attempt
    /// passes, 1 once --retries attempts in a row have failed (when Docker would call the container unhealthy).
    /// </summary>
    private static async Task<int> ProbeAsync(string app, Dictionary<string, string> environment, OperatedService replica)
    {
        var check = Manifests.DockerStages()[^1].Lines.Single(l => l.Instruction == "HEALTHCHECK").Arguments;
        var retries = int.Parse(System.Text.RegularExpressions.Regex.Match(check, @"--retries=(\d+)").Groups[1].Value);
        for (var attempt = 0; attempt < retries; attempt++)
            if (await ProbeOnceAsync(app, environment, replica, check) == 0) return 0;
        return 1;
    }

    private static async Task<int> ProbeOnceAsync(string app, Dictionary<string, string> environment, OperatedService replica, string check)
    {
        var command = JsonSerializer.Deserialize<string[]>(check[check.IndexOf("CMD [", StringComparison.Ordinal)..][4..])!;
        var start = new ProcessStartInfo("/usr/bin/setpriv", [$"--reuid={User}", $"--regid={User}", "--clear-groups", "--", "/usr/bin/" + command[0], .. command[1..]])
        {
            WorkingDirectory = app, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/bin:/bin";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["Kestrel__Endpoints__Rest__Url"] = replica.RestUrl;
        using var probe = Process.Start(start)!;
        await probe.WaitForExitAsync();
        return probe.ExitCode;
    }

    private static async Task ReadAsync(OperatedService replica, CancellationToken stop)
    {
        string[] reads = ["/api/v1/authorities/916/scorecard/2021-09", "/api/v1/measures/re-referrals/comparison/2023-24?authority=916", "/api/v1/measures/re-referrals/league/2023-24"];
        for (var i = 0; !stop.IsCancellationRequested; i++) (await replica.Http.GetAsync(reads[i % reads.Length], CancellationToken.None)).EnsureSuccessStatusCode();
    }

    private static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    private static (long Request, long Limit) Requested()
    {
        var resources = Manifests.Map(Manifests.Yaml("deploy", "k8s", "deployment.yaml").Single(), "spec.template.spec.containers.0.resources");
        static long Bytes(string quantity) => quantity.EndsWith("Mi", StringComparison.Ordinal) ? long.Parse(quantity[..^2]) << 20 : long.Parse(quantity[..^2]) << 30;
        return (Bytes(Manifests.Text(resources, "requests.memory")), Bytes(Manifests.Text(resources, "limits.memory")));
    }

    private static async Task<(int Code, string Log)> RunAsync(string file, string[] arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
