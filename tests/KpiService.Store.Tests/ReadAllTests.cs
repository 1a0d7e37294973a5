using KpiService.ReadModels.EventLog;
using KpiService.Hosting;
using Npgsql;

namespace KpiService.Store.Tests;

/// <summary>The log tail every replica follows: no committed event skipped or passed on twice, whatever commits late.</summary>
public sealed class ReadAllTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task TailUnderConcurrentWritersLateCommitsAndRollbacks_PassesOnEveryCommittedEventOnce()
    {
        var tail = new EventLogTail(fixture.DataSource, "kpi", pageSize: 50);
        await tail.StartAtHeadAsync(CancellationToken.None);
        var committed = new System.Collections.Concurrent.ConcurrentBag<string>();
        var seen = new List<TailedEvent>();
        using var stop = new CancellationTokenSource();
        var giveUpAt = DateTime.MaxValue;

        var reader = Task.Run(async () =>
        {
            while (true)
            {
                var batch = await tail.ReadAsync(CancellationToken.None);
                seen.AddRange(batch);
                if (batch.Count == 0 && stop.IsCancellationRequested && (seen.Count >= committed.Count || DateTime.UtcNow > giveUpAt)) break;
                if (batch.Count == 0) await Task.Delay(2);
            }
        });
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var stream = $"w{w}-{i}-{Guid.NewGuid():N}";
                if (i % 3 == 0) await RolledBackNumberAsync(fixture.DataSource);
                if (i % 4 == 1) await LateCommitAsync(stream);
                else
                {
                    await using var session = fixture.Session();
                    session.Events.Append(stream, 1, new Opened(i));
                    await session.SaveChangesAsync();
                }
                committed.Add(stream);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        giveUpAt = DateTime.UtcNow.AddSeconds(10);
        stop.Cancel();
        await reader;

        seen.GroupBy(e => e.Sequence).Where(g => g.Count() > 1).ShouldBeEmpty();
        seen.Select(e => e.Stream).Order().ShouldBe(committed.Order());
    }

    [Fact]
    public async Task StartAtHead_WaitsForWritersInFlightSoNothingBelowTheHeadIsNew()
    {
        // A writer takes a number and commits only after the tail has started: its event is above the floor or seen.
        var stream = $"slow-{Guid.NewGuid():N}";
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var session = fixture.Store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false)))
        {
            session.Events.Append(stream, 1, new Opened(1));
            await session.SaveChangesAsync();
        }
        var tail = new EventLogTail(fixture.DataSource, "kpi");
        var starting = tail.StartAtHeadAsync(CancellationToken.None);
        await Task.Delay(100);
        starting.IsCompleted.ShouldBeFalse(); // it waits for the writer in flight
        await transaction.CommitAsync();
        await starting;
        (await tail.ReadAsync(CancellationToken.None)).ShouldNotContain(e => e.Stream == stream); // it was final before the head
    }

    // Appends in a transaction that stays open a while after taking its number: later numbers commit first.
    private async Task LateCommitAsync(string stream)
    {
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var session = fixture.Store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false)))
        {
            session.Events.Append(stream, 1, new Opened(0));
            await session.SaveChangesAsync();
        }
        await Task.Delay(15);
        await transaction.CommitAsync();
    }

    // Takes a number inside a transaction held open a moment and rolled back: a gap that never fills.
    private static async Task RolledBackNumberAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var next = new NpgsqlCommand("SELECT nextval('kpi.mt_events_sequence')", connection, transaction);
        await next.ExecuteScalarAsync();
        await Task.Delay(5);
        await transaction.RollbackAsync();
    }
}
