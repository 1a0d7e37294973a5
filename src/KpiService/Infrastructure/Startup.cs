using KpiService.Features.Peers;
using KpiService.Projections;
using KpiService.ReferenceData;

namespace KpiService.Infrastructure;

/// <summary>Opens the database, seeds reference data once, loads the reference snapshot: before any request is served.</summary>
public sealed class DatabaseProvider(IConfiguration configuration, ILogger<DatabaseProvider> logger)
{
    private Database? _database;

    public Database Database => _database ?? throw new InvalidOperationException("The database is not open yet.");

    public async Task OpenAsync(CancellationToken cancellationToken) =>
        _database ??= await Database.OpenAsync(configuration, [new ReadModelProjection()], logger, cancellationToken);
}

public static class Startup
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<DatabaseProvider>().OpenAsync(cancellationToken);
        await services.GetRequiredService<ReferenceSeeder>().SeedAsync(cancellationToken);
        var reference = services.GetRequiredService<ReferenceStore>();
        await reference.ReloadAsync(cancellationToken);
        var benchmarks = services.GetRequiredService<BenchmarkImporter>();
        if (!await benchmarks.HasSourceAsync("LAIT", cancellationToken))
        {
            var rows = await benchmarks.ImportLaitAsync(Path.Combine(ReferenceSeeder.Directory, "lait-key-csc-kpis-2016-2025.csv"), cancellationToken);
            services.GetRequiredService<ILogger<DatabaseProvider>>().LogInformation("Imported {Rows} published LAIT benchmark figures", rows);
        }
    }
}
