using System.Diagnostics;
using KpiService.Hosting;
using KpiService.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace KpiService.Tests.Operations;

/// <summary>
/// docs/operations.md's backup and restore, done as written: pg_dump of a live service's database, pg_restore into a
/// fresh PostgreSQL cluster, and the service started on the restored copy exports the very same event log.
/// </summary>
[Trait("Suite", "Process")]
public sealed class BackupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DumpRestoredIntoAFreshCluster_HasEveryEvent_AndServesThem()
    {
        var source = await TestPostgres.CreateDatabaseAsync("backup");
        string original;
        await using (var live = Service(source))
        {
            using var admin = Admin(live);
            for (var month = 4; month <= 9; month++)
                (await admin.Put($"/api/v1/authorities/916/measures/re-referrals/figures/2021-{month:00}", new { numerator = 200 + month, denominator = 967 })).EnsureSuccessStatusCode();
            original = await admin.GetStringAsync("/api/v1/admin/events");
        }

        var directory = Directory.CreateTempSubdirectory("kpi-restore-").FullName;
        var dump = Path.Combine(directory, "kpi.dump");
        var bin = EmbeddedPostgres.FindBinaries(null);
        try
        {
            await RunAsync(Path.Combine(bin, "pg_dump"), ["--format=custom", "--file", dump, Libpq(source)]);
            await using var fresh = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(Path.Combine(directory, "cluster"), Durable: false, Database: "kpi_restored"));
            await RunAsync(Path.Combine(bin, "pg_restore"), ["--no-owner", "--exit-on-error", "--dbname", Libpq(fresh.ConnectionString())]);
            (await CountAsync(fresh.ConnectionString())).ShouldBe(await CountAsync(source));

            await using var restored = Service(fresh.ConnectionString());
            using var admin = Admin(restored);
            var exported = await admin.GetStringAsync("/api/v1/admin/events");
            exported.Split('\n').Length.ShouldBeGreaterThan(1000);
            exported.ShouldBe(original); // every event, same position, same body, same metadata
            (await admin.GetAsync("/api/v1/authorities/916/measures/re-referrals/ratings/2021-09")).EnsureSuccessStatusCode();
            output.WriteLine($"dump {new FileInfo(dump).Length / 1024} KB, {exported.Split('\n').Length - 1} events restored");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        async Task RunAsync(string tool, string[] arguments)
        {
            // pg_restore reads the dump from stdin when no file is named; pg_dump names its own --file.
            var start = new ProcessStartInfo(tool, tool.EndsWith("pg_restore", StringComparison.Ordinal) ? [.. arguments, dump] : arguments)
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, $"{Path.GetFileName(tool)}: {await errors}");
        }
    }

    private static WebApplicationFactory<ServerAssembly> Service(string connectionString) =>
        new WebApplicationFactory<ServerAssembly>().WithWebHostBuilder(web => ServiceFixture.UseTestSettings(web, connectionString));

    private static HttpClient Admin(WebApplicationFactory<ServerAssembly> factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceFixture.AdminKey);
        return client;
    }

    /// <summary>A libpq connection string (pg_dump's) from an Npgsql one.</summary>
    private static string Libpq(string connectionString)
    {
        var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host={npgsql.Host} port={npgsql.Port} user={npgsql.Username} dbname={npgsql.Database}" + (npgsql.Password is { Length: > 0 } p ? $" password={p}" : "");
    }

    private static async Task<long> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM kpi.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
