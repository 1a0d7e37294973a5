using System.Net.Http.Json;
using Npgsql;

namespace KpiService.Tests.Figures;

public sealed class RebuildTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task RebuildFromEvents_ReproducesTheReadModelExactly()
    {
        var url = "/api/v1/authorities/916/measures/cic-dental-checks/figures";
        (await service.Admin.Put($"{url}/2021-07", new { numerator = 600, denominator = 834, note = "first cut" })).EnsureSuccessStatusCode();
        (await service.Admin.Put($"{url}/2021-07", new { numerator = 610, denominator = 834 })).EnsureSuccessStatusCode();
        (await service.Admin.Put($"{url}/2021-08", new { numerator = 620, denominator = 834 })).EnsureSuccessStatusCode();
        (await service.Admin.DeleteAsync($"{url}/2021-08")).EnsureSuccessStatusCode();
        (await service.Admin.PostAsJsonAsync("/api/v1/authorities/841/returns", new { figures = new[] { new { measure = "referrals", period = "2021-09", value = 105 } } })).EnsureSuccessStatusCode();
        var before = await SnapshotAsync();

        var result = await (await service.Admin.PostAsync("/api/v1/projections/figures/rebuild", null)).Json();

        result.GetProperty("figures").GetInt64().ShouldBe(before.Count);
        result.GetProperty("events").GetInt64().ShouldBeGreaterThan(before.Count);
        (await SnapshotAsync()).ShouldBe(before);
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws('|', la_number, measure, breakdown, period, value, numerator, denominator, note, revision, first_value, withdrawn, late_restatement, version)
            FROM kpi.figures ORDER BY 1
            """, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
