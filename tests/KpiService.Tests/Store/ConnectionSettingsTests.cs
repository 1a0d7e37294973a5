using KpiService.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace KpiService.Tests.Store;

/// <summary>
/// The service's connections plan each statement once (generic plans): its keys travel as arrays, which PostgreSQL
/// would otherwise re-plan on every execution. An operator who sets the mode in the connection string keeps theirs.
/// </summary>
public sealed class ConnectionSettingsTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task TheServicesConnections_UseGenericPlans()
    {
        var dataSource = service.Factory.Services.GetRequiredService<NpgsqlDataSource>();
        (await PlanCacheModeAsync(dataSource)).ShouldBe("force_generic_plan");
    }

    [Fact]
    public async Task AModeSetInTheConnectionString_IsKept()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Kpi"] = service.ConnectionString + ";Options=-c plan_cache_mode=force_custom_plan",
        }).Build();
        await using var database = await KpiDatabase.OpenAsync(configuration, NullLogger.Instance, CancellationToken.None);
        (await PlanCacheModeAsync(database.DataSource)).ShouldBe("force_custom_plan");
    }

    private static async Task<string> PlanCacheModeAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SHOW plan_cache_mode");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
