using KpiService.EventStore;
using KpiService.Testing;
using Npgsql;

namespace KpiService.EventStore.Tests;

/// <summary>A fresh database with the event store schema, per test class.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public PostgresEventStore Store { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("es");
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await Schema.EnsureAsync(DataSource, "kpi");
        Store = new PostgresEventStore(DataSource, "kpi", []);
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();

    public static NewEvent Event(string type, int n = 0) => new(type, $$"""{"n":{{n}}}""");
}
