using System.Text.Json;
using KpiService.Domain.Catalogue;
using KpiService.ReadModels.Reference;
using Weasel.Postgresql.Tables;

namespace KpiService.ReadModels.Catalogue;

/// <summary>
/// <c>kpi.stream_states</c>: the folded state of each council-owned stream — an authority's catalogue, its reporting
/// schedule, the commentary on one figure — as JSON beside the keys reads filter on. Written only by
/// <see cref="StreamStatesProjection"/>.
/// </summary>
public static class StreamStates
{
    public const string Name = "kpi.stream_states";

    public const string Catalogue = "catalogue", Schedule = "schedule", Commentary = "commentary";

    public static Table Definition(string name = Name) => ReferenceTables.Define(name, t =>
    {
        t.AddColumn("stream", "text").AsPrimaryKey();
        t.AddColumn("kind", "text").NotNull();
        t.AddColumn<int>("la_number").NotNull();
        t.AddColumn("measure", "text");
        t.AddColumn("period", "text");
        t.AddColumn("breakdown", "text");
        t.AddColumn("state", "jsonb").NotNull();
        t.AddColumn("version", "bigint").NotNull();
        // Scorecards and dashboards read one authority's commentary for one period.
        t.Indexes.Add(new IndexDefinition($"{name[(name.IndexOf('.') + 1)..]}_by_authority_kind_period") { Columns = ["la_number", "kind", "period"] });
    });

    public static string CatalogueStream(int laNumber) => $"catalogue:{laNumber}";

    public static string ScheduleStream(int laNumber) => $"schedule:{laNumber}";

    public static AuthorityCatalogue ReadCatalogue(string json) => JsonSerializer.Deserialize<AuthorityCatalogue>(json, EventSerialization.Options)!;

    public static ReportingSchedule ReadSchedule(string json) => JsonSerializer.Deserialize<ReportingSchedule>(json, EventSerialization.Options)!;

    public static CommentaryThread ReadCommentary(string json) => JsonSerializer.Deserialize<CommentaryThread>(json, EventSerialization.Options)!;
}
