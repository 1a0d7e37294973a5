using KpiService.EventStore.Local;
using Npgsql;

namespace KpiService.EventStore.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task AcknowledgedAppend_SurvivesImmediateStopAndRestart()
    {
        // A durable cluster of its own (fsync and synchronous commit on), as the service runs by default.
        var directory = Path.Combine(Path.GetTempPath(), $"kpi-durable-{Guid.NewGuid():N}");
        await using var cluster = await LocalCluster.StartAsync(new LocalClusterOptions(directory, Durable: true, Database: "durable"));
        try
        {
            var streams = Enumerable.Range(0, 20).Select(i => $"durable-{i}").ToList();
            await using (var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString()))
            {
                await Schema.EnsureAsync(dataSource, "kpi");
                var store = new PostgresEventStore(dataSource, "kpi", []);
                foreach (var stream in streams)
                    await store.AppendAsync([new(stream, 0, [new NewEvent("Kept", "{}")])], EventMetadata.None);
            }
            NpgsqlConnection.ClearAllPools();

            await cluster.StopAsync(immediate: true); // no shutdown checkpoint: recovery must replay the WAL
            await cluster.RestartAsync();

            await using var reopened = NpgsqlDataSource.Create(cluster.ConnectionString());
            var after = new PostgresEventStore(reopened, "kpi", []);
            foreach (var stream in streams)
                (await after.ReadStreamAsync(stream)).Select(e => e.Type).ShouldBe(["Kept"]);
        }
        finally
        {
            await cluster.StopAsync(immediate: true);
            Directory.Delete(directory, recursive: true);
        }
    }
}
