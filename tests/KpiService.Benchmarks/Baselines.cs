using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace KpiService.Benchmarks;

/// <summary>What the hardware and PostgreSQL can do without the service, measured in the same run.</summary>
public static class Baselines
{
    /// <summary>A figures table as a hand-written service would keep it: one row per figure, upserted.</summary>
    public static async Task CreateTableAsync(NpgsqlDataSource db) =>
        await Execute(db, "DROP TABLE IF EXISTS bench_figures; CREATE TABLE bench_figures (la_number integer NOT NULL, measure text NOT NULL, period text NOT NULL, value double precision, numerator double precision, denominator double precision, revision integer NOT NULL DEFAULT 1, submitted_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (la_number, measure, period))");

    private const string Upsert = "INSERT INTO bench_figures (la_number, measure, period, value) VALUES ($1, $2, $3, $4) "
        + "ON CONFLICT (la_number, measure, period) DO UPDATE SET value = excluded.value, revision = bench_figures.revision + 1, submitted_at = now()";

    /// <summary>Prepared single-row upsert of a figure, one transaction each, from several connections.</summary>
    public static Task<Load.Result> SingleUpsertAsync(NpgsqlDataSource db, int workers, TimeSpan duration) =>
        Load.RunAsync(workers, duration, async (w, i) =>
        {
            await using var connection = await db.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(Upsert, connection);
            AddFigure(command.Parameters, w, i);
            await command.PrepareAsync();
            return await command.ExecuteNonQueryAsync() == 1;
        });

    /// <summary>A batch of <paramref name="size"/> upserts in one transaction and round trip.</summary>
    public static Task<Load.Result> BatchUpsertAsync(NpgsqlDataSource db, int workers, TimeSpan duration, int size) =>
        Load.RunAsync(workers, duration, async (w, i) =>
        {
            await using var connection = await db.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, transaction);
            for (var n = 0; n < size; n++)
            {
                var command = new NpgsqlBatchCommand(Upsert);
                AddFigure(command.Parameters, w, i * size + n);
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            return true;
        });

    private static void AddFigure(NpgsqlParameterCollection parameters, int worker, long n)
    {
        parameters.Add(new() { Value = 100 + worker });
        parameters.Add(new() { Value = $"measure-{n % 75}" });
        parameters.Add(new() { Value = $"m{n / 75}" });
        parameters.Add(new() { Value = (double)(n % 997) });
    }

    /// <summary>The raw reads a comparison needs (one measure and period across every authority, plus published figures).</summary>
    public static async Task<double[]> ComparisonReadsAsync(NpgsqlDataSource db, string measure, string period, int times)
    {
        var durations = new double[times];
        for (var i = 0; i < times; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await using var connection = await db.OpenConnectionAsync();
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new("SELECT la_number, value, numerator, denominator, period FROM kpi.figures WHERE measure = $1 AND period = $2 AND breakdown = '' AND NOT withdrawn") { Parameters = { new() { Value = measure }, new() { Value = period } } },
                    new("SELECT level, code, value, mark, period FROM kpi.benchmarks WHERE measure = $1 AND period = $2") { Parameters = { new() { Value = measure }, new() { Value = period } } },
                },
            };
            await using var reader = await batch.ExecuteReaderAsync();
            do { while (await reader.ReadAsync()) { _ = reader.GetValue(0); } } while (await reader.NextResultAsync());
            durations[i] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        return [.. durations.Order()];
    }

    /// <summary>
    /// Marten's own bulk path for the same figure events a back-load appends (one <c>FigureSubmitted</c> starting each
    /// figure's stream), into a store configured as the service configures it, in its own schema: the most a back-load
    /// through Marten could reach, since it skips inline projections and concurrency checks.
    /// </summary>
    public static async Task<double> MartenBulkInsertAsync(NpgsqlDataSource db, Dataset dataset, int figures)
    {
        var options = KpiService.Hosting.MartenSetup.Configure(new Marten.StoreOptions(),
            new KpiService.Hosting.KpiDatabase { DataSource = db, ConnectionString = db.ConnectionString }, new KpiService.ReadModels.Figures.FigureQueries(db));
        options.DatabaseSchemaName = "bulk";
        using var store = new Marten.DocumentStore(options);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var actions = new List<JasperFx.Events.StreamAction>(figures);
        foreach (var (la, _) in dataset.Authorities)
            foreach (var (measure, _, _) in dataset.Measures)
                for (var m = 0; m < Dataset.Months && actions.Count < figures; m++)
                {
                    var key = new Domain.Figures.FigureKey(la, measure, Domain.Periods.Period.Parse(Dataset.FirstMonth.AddMonths(m).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));
                    actions.Add(JasperFx.Events.StreamAction.Start(store.Events, key.StreamId,
                        [new Domain.Figures.FigureSubmitted(key, new Domain.Figures.FigureValue(100 + m, null, null), null)]));
                }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await store.BulkInsertEventsAsync(actions, 10_000);
        return actions.Count / clock.Elapsed.TotalSeconds;
    }

    public static async Task Execute(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A bare Kestrel endpoint returning fixed JSON bytes: the ceiling for a JSON GET on this machine.</summary>
    public static async Task<(WebApplication App, string Url)> BareKestrelAsync(byte[] json)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = Service.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/rating", () => Results.Bytes(json, "application/json"));
        await app.StartAsync();
        return (app, $"http://127.0.0.1:{port}/rating");
    }

}
