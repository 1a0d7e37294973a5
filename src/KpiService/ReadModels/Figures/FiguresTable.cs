using KpiService.ReadModels.Reference;
using Weasel.Postgresql.Tables;

namespace KpiService.ReadModels.Figures;

/// <summary>
/// <c>kpi.figures</c>: one row per figure as it stands now (withdrawn ones kept, flagged), written only by
/// <see cref="FiguresProjection"/>. Marten creates and migrates it with its own schema objects.
/// </summary>
public static class FiguresTable
{
    public const string Name = "kpi.figures";

    public const string Columns = """
        la_number, measure, breakdown, period, value, numerator, denominator, note, revision, first_value,
        first_reported_at, submitted_at, withdrawn, late_restatement, version
        """;

    public static Table Definition(string name = Name)
    {
        var table = ReferenceTables.Define(name, t => { });
        table.AddColumn<int>("la_number").AsPrimaryKey();
        table.AddColumn("measure", "text").AsPrimaryKey();
        table.AddColumn("breakdown", "text").AsPrimaryKey();
        table.AddColumn("period", "text").AsPrimaryKey();
        table.AddColumn("period_start", "date").NotNull();
        table.AddColumn("period_end", "date").NotNull();
        table.AddColumn("value", "double precision");
        table.AddColumn("numerator", "double precision");
        table.AddColumn("denominator", "double precision");
        table.AddColumn("note", "text");
        table.AddColumn("revision", "integer").NotNull();
        table.AddColumn("first_value", "double precision");
        table.AddColumn("first_reported_at", "timestamp with time zone").NotNull();
        table.AddColumn("submitted_at", "timestamp with time zone").NotNull();
        table.AddColumn("withdrawn", "boolean").NotNull();
        table.AddColumn("late_restatement", "boolean").NotNull();
        table.AddColumn("version", "bigint").NotNull();
        // Peer comparisons and league tables read one measure and period across every authority.
        table.Indexes.Add(new IndexDefinition(IndexName(name, "by_measure_period"))
        {
            Columns = ["measure", "period", "breakdown"], IncludeColumns = ["la_number", "value", "numerator", "denominator", "withdrawn"],
        });
        // Scorecards and dashboards read one authority's window of months.
        table.Indexes.Add(new IndexDefinition(IndexName(name, "by_authority_start")) { Columns = ["la_number", "period_start"] });
        return table;
    }

    private static string IndexName(string table, string suffix) => $"{table[(table.IndexOf('.') + 1)..]}_{suffix}";
}
