using System.Diagnostics;
using Xunit.Abstractions;

namespace KpiService.Tests.Grpc;

/// <summary>Real gRPC clients nobody here wrote — Python grpcio and Node grpc-js — against the service on Kestrel.</summary>
public sealed class InteropTests(KestrelServiceFixture service, ITestOutputHelper output) : IClassFixture<KestrelServiceFixture>
{
    private static readonly string[] Checks =
    [
        "reflection_lists_services", "health_serving", "unauthenticated_without_key", "unary_submit_and_rate",
        "invalid_argument_with_field_violations", "deadline_exceeded", "watch_ratings_streams_updates", "scorecard", "gzip_both_ways",
    ];

    [Fact]
    public async Task PythonGrpcio_PassesEveryCheck() =>
        AssertAllPass(await RunAsync("/usr/bin/python3", Path.Combine("tests", "interop", "python_client.py")),
            "reflection_describes_every_service", "as_at_is_strict_iso8601", "targets_and_catalogue");

    [Fact]
    public async Task NodeGrpcJs_PassesEveryCheck() =>
        AssertAllPass(await RunAsync("node", Path.Combine("tests", "interop", "node_client.js")), "schedule_and_commentary");

    private void AssertAllPass(string transcript, params string[] more)
    {
        output.WriteLine(transcript);
        transcript.ShouldNotContain("FAIL");
        foreach (var check in Checks.Concat(more)) transcript.ShouldContain($"PASS {check}");
    }

    private async Task<string> RunAsync(string program, string script)
    {
        var root = KestrelServiceFixture.RepositoryRoot();
        var start = new ProcessStartInfo(program, [Path.Combine(root, script), service.GrpcAddress, KestrelServiceFixture.AdminKey, root])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(root, "tests", "interop"),
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return $"{await stdout}\n{await stderr}";
    }
}
