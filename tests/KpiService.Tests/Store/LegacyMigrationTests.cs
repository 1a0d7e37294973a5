using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using KpiService.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace KpiService.Tests.Store;

/// <summary>
/// A database written by the release before Marten (commit ff79fc9: figures, revisions, a withdrawal, breakdowns, an
/// idempotent return, a 2,184-figure back-load, targets, a comparator group, a population, a client) is dumped in
/// Fixtures/. The service starts on it, moves it onto Marten, and every event and every read keeps its meaning.
/// </summary>
public sealed class LegacyMigrationTests
{
    private const string LegacyClientKey = "kpi_e1e0ea1ab870_lAPsvKhAZU1zG5MI89veW1_UEZ3k4E1Ww4R7I93REeo";

    [Fact]
    public async Task DatabaseOfTheFirstStore_IsImportedIntoMartenWithEveryEventAndTheSameReads()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("legacy");
        await RestoreAsync(connectionString, Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-store-ff79fc9.sql.gz"));
        var legacyEvents = await RowsAsync(connectionString, """
            SELECT concat_ws('|', seq, stream_id, version, type, data::text, recorded_at, client_id, correlation_id) FROM kpi.events ORDER BY seq
            """);
        var legacyFigures = await RowsAsync(connectionString, FiguresSql("kpi"));

        await using (var factory = new WebApplicationFactory<ServerAssembly>().WithWebHostBuilder(web => ServiceFixture.UseTestSettings(web, connectionString)))
        {
            var admin = factory.CreateClient();
            admin.DefaultRequestHeaders.Add("X-Api-Key", ServiceFixture.AdminKey);
            (await admin.GetAsync("/health/ready")).EnsureSuccessStatusCode();

            // Every event, in the same order, with its stream, version, type name, JSON, time and who sent it.
            SameRows([.. (await RowsAsync(connectionString, """
                SELECT concat_ws('|', seq_id, stream_id, version, type, data::text, timestamp, user_name, correlation_id) FROM kpi.mt_events ORDER BY seq_id
                """)).Take(legacyEvents.Count)], legacyEvents);
            legacyEvents.Count.ShouldBeGreaterThan(4_000);
            // The read model rebuilt from them is the one the old store kept, except its clocks: the old store stamped
            // read-model rows with SQL now() where the event was stamped elsewhere (a back-load's rows ~120 ms apart).
            // Now every row carries its events' own times.
            SameRows(await RowsAsync(connectionString, FiguresSql("kpi")), legacyFigures);
            (await RowsAsync(connectionString, """
                SELECT count(*)::text FROM kpi.figures f JOIN kpi.mt_events e
                  ON e.stream_id = 'figure:' || f.la_number || ':' || f.measure || ':' || f.period || CASE WHEN f.breakdown = '' THEN '' ELSE ':' || f.breakdown END
                 AND e.version = f.version
                WHERE e.timestamp <> f.submitted_at
                """)).ShouldBe(["0"]);

            var rating = await admin.GetFromJsonAsync<JsonElement>("/api/v1/authorities/916/measures/assessments-within-45-wd/ratings/2021-09");
            rating.GetProperty("value").GetDouble().ShouldBe(139.0 / 157 * 100, 1e-9);
            rating.GetProperty("label").GetString().ShouldBe("green");
            // The old idempotent answer still answers a retry; the old client key still works; published figures are there.
            var retry = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/authorities/916/returns")
            {
                Content = JsonContent.Create(ReturnOf2021_09), Headers = { { "Idempotency-Key", "glos-2021-09" } },
            });
            retry.EnsureSuccessStatusCode();
            var replay = await retry.Content.ReadFromJsonAsync<JsonElement>();
            replay.GetProperty("replayed").GetBoolean().ShouldBeTrue();
            replay.GetProperty("accepted").GetInt32().ShouldBe(4); // the first answer, not "4 unchanged"
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", LegacyClientKey);
            (await client.GetAsync("/api/v1/authorities/916/measures/re-referrals/figures")).EnsureSuccessStatusCode();
            // The old store's catalogue gains every LAIT measure, and then LAIT's whole download replaces the 17 key
            // measures it had (the same values for those) with all 156.
            (await RowsAsync(connectionString, "SELECT count(*)::text FROM kpi.benchmarks WHERE source = 'LAIT'")).ShouldBe(["234360"]);
            (await RowsAsync(connectionString, "SELECT count(*)::text FROM kpi.measures WHERE body->>'laitCode' IS NOT NULL")).ShouldBe(["156"]);
            (await RowsAsync(connectionString, "SELECT concat_ws('|', body->>'code', body->>'laitCode', body->>'publishedYearType') FROM kpi.measures WHERE id = 'children-entering-care'"))
                .ShouldBe(["CSC 209|LACnum_Start|financialYear"]); // its own code kept, LAIT's added
            (await RowsAsync(connectionString, "SELECT value::text FROM kpi.benchmarks WHERE source = 'LAIT' AND measure = 're-referrals' AND code = '916' AND period = '2023-24'")).ShouldBe(["21.5"]);
            // New writes carry on above the imported numbers.
            (await admin.PutAsJsonAsync("/api/v1/authorities/916/measures/re-referrals/figures/2021-07", new { numerator = 30, denominator = 190 })).StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        }

