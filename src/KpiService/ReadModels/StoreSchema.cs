namespace KpiService.ReadModels;

/// <summary>The PostgreSQL schema that holds Marten's event store and every read model.</summary>
public static class StoreSchema
{
    public const string Name = "kpi";
}
