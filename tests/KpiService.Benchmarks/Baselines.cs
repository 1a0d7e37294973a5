using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace KpiService.Benchmarks;

/// <summary>What the hardware and PostgreSQL can do without the service, measured in the same run.</summary>
public static class Baselines
{
    private const string EventJson = """{"key":{"laNumber":916,"measureId":"re-referrals","period":"2021-09","breakdown":null},"figure":{"value":21.4,"numerator":207,"denominator":967},"note":null}""";

    public static async Task CreateTableAsync(NpgsqlDataSource db) =>
        await Execute(db, "DROP TABLE IF EXISTS bench_events; CREATE TABLE bench_events (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, version bigint NOT NULL, type text NOT NULL, data jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, version))");

    /// <summary>Prepared single-row INSERT of an event-like row, one transaction each, from several connections.</summary>
    public static Task<Load.Result> SingleInsertAsync(NpgsqlDataSource db, int workers, TimeSpan duration) =>
        Load.RunAsync(workers, duration, async (w, i) =>
        {
            await using var connection = await db.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("INSERT INTO bench_events (stream_id, version, type, data) VALUES ($1, 1, 'FigureSubmitted', $2::jsonb)", connection);
            command.Parameters.Add(new() { Value = $"single:{w}:{i}" });
            command.Parameters.Add(new() { Value = EventJson });
            await command.PrepareAsync();
            return await command.ExecuteNonQueryAsync() == 1;
        });

    /// <summary>A batch of <paramref name="size"/> inserts in one transaction and round trip.</summary>
    public static Task<Load.Result> BatchInsertAsync(NpgsqlDataSource db, int workers, TimeSpan duration, int size) =>
        Load.RunAsync(workers, duration, async (w, i) =>
        {
            await using var connection = await db.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, transaction);
            for (var n = 0; n < size; n++)
            {
                var command = new NpgsqlBatchCommand("INSERT INTO bench_events (stream_id, version, type, data) VALUES ($1, 1, 'FigureSubmitted', $2::jsonb)");
                command.Parameters.Add(new() { Value = $"batch:{w}:{i}:{n}" });
                command.Parameters.Add(new() { Value = EventJson });
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            return true;
        });

    /// <summary>Binary COPY of <paramref name="rows"/> event-like rows; rows per second.</summary>
    public static async Task<double> CopyAsync(NpgsqlDataSource db, int rows)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = await db.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync("COPY bench_events (stream_id, version, type, data) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < rows; i++)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync($"copy:{i}", NpgsqlDbType.Text);
            await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
            await copy.WriteAsync("FigureSubmitted", NpgsqlDbType.Text);
            await copy.WriteAsync(EventJson, NpgsqlDbType.Jsonb);
        }
        await copy.CompleteAsync();
        return rows / clock.Elapsed.TotalSeconds;
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

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
