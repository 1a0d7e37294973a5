using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace KpiService.ReadModels.Reference;

/// <summary>The reference read models (a few thousand rows in all), written only by <see cref="ReferenceProjection"/>.</summary>
public static class ReferenceTables
{
    public static IEnumerable<Table> Definitions(Func<string, string>? rename = null)
    {
        yield return Define(Name("kpi.authorities", rename), t =>
        {
            t.AddColumn<int>("la_number").AsPrimaryKey();
            t.AddColumn("gss_code", "text");
            t.AddColumn("name", "text").NotNull();
            t.AddColumn("region_code", "text").NotNull();
            t.AddColumn("region_name", "text").NotNull();
            t.AddColumn("type", "text").NotNull();
            t.AddColumn("active", "boolean").NotNull();
        });
        yield return Define(Name("kpi.neighbours", rename), t =>
        {
            t.AddColumn<int>("model").AsPrimaryKey();
            t.AddColumn<int>("la_number").AsPrimaryKey();
            t.AddColumn<int>("rank").AsPrimaryKey();
            t.AddColumn<int>("neighbour").NotNull();
            t.AddColumn("closeness", "text").NotNull();
        });
        yield return Define(Name("kpi.populations", rename), t =>
        {
            t.AddColumn<int>("la_number").AsPrimaryKey();
            t.AddColumn<int>("year").AsPrimaryKey();
            t.AddColumn("aged_0_to_17", "double precision").NotNull();
            t.AddColumn("source", "text").NotNull();
        });
        yield return Define(Name("kpi.measures", rename), t =>
        {
            t.AddColumn("id", "text").AsPrimaryKey();
            t.AddColumn("body", "jsonb").NotNull();
            t.AddColumn("version", "bigint").NotNull();
        });
        yield return Define(Name("kpi.targets", rename), t =>
        {
            t.AddColumn<int>("la_number").AsPrimaryKey();
            t.AddColumn("measure", "text").AsPrimaryKey();
            t.AddColumn("breakdown", "text").AsPrimaryKey();
            t.AddColumn("from_period", "text").AsPrimaryKey();
            t.AddColumn("from_start", "date").NotNull();
            t.AddColumn("body", "jsonb").NotNull();
            t.AddColumn("set_at", "timestamp with time zone").NotNull();
            t.AddColumn("version", "bigint").NotNull();
        });
        yield return Define(Name("kpi.comparator_groups", rename), t =>
        {
            t.AddColumn("id", "text").AsPrimaryKey();
            t.AddColumn("name", "text").NotNull();
            t.AddColumn("members", "integer[]").NotNull();
            t.AddColumn("version", "bigint").NotNull();
            t.AddColumn("owner", "integer");
        });
        yield return Define(Name("kpi.clients", rename), t =>
        {
            t.AddColumn("id", "text").AsPrimaryKey();
            t.AddColumn("name", "text").NotNull();
            t.AddColumn("salt", "bytea").NotNull();
            t.AddColumn("key_hash", "bytea").NotNull();
            t.AddColumn("scopes", "jsonb").NotNull();
            t.AddColumn("created_at", "timestamp with time zone").NotNull();
            t.AddColumn("version", "bigint").NotNull();
            t.AddColumn("expires_at", "timestamp with time zone");
            t.AddColumn("rotated_at", "timestamp with time zone");
            t.AddColumn("revoked_at", "timestamp with time zone");
            t.AddColumn("revoked_reason", "text");
        });
        yield return Define(Name("kpi.sharing_agreements", rename), t =>
        {
            t.AddColumn("id", "text").AsPrimaryKey();
            t.AddColumn("name", "text").NotNull();
            t.AddColumn("members", "integer[]").NotNull();
            t.AddColumn("active", "boolean").NotNull();
            t.AddColumn("version", "bigint").NotNull();
        });
        yield return Define(Name("kpi.dimensions", rename), t =>
        {
            t.AddColumn<int>("la_number").AsPrimaryKey();
            t.AddColumn("dimension", "text").AsPrimaryKey();
            t.AddColumn("allowed", "text[]").NotNull();
            t.AddColumn("version", "bigint").NotNull();
        });
    }

    public static string Name(string table, Func<string, string>? rename) => rename?.Invoke(table) ?? table;

    /// <summary>A table named as PostgreSQL would name its parts (<c>{table}_pkey</c>), so a rebuilt copy can take them over.</summary>
    public static Table Define(string name, Action<Table> columns)
    {
        var table = new Table(PostgresqlProvider.Instance.Parse(name));
        columns(table);
        table.PrimaryKeyName = $"{table.Identifier.Name}_pkey";
        return table;
    }
}
