using System.Diagnostics;
using KpiService.Domain.Figures;
using KpiService.Domain.Periods;
using KpiService.Hosting;
using Marten;
using Npgsql;

namespace KpiService.Benchmarks;

/// <summary>
/// Marten's own paths, without the service: one figure's append, a 250-figure return, an all-or-nothing back-load
/// (sessions sharing one transaction) and reading every event back (what a rebuild must at least do). Each runs with
/// the service's event-store configuration and no read models, in its own schema, so the report can say which share
/// of a missed goal is Marten's API and which is the service's own work.
/// </summary>
public sealed class MartenCeilings : IDisposable
{
    private readonly DocumentStore _store;
    private long _streams;

    private MartenCeilings(DocumentStore store) => _store = store;

    public static async Task<MartenCeilings> CreateAsync(NpgsqlDataSource db)
    {
        var options = MartenSetup.ConfigureEventStore(new StoreOptions(), new KpiDatabase { DataSource = db, ConnectionString = db.ConnectionString });
        options.DatabaseSchemaName = "ceiling";
        var store = new DocumentStore(options);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new MartenCeilings(store);
    }

    /// <summary>A figure event of a stream nobody has written yet, shaped as the service's.</summary>
    private FigureSubmitted NextFigure()
    {
        var n = Interlocked.Increment(ref _streams);
        var key = new FigureKey((int)(n % 1000), $"ceiling-{n / 1000 % 100}", Period.Month(2000 + (int)(n / 100_000 % 150), (int)(n / 15_000_000 % 12) + 1));
        return new FigureSubmitted(key, new FigureValue(n % 997, null, null), null);
    }

    private void Append(IDocumentSession session, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var figure = NextFigure();
            session.Events.Append(figure.Key.StreamId, 1, figure);
        }
    }

    /// <summary>One event per session and commit, with its expected version, from several writers: a PUT's store cost.</summary>
    public Task<Load.Result> SingleAppendsAsync(int workers, TimeSpan duration) =>
        Load.RunAsync(workers, duration, async (_, _) =>
        {
            await using var session = _store.LightweightSession();
            Append(session, 1);
            await session.SaveChangesAsync();
            return true;
        });

    /// <summary><paramref name="size"/> streams' events in one session and commit: a return's store cost.</summary>
    public Task<Load.Result> ReturnAppendsAsync(int workers, TimeSpan duration, int size) =>
        Load.RunAsync(workers, duration, async (_, _) =>
        {
            await using var session = _store.LightweightSession();
            Append(session, size);
            await session.SaveChangesAsync();
            return true;
        });

    /// <summary>The only all-or-nothing path for a large return: sessions of <paramref name="chunk"/> sharing one transaction.</summary>
    public async Task<double> ChunkedTransactionAsync(NpgsqlDataSource db, int figures, int chunk)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var done = 0; done < figures; done += chunk)
        {
            await using var part = _store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
            Append(part, Math.Min(chunk, figures - done));
            await part.SaveChangesAsync();
        }
        await transaction.CommitAsync();
        return figures / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Every event of the service's own store read back through Marten a page at a time, deserialized, nothing written.</summary>
    public static async Task<(long Events, double PerSecond)> ReadAllAsync(NpgsqlDataSource db, int pageSize)
    {
        var options = MartenSetup.ConfigureEventStore(new StoreOptions(), new KpiDatabase { DataSource = db, ConnectionString = db.ConnectionString });
        options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None; // the service owns that schema
        using var store = new DocumentStore(options);
        var clock = Stopwatch.StartNew();
        long after = 0, count = 0;
        while (true)
        {
            await using var query = store.QuerySession();
            var page = await query.Events.QueryAllRawEvents().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(pageSize).ToListAsync();
            if (page.Count == 0) break;
            count += page.Count;
            after = page[^1].Sequence;
        }
        return (count, count / clock.Elapsed.TotalSeconds);
    }

    public void Dispose() => _store.Dispose();
}
