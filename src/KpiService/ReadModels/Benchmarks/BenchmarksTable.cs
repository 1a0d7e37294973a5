using KpiService.ReadModels.Reference;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace KpiService.ReadModels.Benchmarks;

/// <summary>
/// <c>kpi.benchmarks</c>: published figures (LAIT, EES and other imports) at authority, region or England level, as
/// the latest <c>BenchmarksPublished</c> event of each source and measure left them. A suppressed cell keeps its mark.
/// <c>period</c> is the service period a figure is compared with, <c>label</c> the publisher's name for its period;
/// a revision (<c>2022/23 (Rev)</c>) is its own row beside the first publication, and two sources may publish the
/// same cell, so both are in the key. Readers take one row per cell: a revision first, then the latest published.
/// </summary>
public static class BenchmarksTable
{
    public const string Name = "kpi.benchmarks";

    public static Table Definition(string name = Name) => ReferenceTables.Define(name, t =>
    {
        t.AddColumn("measure", "text").AsPrimaryKey();
        t.AddColumn("period", "text").AsPrimaryKey();
        t.AddColumn("level", "text").AsPrimaryKey();
        t.AddColumn("code", "text").AsPrimaryKey();
        t.AddColumn("source", "text").AsPrimaryKey();
        t.AddColumn("label", "text").AsPrimaryKey();
        t.AddColumn("period_start", "date").NotNull();
        t.AddColumn("period_end", "date").NotNull();
        t.AddColumn("revised", "boolean").NotNull();
        t.AddColumn("value", "double precision");
        t.AddColumn("mark", "text");
        t.AddColumn("published_at", "timestamp with time zone");
        // "The latest published figure before this period's end" reads by measure and end date.
        t.Indexes.Add(new IndexDefinition($"{name[(name.IndexOf('.') + 1)..]}_by_measure_end") { Columns = ["measure", "period_end"] });
    });

    /// <summary>
    /// Brings a table from before labels, revisions and sources were kept up to <see cref="Definition"/>, in place and
    /// before the schema is applied (the schema tool would not change a primary key): each old row's label is its
    /// period. Does nothing to a current table or a new database.
    /// </summary>
    public static async Task UpgradeAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            DO $$
            BEGIN
              IF to_regclass('kpi.benchmarks') IS NOT NULL AND NOT EXISTS (
                  SELECT 1 FROM information_schema.columns WHERE table_schema = 'kpi' AND table_name = 'benchmarks' AND column_name = 'label') THEN
                ALTER TABLE kpi.benchmarks ADD COLUMN label text, ADD COLUMN revised boolean NOT NULL DEFAULT false, ADD COLUMN published_at timestamp with time zone;
                UPDATE kpi.benchmarks SET label = period;
                ALTER TABLE kpi.benchmarks ALTER COLUMN label SET NOT NULL, ALTER COLUMN revised DROP DEFAULT;
                ALTER TABLE kpi.benchmarks DROP CONSTRAINT benchmarks_pkey;
                ALTER TABLE kpi.benchmarks ADD CONSTRAINT benchmarks_pkey PRIMARY KEY (measure, period, level, code, source, label);
              END IF;
            END $$
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One row per cell of a comparison: a revision before the first publication, one year before a span, the latest published first.</summary>
    public const string OnePerCell = "revised DESC, period_end - period_start, published_at DESC NULLS LAST, source";
}
