using Npgsql;

namespace KpiService.Hosting;

/// <summary>
/// Where the data lives: <c>ConnectionStrings:Kpi</c>, or a private PostgreSQL cluster the service starts under
/// <c>Database:DataDirectory</c> (durability on) and stops on shutdown. One <see cref="NpgsqlDataSource"/> serves
/// Marten and the read-model queries alike. It is created when the container first needs it — before Marten, the
/// hosted services or a JasperFx command (<c>db-apply</c>, <c>projections</c>) touch the database.
/// </summary>
public sealed class KpiDatabase : IAsyncDisposable
{
    public const string Schema = ReadModels.StoreSchema.Name;

    public required NpgsqlDataSource DataSource { get; init; }
    public required string ConnectionString { get; init; }
    public EmbeddedPostgres? Embedded { get; init; }
    public string? DataDirectory { get; init; }

    public static KpiDatabase Open(IConfiguration configuration, ILogger logger) =>
        // The container builds singletons synchronously; starting a cluster takes a second or two, once.
        OpenAsync(configuration, logger, CancellationToken.None).GetAwaiter().GetResult();

    public static async Task<KpiDatabase> OpenAsync(IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString("Kpi");
        EmbeddedPostgres? embedded = null;
        string? directory = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            directory = Path.GetFullPath(configuration["Database:DataDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".kpi-data"));
            embedded = await EmbeddedPostgres.StartAsync(
                new EmbeddedPostgresOptions(directory, Durable: true, BinDirectory: configuration["Database:BinDirectory"]),
                message => logger.LogInformation("{Message}", message), cancellationToken);
            connectionString = embedded.ConnectionString();
        }
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.ApplicationName ??= "kpi-service";
        // Short timeouts: when the database is down a request must answer 503 quickly, never hang.
        if (!connectionString.Contains("Timeout=", StringComparison.OrdinalIgnoreCase)) settings.Timeout = 5;
        // The same few statements run thousands of times a second: let Npgsql prepare them once per connection.
        if (settings.MaxAutoPrepare == 0) settings.MaxAutoPrepare = 64;
        // ... and plan them once. Our writes and reads pass keys as arrays (unnest); PostgreSQL prices a custom plan
        // for a one-element array below its generic plan, so it re-planned them on every execution: 16 % of all CPU
        // under single-figure PUTs, and a generic plan raised PUTs from ~1,450/s to ~1,950/s (docs/benchmarks.md).
        if (settings.Options?.Contains("plan_cache_mode", StringComparison.Ordinal) != true)
            settings.Options = $"{settings.Options} -c plan_cache_mode=force_generic_plan".Trim();
        return new KpiDatabase
        {
            DataSource = builder.Build(), ConnectionString = settings.ConnectionString, Embedded = embedded, DataDirectory = directory,
        };
    }

    /// <summary>A connection outside the pool, for a session-level lock that must end with it.</summary>
    public async Task<NpgsqlConnection> OpenUnpooledAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (Embedded is not null) await Embedded.DisposeAsync();
    }
}
