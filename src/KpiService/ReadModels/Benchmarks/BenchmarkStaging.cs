using KpiService.Domain.Benchmarks;
using Npgsql;
using NpgsqlTypes;
using Stored = KpiService.Domain.Reference.PublishedFigure;

namespace KpiService.ReadModels.Benchmarks;

/// <summary>
/// Where an import's figures wait, inside its transaction, until the whole file has been read: a temporary table
/// filled by COPY as the file streams past, so memory holds one row at a time however long the file (LAIT's download
/// is 237,000 rows), and read back one measure at a time to become that measure's event. It is dropped when the
/// transaction ends, committed or not.
/// </summary>
public sealed class BenchmarkStaging : IAsyncDisposable
{
    private const string Table = "benchmark_import";

    private readonly NpgsqlConnection _connection;
    private NpgsqlBinaryImporter? _copy;

    private BenchmarkStaging(NpgsqlConnection connection) => _connection = connection;

    /// <summary>The staging table on the transaction's connection, with COPY open to it.</summary>
    public static async Task<BenchmarkStaging> OpenAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand($"""
            CREATE TEMPORARY TABLE {Table} (row integer NOT NULL, measure text NOT NULL, period text NOT NULL, label text NOT NULL,
                period_start date NOT NULL, period_end date NOT NULL, revised boolean NOT NULL, level text NOT NULL, code text NOT NULL,
                value double precision, mark text) ON COMMIT DROP
            """, connection))
            await create.ExecuteNonQueryAsync(cancellationToken);
        var staging = new BenchmarkStaging(connection);
        staging._copy = await connection.BeginBinaryImportAsync(
            $"COPY {Table} (row, measure, period, label, period_start, period_end, revised, level, code, value, mark) FROM STDIN (FORMAT BINARY)", cancellationToken);
        return staging;
    }

    /// <summary>One figure onto the COPY stream (synchronously: the file is being read synchronously too).</summary>
    public void Write(PublishedFigure figure)
    {
        var copy = _copy ?? throw new InvalidOperationException("The staging COPY is finished.");
        copy.StartRow();
        copy.Write(figure.Row, NpgsqlDbType.Integer);
        copy.Write(figure.MeasureId, NpgsqlDbType.Text);
        copy.Write(figure.Period.ComparablePeriod.ToString(), NpgsqlDbType.Text);
        copy.Write(figure.Period.Label, NpgsqlDbType.Text);
        copy.Write(figure.Period.Start, NpgsqlDbType.Date);
        copy.Write(figure.Period.End, NpgsqlDbType.Date);
        copy.Write(figure.Period.Revised, NpgsqlDbType.Boolean);
        copy.Write(Level(figure.Area.Level), NpgsqlDbType.Text);
        copy.Write(figure.Area.Code, NpgsqlDbType.Text);
        if (figure.Value is { } value) copy.Write(value, NpgsqlDbType.Double); else copy.WriteNull();
        if (figure.Mark is { } mark) copy.Write(mark, NpgsqlDbType.Text); else copy.WriteNull();
    }

    /// <summary>Ends the COPY and indexes the table by measure, for <see cref="ReadAsync"/>.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var copy = _copy ?? throw new InvalidOperationException("The staging COPY is finished.");
        await copy.CompleteAsync(cancellationToken);
        await copy.DisposeAsync();
        _copy = null;
        await using var index = new NpgsqlCommand($"CREATE INDEX ON {Table} (measure, row)", _connection);
        await index.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One measure's figures, in file order, as its event will carry them.</summary>
    public async Task<List<Stored>> ReadAsync(string measure, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT period, period_start, period_end, level, code, value, mark, label, revised FROM {Table} WHERE measure = $1 ORDER BY row", _connection)
        {
            Parameters = { new() { Value = measure } },
        };
        var figures = new List<Stored>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            figures.Add(new Stored(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), reader.GetBoolean(8)));
        return figures;
    }

    /// <summary>How figures name their level in events and the read model.</summary>
    public static string Level(AreaLevel level) => level switch
    {
        AreaLevel.England => "england",
        AreaLevel.Region => "region",
        _ => "authority",
    };

    /// <summary>An unfinished COPY is cancelled (the transaction is rolled back by its owner).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_copy is not null) await _copy.DisposeAsync();
        _copy = null;
    }
}
