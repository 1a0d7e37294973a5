using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace KpiService.Tests.Figures;

public sealed class SubmitReturnTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task JsonReturn_ReportsAcceptedRevisedUnchanged()
    {
        var first = await service.Admin.PostAsJsonAsync("/api/v1/authorities/841/returns", new
        {
            figures = new object[]
            {
                new { measure = "children-entering-care", period = "2021-04", value = 11 },
                new { measure = "children-entering-care", period = "2021-05", value = 4 },
                new { measure = "re-referrals", period = "2021-04", numerator = 7, denominator = 50 },
            },
        });
        var second = await service.Admin.PostAsJsonAsync("/api/v1/authorities/841/returns", new
        {
            figures = new object[]
            {
                new { measure = "children-entering-care", period = "2021-04", value = 11 },
                new { measure = "children-entering-care", period = "2021-05", value = 5 },
                new { measure = "children-entering-care", period = "2021-06", value = 9 },
            },
        });

        var a = await first.Json();
        (a.GetProperty("accepted").GetInt32(), a.GetProperty("revised").GetInt32(), a.GetProperty("unchanged").GetInt32()).ShouldBe((3, 0, 0));
        var b = await second.Json();
        (b.GetProperty("accepted").GetInt32(), b.GetProperty("revised").GetInt32(), b.GetProperty("unchanged").GetInt32()).ShouldBe((1, 1, 1));
    }

    [Fact]
    public async Task ReturnWithOneBadRow_StoresNothingAndNamesTheRow()
    {
        var response = await service.Admin.PostAsync("/api/v1/authorities/916/returns", Csv(
            "measure,period,value,numerator,denominator\n" +
            "cic-visits-in-time,2021-09,,780,834\n" +
            "cic-visits-in-time,2021-08,,790,830\n" +
            "cic-visits-in-time,2021-07,,900,830\n" +   // row 4: numerator above denominator
            "cic-dental-checks,2021-09,,638,834\n"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Json()).Errors();
        errors.ShouldHaveSingleItem().ShouldStartWith("row 4.numerator:");
        var series = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/cic-visits-in-time/figures")).Json();
        series.GetProperty("figures").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task DuplicatesAndBrokenRows_AreAllNamed()
    {
        var response = await service.Admin.PostAsync("/api/v1/authorities/916/returns", Csv(
            "measure,period,value,numerator,denominator\n" +
            "cic-health-assessments,2021-09,,730,834\n" +
            "cic-health-assessments,2021-09,,731,834\n" +
            "nonsense,2021-13,abc,,\n" +
            "cic-health-assessments,2021-08\n"));

        var errors = (await response.Json()).Errors();
        errors.ShouldContain(e => e.StartsWith("row 3.period:") && e.Contains("appears twice"));
        errors.ShouldContain(e => e.StartsWith("row 4.measure:"));
        errors.ShouldContain(e => e.StartsWith("row 4.period:"));
        errors.ShouldContain(e => e.StartsWith("row 4.value:") && e.Contains("not a number"));
        errors.ShouldContain(e => e.StartsWith("row 5:") && e.Contains("fields"));
    }

    [Fact]
    public async Task SameIdempotencyKeyTwice_StoresOnceAndReturnsTheFirstAnswer()
    {
        HttpRequestMessage Request() => new(HttpMethod.Post, "/api/v1/authorities/916/returns")
        {
            Content = Csv("measure,period,value,numerator,denominator\ncontacts,2021-09,2900,,\nreferrals,2021-09,967,,\n"),
            Headers = { { "Idempotency-Key", "gloucestershire-2021-09-run-1" } },
        };

        var first = await (await service.Admin.SendAsync(Request())).Json();
        var retry = await service.Admin.SendAsync(Request());

        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        var replay = await retry.Json();
        replay.GetProperty("accepted").GetInt32().ShouldBe(first.GetProperty("accepted").GetInt32());
        replay.GetProperty("replayed").GetBoolean().ShouldBeTrue();
        var history = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/contacts/figures/2021-09/history")).Json();
        history.GetProperty("events").GetArrayLength().ShouldBe(1);

        var reused = await service.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/authorities/916/returns")
        {
            Content = Csv("measure,period,value,numerator,denominator\ncontacts,2021-09,3100,,\n"),
            Headers = { { "Idempotency-Key", "gloucestershire-2021-09-run-1" } },
        });
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task CsvBackLoadOf50000Figures_IsStoredWhole()
    {
        // A historic back-load: every measure, 8 localities and the total, monthly from April 2016.
        var localities = new[] { "Cheltenham", "Cotswolds", "Forest of Dean", "Gloucester", "Stroud", "Tewkesbury", "Gloucester North", "Gloucester South" };
        (await service.Admin.Put("/api/v1/authorities/916/dimensions/locality", new { values = localities })).EnsureSuccessStatusCode();
        var measures = (await (await service.Admin.GetAsync("/api/v1/measures")).Json()).EnumerateArray()
            .Select(m => (Id: m.GetProperty("id").GetString()!, Unit: m.GetProperty("unit").GetString()!)).ToList();
        var csv = new StringBuilder("measure,period,value,numerator,denominator,breakdown\n");
        var rows = 0;
        var random = new Random(42);
        foreach (var breakdown in localities.Select(l => "locality:" + l).Prepend(""))
            foreach (var (id, unit) in measures)
                for (var month = new DateOnly(2016, 4, 1); month < new DateOnly(2026, 4, 1) && rows < 50_000; month = month.AddMonths(1), rows++)
                {
                    var period = $"{month:yyyy-MM}";
                    var denominator = random.Next(20, 400);
                    csv.Append(unit switch
                    {
                        "count" => $"{id},{period},{random.Next(0, 900)},,",
                        "ratePer10k" => $"{id},{period},,{random.Next(0, 300)},",
                        _ => $"{id},{period},,{random.Next(0, denominator + 1)},{denominator}",
                    }).Append(',').Append(breakdown).Append('\n');
                }
        rows.ShouldBe(50_000);

        var response = await service.Admin.PostAsync("/api/v1/authorities/916/returns", Csv(csv.ToString()));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var counts = await response.Json();
        // Other tests in this class may have stored a couple of the same figures first: those are revisions.
        (counts.GetProperty("accepted").GetInt32() + counts.GetProperty("revised").GetInt32()).ShouldBe(50_000);
        await using var connection = new Npgsql.NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM kpi.figures WHERE la_number = 916 AND period_start >= '2016-04-01' AND period_start < '2026-04-01'", connection);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBeGreaterThanOrEqualTo(50_000);
        var cheltenham = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/re-referrals/figures?breakdown=locality:Cheltenham")).Json();
        cheltenham.GetProperty("figures").GetArrayLength().ShouldBeGreaterThan(0);
    }
}
