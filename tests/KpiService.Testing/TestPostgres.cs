using KpiService.Hosting;
using Npgsql;

namespace KpiService.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test run (fsync off: a test run needs no durability), or the server named
/// by <c>ConnectionStrings__Kpi</c> when set. Each test class asks for its own fresh database.
/// </summary>
public static class TestPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _cluster;
    private static string? _directory;
    private static int _databases;

    public static EmbeddedPostgres? Cluster => _cluster;

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix.ToLowerInvariant()}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        var external = Environment.GetEnvironmentVariable("ConnectionStrings__Kpi");
        if (external is not null)
        {
            var builder = new NpgsqlConnectionStringBuilder(external) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection)) await create.ExecuteNonQueryAsync();
            return new NpgsqlConnectionStringBuilder(external) { Database = name }.ConnectionString;
        }
        var cluster = await ClusterAsync();
        await cluster.EnsureDatabaseAsync(name);
        return cluster.ConnectionString(name);
    }

    private static async Task<EmbeddedPostgres> ClusterAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_cluster is not null) return _cluster;
            _directory = Path.Combine(Path.GetTempPath(), $"kpi-test-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            _cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(_directory, Durable: false));
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                _cluster.StopAsync(immediate: true).GetAwaiter().GetResult();
                try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
            return _cluster;
        }
        finally
        {
            Gate.Release();
        }
    }
}
