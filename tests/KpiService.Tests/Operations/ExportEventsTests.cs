using System.Net;
using System.Text.Json;
using KpiService.Features.Admin;
using Npgsql;

namespace KpiService.Tests.Operations;

/// <summary>The event log exported as NDJSON: every event once, in order, and a broken download resumes where it stopped.</summary>
public sealed class ExportEventsTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Export_HasEveryEventInOrder_AndResumesFromAPosition()
    {
        (await service.Admin.Put("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 207, denominator = 967 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 208, denominator = 967 })).EnsureSuccessStatusCode();

        var all = await ExportAsync("/api/v1/admin/events");
        var stored = await StoredSequencesAsync();
        all.Select(e => e.GetProperty("sequence").GetInt64()).ShouldBe(stored); // every event, once, in order
        stored.Count.ShouldBeGreaterThan(ExportEvents.PageSize); // the shipped reference data alone spans several pages
        var revised = all.Last(e => e.GetProperty("stream").GetString() == "figure:916:re-referrals:2021-09");
        revised.GetProperty("type").GetString().ShouldBe("FigureRevised");
        revised.GetProperty("version").GetInt64().ShouldBe(2);
        revised.GetProperty("data").GetProperty("figure").GetProperty("numerator").GetDouble().ShouldBe(208);
        revised.GetProperty("user").GetString().ShouldBe("admin");

        // A download cut after 1,500 lines resumes from the last sequence + 1 and ends exactly where the whole one did.
        var first = await ExportAsync("/api/v1/admin/events?limit=1500");
        first.Count.ShouldBe(1500);
        var rest = await ExportAsync($"/api/v1/admin/events?from={first[^1].GetProperty("sequence").GetInt64() + 1}");
        first.Concat(rest).Select(e => e.GetRawText()).ShouldBe(all.Select(e => e.GetRawText()));
    }

    [Theory]
    [InlineData("from=-1", "from")]
    [InlineData("limit=0", "limit")]
    [InlineData("from=abc", "from")]
    public async Task BadPositions_Are400NamingTheParameter(string query, string field)
    {
        var response = await service.Admin.GetAsync($"/api/v1/admin/events?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    private async Task<List<JsonElement>> ExportAsync(string path)
    {
        var response = await service.Admin.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldEndWith("\n");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    private async Task<List<long>> StoredSequencesAsync()
    {
        await using var connection = new NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT seq_id FROM kpi.mt_events WHERE type <> 'tombstone' ORDER BY seq_id", connection);
        var sequences = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) sequences.Add(reader.GetInt64(0));
        return sequences;
    }
}
