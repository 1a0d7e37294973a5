using Npgsql;

namespace KpiService.EventStore.Tests;

public sealed class ProjectionRunnerTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private sealed class CountingProjection : IAsyncProjection
    {
        public string Name => "counting";
        public int Batches;

        public async Task ApplyAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Batches);
            await using var command = new NpgsqlCommand(
                "INSERT INTO counted (n) VALUES ($1) ON CONFLICT (id) DO UPDATE SET n = counted.n + excluded.n", connection, transaction);
            command.Parameters.Add(new() { Value = events.Count });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    [Fact]
    public async Task TwoRunners_OnlyOneLeadsAndEveryEventIsProjectedOnce_CheckpointingPerBatch()
    {
        await using (var create = fixture.DataSource.CreateCommand("CREATE TABLE counted (id int PRIMARY KEY DEFAULT 1, n bigint NOT NULL)"))
            await create.ExecuteNonQueryAsync();
        var writes = Enumerable.Range(0, 120).Select(i => new StreamWrite($"p-{i}", 0, [StoreFixture.Event("E", i)])).ToList();
        await fixture.Store.AppendAsync(writes, EventMetadata.None);

        var (one, two) = (new CountingProjection(), new CountingProjection());
        var first = new ProjectionRunner(fixture.Store, [one], batchSize: 50);
        var second = new ProjectionRunner(fixture.Store, [two], batchSize: 50);
        using var firstStop = new CancellationTokenSource();
        using var secondStop = new CancellationTokenSource();
        var firstRun = first.RunAsync(TimeSpan.FromMilliseconds(50), firstStop.Token);
        await WaitUntil(() => first.IsLeader);
        var secondRun = second.RunAsync(TimeSpan.FromMilliseconds(50), secondStop.Token);
        await WaitUntil(async () => await CountedAsync() == 120);
        await Task.Delay(200);

        first.IsLeader.ShouldBeTrue();
        second.IsLeader.ShouldBeFalse();
        one.Batches.ShouldBe(3); // 50 + 50 + 20: a checkpoint per batch, not per event
        two.Batches.ShouldBe(0);

        // The leader stops: the other takes over from the checkpoint and projects only what is new.
        firstStop.Cancel();
        await firstRun;
        await fixture.Store.AppendAsync([new("p-late", 0, [StoreFixture.Event("E")])], EventMetadata.None);
        await WaitUntil(() => second.IsLeader);
        await WaitUntil(async () => await CountedAsync() == 121);
        secondStop.Cancel();
        await secondRun;
        (await CountedAsync()).ShouldBe(121);
    }

    [Fact]
    public void LockKey_IsTheSameInEveryProcess() =>
        // A constant, not string.GetHashCode (randomised per process): replicas must contend for one lock.
        ProjectionRunner.LockKey("kpi").ShouldBe(82808199706885);

    private async Task<long> CountedAsync()
    {
        await using var command = fixture.DataSource.CreateCommand("SELECT coalesce(sum(n), 0)::bigint FROM counted");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Task WaitUntil(Func<bool> condition) => WaitUntil(() => Task.FromResult(condition()));

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 15 s");
            await Task.Delay(20);
        }
    }
}
