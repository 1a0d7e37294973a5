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

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    /// <summary>
    /// A fresh database as a first start leaves it, copied (CREATE DATABASE … TEMPLATE) from one made once per test
    /// run by the first caller's <paramref name="firstStart"/>. A first start seeds the reference data and loads LAIT's
    /// whole download through the import (234,000 figures, seconds of work) that every test class would otherwise repeat.
    /// </summary>
    public static async Task<string> CreateStartedDatabaseAsync(string prefix, Func<string, Task> firstStart)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is null)
            {
                var started = await CreateDatabaseAsync("template");
                await firstStart(started);
                NpgsqlConnection.ClearAllPools();
                _template = new NpgsqlConnectionStringBuilder(started).Database;
            }
            var name = $"{prefix.ToLowerInvariant()}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
            var server = await ServerAsync();
            await using var connection = new NpgsqlConnection(server("postgres") + ";Pooling=false");
            await connection.OpenAsync();
            // A template may have no one connected: whatever the first start left open is closed first.
            await using (var close = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", connection))
            {
                close.Parameters.Add(new() { Value = _template });
                await close.ExecuteNonQueryAsync();
            }
            await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{_template}\"", connection))
                await create.ExecuteNonQueryAsync();
            return server(name);
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    /// <summary>A connection string to a database of the test server by name (external, or the embedded cluster).</summary>
    private static async Task<Func<string, string>> ServerAsync()
    {
        var external = Environment.GetEnvironmentVariable("ConnectionStrings__Kpi");
        if (external is not null)
            return database => new NpgsqlConnectionStringBuilder(external) { Database = database }.ConnectionString;
        var cluster = await ClusterAsync();
        return database => cluster.ConnectionString(database);
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