        // A second start finds it done and changes nothing.
        var count = await RowsAsync(connectionString, "SELECT count(*)::text FROM kpi.mt_events");
        await using (var again = new WebApplicationFactory<ServerAssembly>().WithWebHostBuilder(web => ServiceFixture.UseTestSettings(web, connectionString)))
            (await again.CreateClient().GetAsync("/health/ready")).EnsureSuccessStatusCode();
        (await RowsAsync(connectionString, "SELECT count(*)::text FROM kpi.mt_events")).ShouldBe(count);
        (await RowsAsync(connectionString, "SELECT (imported_at IS NOT NULL)::text FROM kpi_legacy.migration")).ShouldBe(["true"]);
    }

    private static readonly object ReturnOf2021_09 = new
    {
        figures = new object[]
        {
            new { measure = "referrals", period = "2021-09", value = 512 },
            new { measure = "referrals", period = "2021-09", breakdown = "locality:Cheltenham", value = 200 },
            new { measure = "referrals", period = "2021-09", breakdown = "locality:Cotswolds", value = 112 },
            new { measure = "referrals", period = "2021-09", breakdown = "locality:Gloucester", value = 200 },
        },
    };

    // Names the first row that differs instead of printing thousands.
    private static void SameRows(List<string> actual, List<string> expected)
    {
        var first = Enumerable.Range(0, Math.Min(actual.Count, expected.Count)).FirstOrDefault(i => actual[i] != expected[i], -1);
        first.ShouldBe(-1, first < 0 ? "" : $"row {first}:\n  imported {actual[first]}\n  legacy   {expected[first]}");
        actual.Count.ShouldBe(expected.Count);
    }

    private static string FiguresSql(string schema) => $"""
        SELECT concat_ws('|', la_number, measure, breakdown, period, value, numerator, denominator, note, revision, first_value,
                         withdrawn, late_restatement, version) FROM {schema}.figures ORDER BY 1
        """;

    private static async Task<List<string>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    // pg_dump's plain format is for psql (COPY … FROM stdin blocks), so psql restores it.
    private static async Task RestoreAsync(string connectionString, string dump)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var psql = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")).FirstOrDefault(File.Exists) ?? "psql";
        var start = new ProcessStartInfo(psql, ["-q", "-v", "ON_ERROR_STOP=1", "-h", settings.Host!, "-p", settings.Port.ToString(), "-U", settings.Username!, "-d", settings.Database!])
        {
            RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await using (var gzip = new GZipStream(File.OpenRead(dump), CompressionMode.Decompress))
            await gzip.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        await output;
        process.ExitCode.ShouldBe(0, await error);
    }
}
