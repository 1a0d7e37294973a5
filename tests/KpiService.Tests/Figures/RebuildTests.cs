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
        (await service.Admin.Put("/api/v1/authorities/916/measures/cic-dental-checks/targets/2021-04", new { target = 90, tolerance = 5 })).EnsureSuccessStatusCode();
        (await service.Admin.PostAsJsonAsync("/api/v1/authorities/841/returns", new { figures = new[] { new { measure = "referrals", period = "2021-09", value = 105 } } })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/cic-dental-checks/commentary/2021-07", new { text = "Dental access improving." })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/cic-dental-checks/local-name", new { code = "GLOS 40" })).EnsureSuccessStatusCode();
        var before = await SnapshotAsync();
        // Damage the live model the way a bad projection release would: the rebuild must repair it from the events.
        await ExecuteAsync("UPDATE kpi.figures SET value = -1, revision = 99; DELETE FROM kpi.targets; UPDATE kpi.benchmarks SET value = 0; DELETE FROM kpi.stream_states");

        var result = await (await service.Admin.PostAsync("/api/v1/projections/rebuild", null)).Json();

        result.GetProperty("tables").EnumerateArray().Select(t => t.GetString()).ShouldBe(
            ["kpi.figures", "kpi.authorities", "kpi.neighbours", "kpi.populations", "kpi.measures", "kpi.targets", "kpi.comparator_groups", "kpi.clients", "kpi.sharing_agreements", "kpi.dimensions", "kpi.benchmarks", "kpi.stream_states"],
            ignoreOrder: true);
        result.GetProperty("events").GetInt64().ShouldBeGreaterThan(2_000); // the seeded reference events and the figures above
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Rebuild_BuildsBesideTheLiveModel_ReadsAndWritesCarryOnAndNothingIsLost()
    {
        var url = "/api/v1/authorities/841/measures/referrals/figures";
        var rebuild = service.Admin.PostAsync("/api/v1/projections/rebuild", null);
        var (duringRebuild, written) = (0, new List<string>());
        for (var month = 1; !rebuild.IsCompleted && month <= 200; month++)
        {
            var period = $"{2000 + (month - 1) / 12}-{(month - 1) % 12 + 1:00}";
            (await service.Admin.Put($"{url}/{period}", new { value = 100 + month })).EnsureSuccessStatusCode();
            written.Add(period);
            var read = await service.Admin.GetAsync(url); // the write dropped the cached series: this reads the table
            read.EnsureSuccessStatusCode();
            if (!rebuild.IsCompleted) duringRebuild++;
        }
        (await rebuild).EnsureSuccessStatusCode();

        duringRebuild.ShouldBeGreaterThan(0, "reads and writes must be answered while the rebuild runs");
        var periods = (await (await service.Admin.GetAsync(url)).Json()).GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("period").GetString()).ToHashSet();
        written.ShouldAllBe(p => periods.Contains(p));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws('|', la_number, measure, breakdown, period, value, numerator, denominator, note, revision, first_value,
                             first_reported_at, submitted_at, withdrawn, late_restatement, version) FROM kpi.figures
            UNION ALL SELECT concat_ws('|', la_number, measure, breakdown, from_period, body::text, set_at, version) FROM kpi.targets
            UNION ALL SELECT concat_ws('|', measure, period, level, code, value, mark, source) FROM kpi.benchmarks
            UNION ALL SELECT concat_ws('|', stream, kind, la_number, measure, period, breakdown, state::text, version) FROM kpi.stream_states
            ORDER BY 1
            """, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
