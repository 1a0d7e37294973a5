using KpiService.Hosting;
using KpiService.ReadModels.Figures;
using KpiService.Testing;
using Marten;
using Npgsql;

namespace KpiService.Store.Tests;

/// <summary>Test events, stored under their own names beside the service's.</summary>
public sealed record Opened(int N);
public sealed record Changed(int N);

/// <summary>A fresh database per test class with Marten configured exactly as the service configures it.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public IDocumentStore Store { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("store");
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        Store = CreateStore(DataSource);
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public static IDocumentStore CreateStore(NpgsqlDataSource dataSource)
    {
        var database = new KpiDatabase { DataSource = dataSource, ConnectionString = dataSource.ConnectionString };
        var options = MartenSetup.Configure(new StoreOptions(), database, new FigureQueries(dataSource));
        options.Events.MapEventType<Opened>("Opened");
        options.Events.MapEventType<Changed>("Changed");
        return new DocumentStore(options);
    }

    public IDocumentSession Session(string? client = null, string? correlation = null)
    {
        var session = Store.LightweightSession();
        (session.LastModifiedBy, session.CorrelationId) = (client, correlation);
        return session;
    }

    public async Task DisposeAsync()
    {
        Store.Dispose();
        await DataSource.DisposeAsync();
    }
}
