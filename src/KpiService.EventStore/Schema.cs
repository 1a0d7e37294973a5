using Npgsql;

namespace KpiService.EventStore;

/// <summary>
/// Creates or upgrades the event store's tables at start-up. Idempotent, and safe when several replicas start at
/// once: the whole upgrade runs under a transaction-scoped advisory lock.
/// </summary>
public static class Schema
{
    private const long MigrationLock = 0x4B50_4953_0001; // "KPIS" 1

    public static Task EnsureAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken = default) =>
        MigrateAsync(dataSource, Sql(schema), cancellationToken);

    /// <summary>Runs idempotent DDL in one transaction, serialised across replicas by an advisory lock.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLock})", connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Sql(string s) => $$"""
        CREATE SCHEMA IF NOT EXISTS {{s}};

        CREATE TABLE IF NOT EXISTS {{s}}.streams (
            id       text PRIMARY KEY,
            version  bigint NOT NULL
        );

        -- seq orders events within a transaction; tx_id orders transactions safely for readers of the whole log
        -- (see ReadAllAsync): a sequence alone has gaps and commits out of order.
        CREATE TABLE IF NOT EXISTS {{s}}.events (
            seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            tx_id           xid8 NOT NULL DEFAULT pg_current_xact_id(),
            stream_id       text NOT NULL,
            version         bigint NOT NULL,
            type            text NOT NULL,
            data            jsonb NOT NULL,
            recorded_at     timestamptz NOT NULL DEFAULT now(),
            client_id       text,
            correlation_id  text,
            CONSTRAINT events_stream_version UNIQUE (stream_id, version)
        );
        CREATE INDEX IF NOT EXISTS events_log_order ON {{s}}.events (tx_id, seq);

        CREATE TABLE IF NOT EXISTS {{s}}.checkpoints (
            name        text PRIMARY KEY,
            tx_id       xid8 NOT NULL,
            seq         bigint NOT NULL,
            updated_at  timestamptz NOT NULL DEFAULT now()
        );

        -- One statement appends to any number of streams: the expected version of each is checked against the
        -- streams table (row lock, so concurrent writers serialise per stream, not globally) and a clash raises
        -- KS409, rolling back the whole append.
        CREATE OR REPLACE FUNCTION {{s}}.append_events(
            p_streams text[], p_expected bigint[], p_counts int[],
            p_event_streams text[], p_event_versions bigint[], p_types text[], p_data jsonb[],
            p_client text, p_correlation text)
        RETURNS bigint LANGUAGE plpgsql AS $fn$
        DECLARE
            i int;
            touched int;
            last_seq bigint;
        BEGIN
            FOR i IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
                IF p_expected[i] = 0 THEN
                    INSERT INTO {{s}}.streams (id, version) VALUES (p_streams[i], p_counts[i]) ON CONFLICT (id) DO NOTHING;
                ELSE
                    UPDATE {{s}}.streams SET version = version + p_counts[i] WHERE id = p_streams[i] AND version = p_expected[i];
                END IF;
                GET DIAGNOSTICS touched = ROW_COUNT;
                IF touched = 0 THEN
                    -- The message carries the stream's index: Npgsql redacts DETAIL unless told otherwise.
                    RAISE EXCEPTION USING ERRCODE = 'KS409', MESSAGE = i::text;
                END IF;
            END LOOP;
            INSERT INTO {{s}}.events (stream_id, version, type, data, client_id, correlation_id)
            SELECT e.stream_id, e.version, e.type, e.data, p_client, p_correlation
            FROM unnest(p_event_streams, p_event_versions, p_types, p_data) AS e(stream_id, version, type, data);
            SELECT currval(pg_get_serial_sequence('{{s}}.events', 'seq')) INTO last_seq;
            RETURN last_seq;
        END
        $fn$;
        """;
}
