using KpiService.ReadModels.EventLog;
using System.Diagnostics;
using JasperFx.Events;
using KpiService.ReadModels.Benchmarks;
using KpiService.ReadModels.Catalogue;
using KpiService.ReadModels.Figures;
using KpiService.ReadModels.Reference;
using Marten;
using Marten.Events.Projections;

using Npgsql;
using Weasel.Postgresql.Tables;

namespace KpiService.ReadModels.Rebuild;

/// <summary>
/// Rebuilds the inline read models (figures, reference, benchmarks, catalogues, schedules, commentary) from Marten's events beside the live tables and
/// swaps them in, so readers never see a half-built model. The same projection classes write the copies. Events are
/// read through Marten a page at a time up to a point that is final (every writer that took a number below it has
/// finished); then, holding the live tables locked, the copies catch up with what committed meanwhile and take the
/// live names in one transaction. Writers that were mid-append wait on the lock and then write the new tables.
/// </summary>
public sealed class ReadModelRebuild(IDocumentStore store, NpgsqlDataSource dataSource, FigureQueries figures, ILogger<ReadModelRebuild> logger)
{
    public const int PageSize = 10_000;
    private const string Suffix = "__rebuild";
    private const long RebuildLock = 0x4B50_4953_0002; // "KPIS" 2: one rebuild at a time across replicas

    public sealed record Result(long Events, double Seconds, IReadOnlyList<string> Tables)
    {
        public double EventsPerSecond => Events / Math.Max(Seconds, 1e-9);
    }

    public async Task<Result> RebuildAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var guard = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await TryLockAsync(guard, cancellationToken))
            throw new InvalidOperationException("A rebuild is already running on another replica.");

        var live = LiveTables();
        await ExecuteAsync(string.Join(";\n", live.Select(t => $"DROP TABLE IF EXISTS {Shadow(t.Identifier.QualifiedName)}").Concat(
            Tables(Shadow).Select(Ddl))), cancellationToken);
        var projections = Projections(Shadow);

        var head = await FinalHeadAsync(cancellationToken);
        var (events, last) = await ReplayAsync(projections, after: 0, upTo: head, PageSize, session: null, cancellationToken);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockTables = new NpgsqlCommand($"LOCK TABLE {string.Join(", ", live.Select(t => t.Identifier.QualifiedName))} IN EXCLUSIVE MODE", connection, transaction))
            await lockTables.ExecuteNonQueryAsync(cancellationToken);
        // The catch-up is one page: a stream changed twice meanwhile must fold in memory, not on a row this
        // transaction wrote but another connection cannot see yet.
        await using (var catchUp = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false)))
            events += (await ReplayAsync(projections, after: last, upTo: long.MaxValue, int.MaxValue, catchUp, cancellationToken)).Events;
        await using (var swap = new NpgsqlCommand(string.Join(";\n", live.SelectMany(SwapStatements)), connection, transaction))
            await swap.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var result = new Result(events, clock.Elapsed.TotalSeconds, [.. live.Select(t => t.Identifier.QualifiedName)]);
        // A rebuild reads every event once; give back the memory that churned through (as the first-start load does),
        // so the replica that ran it idles like the others.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogInformation("Rebuilt {Tables} from {Events} events in {Seconds:F1} s ({Rate:F0} events/s)",
            string.Join(", ", result.Tables), events, result.Seconds, result.EventsPerSecond);
        return result;
    }

    /// <summary>The tables this rebuild owns, as defined for their live names or for another name.</summary>
    private static List<Table> Tables(Func<string, string>? rename = null) =>
    [
        FiguresTable.Definition(Rename(FiguresTable.Name, rename)),
        .. ReferenceTables.Definitions(rename),
        BenchmarksTable.Definition(Rename(BenchmarksTable.Name, rename)),
        StreamStates.Definition(Rename(StreamStates.Name, rename)),
    ];

    private static List<Table> LiveTables() => Tables();

    private IProjection[] Projections(Func<string, string> rename) =>
    [
        new FiguresProjection(figures, rename(FiguresTable.Name)),
        new ReferenceProjection(rename),
        new BenchmarksProjection(rename(BenchmarksTable.Name)),
        new StreamStatesProjection(dataSource, rename(StreamStates.Name)),
    ];

    /// <summary>
    /// Replays events in log order through the projections, a page (one unit of work) at a time. The next page is read
    /// while this one is folded and written, so PostgreSQL and the service work at once: the replay alternated between
    /// them before, each idle half the time.
    /// </summary>
    private async Task<(long Events, long Last)> ReplayAsync(IProjection[] projections, long after, long upTo, int pageSize, IDocumentSession? session, CancellationToken cancellationToken)
    {
        long count = 0;
        var next = ReadPageAsync(after, upTo, pageSize, cancellationToken);
        try
        {
            while (true)
            {
                var page = await next;
                if (page.Count == 0) return (count, after);
                after = page[^1].Sequence;
                var more = page.Count == pageSize;
                next = more ? ReadPageAsync(after, upTo, pageSize, cancellationToken) : Task.FromResult<IReadOnlyList<IEvent>>([]);
                var writer = session ?? store.LightweightSession();
                try
                {
                    foreach (var projection in projections) await projection.ApplyAsync(writer, page, cancellationToken);
                    await writer.SaveChangesAsync(cancellationToken);
                }
                finally
                {
                    if (session is null) await writer.DisposeAsync();
                }
                count += page.Count;
                if (!more) return (count, after);
            }
        }
        finally
        {
            // Leaving early (a failed write) must not leave the read-ahead running unobserved; its outcome no longer matters.
            try { await next; } catch (Exception) { }
        }
    }

    private async Task<IReadOnlyList<IEvent>> ReadPageAsync(long after, long upTo, int pageSize, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        return await query.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > after && e.Sequence <= upTo)
            .OrderBy(e => e.Sequence).Take(pageSize).ToListAsync(cancellationToken);
    }

    /// <summary>The highest event number handed out, once every writer that held the sequence then has finished.</summary>
    private async Task<long> FinalHeadAsync(CancellationToken cancellationToken)
    {
        var tail = new EventLog.EventLogTail(dataSource, StoreSchema.Name);
        await tail.StartAtHeadAsync(cancellationToken);
        return tail.Floor;
    }

    private static IEnumerable<string> SwapStatements(Table table)
    {
        var name = table.Identifier.QualifiedName;
        var bare = table.Identifier.Name;
        yield return $"DROP TABLE {name}";
        yield return $"ALTER TABLE {Shadow(name)} RENAME TO {bare}";
        yield return $"ALTER TABLE {name} RENAME CONSTRAINT {bare}{Suffix}_pkey TO {bare}_pkey";
        foreach (var index in table.Indexes)
            yield return $"ALTER INDEX {table.Identifier.Schema}.{index.Name.Replace(bare, bare + Suffix)} RENAME TO {index.Name}";
    }

    private static string Shadow(string table) => table + Suffix;

    private static string Rename(string table, Func<string, string>? rename) => rename?.Invoke(table) ?? table;

    private static string Ddl(Table table)
    {
        var writer = new StringWriter();
        table.WriteCreateStatement(new Weasel.Postgresql.PostgresqlMigrator(), writer);
        return writer.ToString().TrimEnd().TrimEnd(';');
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({RebuildLock})", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
