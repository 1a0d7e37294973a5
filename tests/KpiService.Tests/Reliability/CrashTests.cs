using System.Net.Http.Json;
using System.Text.Json;
using KpiService.Hosting;
using Npgsql;
using Xunit.Abstractions;

namespace KpiService.Tests.Reliability;

/// <summary>
/// The service (embedded default) killed with SIGKILL in the middle of sustained concurrent submissions, then
/// started again on the same data: every acknowledged write is there, and events and read models agree.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task KillDashNineDuringWrites_LosesNoAcknowledgedWrite_AndRestartAdoptsOrRestartsPostgres()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"kpi-crash-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string> { ["Database__DataDirectory"] = Path.Combine(directory, "data") };
        try
        {
            var writers = await WriteThenKillAsync(settings, directory);

            // 1. Restart on the same data: the PostgreSQL left running is adopted.
            await using (var again = await ServiceProcess.StartAsync(settings, directory))
            {
                again.Log.ShouldContain("Adopting the PostgreSQL server already running");
                await AssertAllPresentAsync(again, writers);
                again.Kill();
            }

            // 2. Now the server dies hard too (stale postmaster.pid left behind): start-up must not be blocked.
            var pidFile = Path.Combine(directory, "data", "data", "postmaster.pid");
            var postmaster = int.Parse(File.ReadLines(pidFile).First());
            System.Diagnostics.Process.GetProcessById(postmaster).Kill();
            await Task.Delay(500);
            File.Exists(pidFile).ShouldBeTrue();
            await using (var recovered = await ServiceProcess.StartAsync(settings, directory))
            {
                recovered.Log.ShouldContain("Starting PostgreSQL");
                await AssertAllPresentAsync(recovered, writers);
                await AssertConsistentAsync(directory);
                output.WriteLine($"kill -9: {writers.Acknowledged.Count} writes acknowledged, 0 lost");
            }
        }
        finally
        {
            await using (var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(Path.Combine(directory, "data")))) await cluster.StopAsync(immediate: true);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Writers> WriteThenKillAsync(Dictionary<string, string> settings, string directory)
    {
        await using var service = await ServiceProcess.StartAsync(settings, directory);
        var writers = new Writers(service.Http);
        using var stop = new CancellationTokenSource();
        var running = writers.RunAsync(stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(4));
        service.Kill(); // mid-flight: several writes are in progress right now
        stop.Cancel();
        await running;
        writers.Acknowledged.Count.ShouldBeGreaterThan(50);
        return writers;
    }

    private static async Task AssertAllPresentAsync(ServiceProcess service, Writers writers)
    {
        var lost = new List<string>();
        foreach (var (url, value) in writers.Acknowledged)
        {
            var history = await service.Http.GetFromJsonAsync<JsonElement>(url + "/history");
            var events = history.GetProperty("events").EnumerateArray().ToList();
            if (!events.Any(e => e.GetProperty("value").GetDouble() == value)) lost.Add(url);
        }
        lost.ShouldBeEmpty();
    }

    // Nothing half-written: every figure stream's version equals its read-model row's version, and no row lacks a stream.
    private static async Task AssertConsistentAsync(string directory)
    {
        await using var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(Path.Combine(directory, "data")));
        await using var connection = new NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM kpi.mt_streams s FULL JOIN kpi.figures f
              ON s.id = 'figure:' || f.la_number || ':' || f.measure || ':' || f.period || CASE WHEN f.breakdown = '' THEN '' ELSE ':' || f.breakdown END
            WHERE (s.id LIKE 'figure:%' OR f.la_number IS NOT NULL) AND (s.version IS DISTINCT FROM f.version)
            """, connection);
        ((long)(await command.ExecuteScalarAsync())!).ShouldBe(0);
    }
}
