using Npgsql;

namespace KpiService.Infrastructure;

/// <summary>
/// The read models every query reads from, kept up to date by the inline projection in the same transaction as the
/// events. They can always be rebuilt from the events (see Projections/ProjectionRebuild.cs).
/// </summary>
public static class ReadModelSchema
{
    public static Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        EventStore.Schema.MigrateAsync(dataSource, Sql + KpiService.Projections.ClientActivityProjection.Schema, cancellationToken);


    private const string Sql = """
        CREATE TABLE IF NOT EXISTS kpi.figures (
            la_number           int NOT NULL,
            measure             text NOT NULL,
            breakdown           text NOT NULL DEFAULT '',
            period              text NOT NULL,
            period_start        date NOT NULL,
            period_end          date NOT NULL,
            value               double precision,
            numerator           double precision,
            denominator         double precision,
            note                text,
            revision            int NOT NULL,
            first_value         double precision,
            first_reported_at   timestamptz NOT NULL,
            submitted_at        timestamptz NOT NULL,
            withdrawn           boolean NOT NULL DEFAULT false,
            late_restatement    boolean NOT NULL DEFAULT false,
            version             bigint NOT NULL,
            PRIMARY KEY (la_number, measure, breakdown, period)
        );
        -- Peer comparisons and league tables read one measure and period across every authority.
        CREATE INDEX IF NOT EXISTS figures_by_measure_period ON kpi.figures (measure, period, breakdown) INCLUDE (la_number, value, numerator, denominator);

        CREATE TABLE IF NOT EXISTS kpi.authorities (
            la_number int PRIMARY KEY, gss_code text UNIQUE, name text NOT NULL,
            region_code text NOT NULL, region_name text NOT NULL, type text NOT NULL, active boolean NOT NULL
        );
        CREATE TABLE IF NOT EXISTS kpi.neighbours (
            model int NOT NULL, la_number int NOT NULL, rank int NOT NULL, neighbour int NOT NULL, closeness text NOT NULL,
            PRIMARY KEY (model, la_number, rank)
        );
        CREATE TABLE IF NOT EXISTS kpi.populations (
            la_number int NOT NULL, year int NOT NULL, aged_0_to_17 double precision NOT NULL, source text NOT NULL,
            PRIMARY KEY (la_number, year)
        );
        CREATE TABLE IF NOT EXISTS kpi.measures (id text PRIMARY KEY, body jsonb NOT NULL, version bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS kpi.targets (
            la_number int NOT NULL, measure text NOT NULL, breakdown text NOT NULL DEFAULT '', from_period text NOT NULL,
            from_start date NOT NULL, body jsonb NOT NULL, set_at timestamptz NOT NULL,
            PRIMARY KEY (la_number, measure, breakdown, from_period)
        );
        CREATE TABLE IF NOT EXISTS kpi.comparator_groups (id text PRIMARY KEY, name text NOT NULL, members int[] NOT NULL, version bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS kpi.clients (
            id text PRIMARY KEY, name text NOT NULL, salt bytea NOT NULL, key_hash bytea NOT NULL,
            scopes jsonb NOT NULL, created_at timestamptz NOT NULL
        );
        CREATE TABLE IF NOT EXISTS kpi.dimensions (
            la_number int NOT NULL, dimension text NOT NULL, allowed text[] NOT NULL, version bigint NOT NULL,
            PRIMARY KEY (la_number, dimension)
        );
        -- Published figures (LAIT and other imports): authority, region or England level. A suppressed cell keeps
        -- its mark ('c', 'x', '-') with no value.
        CREATE TABLE IF NOT EXISTS kpi.benchmarks (
            measure text NOT NULL, period text NOT NULL, period_end date NOT NULL, level text NOT NULL, code text NOT NULL,
            value double precision, mark text, source text NOT NULL,
            PRIMARY KEY (measure, period, level, code)
        );
        -- A return's Idempotency-Key: the first answer, stored in the same transaction as the return's events.
        CREATE TABLE IF NOT EXISTS kpi.idempotency (
            client_id text NOT NULL, key text NOT NULL, request_hash text NOT NULL, response jsonb NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (client_id, key)
        );
        """;
}
