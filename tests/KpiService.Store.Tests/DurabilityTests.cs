using KpiService.Hosting;
using Npgsql;

namespace KpiService.Store.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task AcknowledgedAppend_SurvivesImmediateStopAndRestart()
    {
        // A durable cluster of its own (fsync and synchronous commit on), as the service runs by default.
        var directory = Path.Combine(Path.GetTempPath(), $"kpi-durable-{Guid.NewGuid():N}");
        await using var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(directory, Durable: true, Database: "durable"));
        try
        {
            var streams = Enumerable.Range(0, 20).Select(i => $"durable-{i}").ToList();
            await using (var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString()))
            using (var store = StoreFixture.CreateStore(dataSource))
            {
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
                foreach (var stream in streams)
                {
                    await using var session = store.LightweightSession();
                    session.Events.Append(stream, 1, new Opened(1));
                    await session.SaveChangesAsync();
                }
            }
            NpgsqlConnection.ClearAllPools();

            await cluster.StopAsync(immediate: true); // no shutdown checkpoint: recovery must replay the WAL
            await cluster.RestartAsync();

            await using var reopened = NpgsqlDataSource.Create(cluster.ConnectionString());
            using var after = StoreFixture.CreateStore(reopened);
            foreach (var stream in streams)
                (await after.QuerySession().Events.FetchStreamAsync(stream)).Select(e => e.EventTypeName).ShouldBe(["Opened"]);
        }
        finally
        {
            await cluster.StopAsync(immediate: true);
            Directory.Delete(directory, recursive: true);
        }
    }
}
