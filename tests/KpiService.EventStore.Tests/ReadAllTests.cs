using Npgsql;

namespace KpiService.EventStore.Tests;

public sealed class ReadAllTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task ReadAllUnderConcurrentWritersAndRollbacks_SkipsNoCommittedEvent()
    {
        var store = fixture.Store;
        var start = await LatestAsync(store);
        var committed = new System.Collections.Concurrent.ConcurrentBag<string>();
        var seen = new List<RecordedEvent>();
        using var stop = new CancellationTokenSource();
        var giveUpAt = DateTime.MaxValue;

        // A reader follows the log while writers commit, and other transactions take sequence numbers and roll back.
        var reader = Task.Run(async () =>
        {
            var position = start;
            while (true)
            {
                var batch = await store.ReadAllAsync(position, 50);
                seen.AddRange(batch);
                if (batch.Count > 0) position = batch[^1].Position;
                // Visibility waits for every older transaction in the cluster (other test classes' too), so an
                // empty batch only ends the read once the writers are done and everything written has been seen.
                else if (stop.IsCancellationRequested && (seen.Count >= committed.Count || DateTime.UtcNow > giveUpAt)) break;
                else await Task.Delay(2);
            }
        });
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var stream = $"w{w}-{i}-{Guid.NewGuid():N}";
                if (i % 3 == 0) await RolledBackInsertAsync(fixture.DataSource, stream);
                await store.AppendAsync([new(stream, 0, [StoreFixture.Event("Written", i)])], EventMetadata.None);
                committed.Add(stream);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        giveUpAt = DateTime.UtcNow.AddSeconds(10);
        stop.Cancel();
        await reader;

        var duplicates = seen.GroupBy(e => e.StreamId).Where(g => g.Count() > 1).SelectMany(g => g).Select(e => $"{e.StreamId} {e.Position} {e.Sequence}").ToList();
        duplicates.ShouldBeEmpty();
        seen.Select(e => e.StreamId).Order().ShouldBe(committed.Order());
        seen.Select(e => e.Position).ShouldBe(seen.Select(e => e.Position).OrderBy(p => p.TransactionId).ThenBy(p => p.Sequence));
    }

    // Takes a sequence number inside a transaction that is held open for a moment and then rolled back: a gap.
    private static async Task RolledBackInsertAsync(NpgsqlDataSource dataSource, string stream)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO kpi.events (stream_id, version, type, data) VALUES ($1, 1, 'Doomed', '{}')", connection, transaction);
        insert.Parameters.Add(new() { Value = "doomed-" + stream });
        await insert.ExecuteNonQueryAsync();
        await Task.Delay(5);
        await transaction.RollbackAsync();
    }

    private static async Task<LogPosition> LatestAsync(PostgresEventStore store)
    {
        var position = LogPosition.Start;
        while (true)
        {
            var batch = await store.ReadAllAsync(position, 1000);
            if (batch.Count == 0) return position;
            position = batch[^1].Position;
        }
    }
}
