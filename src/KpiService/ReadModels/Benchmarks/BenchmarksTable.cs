using KpiService.ReadModels.Reference;
using Weasel.Postgresql.Tables;

namespace KpiService.ReadModels.Benchmarks;

/// <summary>
/// <c>kpi.benchmarks</c>: published figures (LAIT, EES and other imports) at authority, region or England level, as
/// the latest <c>BenchmarksPublished</c> event of each source and measure left them. A suppressed cell keeps its mark.
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
        t.AddColumn("period_start", "date").NotNull();
        t.AddColumn("period_end", "date").NotNull();
        t.AddColumn("value", "double precision");
        t.AddColumn("mark", "text");
        t.AddColumn("source", "text").NotNull();
        // "The latest published figure before this period's end" reads by measure and end date.
        t.Indexes.Add(new IndexDefinition($"{name[(name.IndexOf('.') + 1)..]}_by_measure_end") { Columns = ["measure", "period_end"] });
    });
}
