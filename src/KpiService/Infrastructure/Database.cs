using KpiService.EventStore;
using KpiService.EventStore.Local;
using Npgsql;

namespace KpiService.Infrastructure;

/// <summary>
/// Where the data lives. With <c>ConnectionStrings:Kpi</c> set, that server; without it, a private PostgreSQL
/// cluster the service starts itself under <c>Database:DataDirectory</c> (durability on) and stops on shutdown.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    public const string Schema = "kpi";

    public required NpgsqlDataSource DataSource { get; init; }
    public required PostgresEventStore Events { get; init; }
    public required string ConnectionString { get; init; }
    public LocalCluster? Embedded { get; init; }
    public string? DataDirectory { get; init; }

    public static async Task<Database> OpenAsync(IConfiguration configuration, IEnumerable<IInlineProjection> projections, ILogger logger, CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString("Kpi");
        LocalCluster? embedded = null;
        string? directory = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            directory = Path.GetFullPath(configuration["Database:DataDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".kpi-data"));
            embedded = await LocalCluster.StartAsync(
                new LocalClusterOptions(directory, Durable: true, BinDirectory: configuration["Database:BinDirectory"]),
                message => logger.LogInformation("{Message}", message), cancellationToken);
            connectionString = embedded.ConnectionString();
        }
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "kpi-service";
        // Short timeouts: when the database is down a request must answer 503 quickly, never hang.
        if (!connectionString.Contains("Timeout=", StringComparison.OrdinalIgnoreCase)) builder.ConnectionStringBuilder.Timeout = 5;
        // The same few statements run thousands of times a second: let Npgsql prepare them once per connection.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        var dataSource = builder.Build();
        await RetryAsync(() => EventStore.Schema.EnsureAsync(dataSource, Schema, cancellationToken), logger, cancellationToken);
        await RetryAsync(() => ReadModelSchema.EnsureAsync(dataSource, cancellationToken), logger, cancellationToken);
        return new Database
        {
            DataSource = dataSource,
            Events = new PostgresEventStore(dataSource, Schema, projections),
            ConnectionString = connectionString,
            Embedded = embedded,
            DataDirectory = directory,
        };
    }

    private static async Task RetryAsync(Func<Task> action, ILogger logger, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { await action(); return; }
            catch (NpgsqlException e) when (attempt < 30 && e is not PostgresException)
            {
                logger.LogWarning("Database not reachable yet ({Message}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (Embedded is not null) await Embedded.DisposeAsync();
    }
}
