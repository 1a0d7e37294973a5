using System.Net;

namespace KpiService.Tests.ReferenceData;

public sealed class AccessTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string GloucestershireFigure = "/api/v1/authorities/916/measures/re-referrals/figures/2021-09";
    private const string DarlingtonFigure = "/api/v1/authorities/841/measures/re-referrals/figures/2021-09";

    [Fact]
    public async Task WithoutAKey_Is401AndNothingIsStored()
    {
        var response = await service.Client(null).Put(DarlingtonFigure, new { numerator = 12, denominator = 105 });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Json()).GetProperty("type").GetString()!.ShouldEndWith("/unauthenticated");
        (await service.Client("kpi_000000000000_notarealkeyatallreally").GetAsync("/api/v1/measures")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await service.Admin.GetAsync($"{DarlingtonFigure}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SubmitScopeForOneAuthority_IsForbiddenForAnotherAndStoresNothing()
    {
        var gloucestershire = await service.ClientWith(["submit", "read"], "E10000013");

        (await gloucestershire.Put(GloucestershireFigure, new { numerator = 200, denominator = 967 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var forbidden = await gloucestershire.Put(DarlingtonFigure, new { numerator = 12, denominator = 105 });

        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await forbidden.Json()).GetProperty("detail").GetString()!.ShouldContain("Darlington");
        (await service.Admin.GetAsync($"{DarlingtonFigure}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReadOnlyClient_CannotSubmitOrAdminister()
    {
        var reader = await service.ClientWith(["read"], "*");
        (await reader.GetAsync("/api/v1/authorities/916")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.Put(GloucestershireFigure, new { numerator = 1, denominator = 2 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.Put("/api/v1/authorities/916/measures/re-referrals/targets/2021-04", new { target = 20, tolerance = 2 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.PostAsync("/api/v1/clients", System.Net.Http.Json.JsonContent.Create(new { name = "x", scopes = new[] { "admin" } }))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RegisterClient_ShowsTheKeyOnceAndStoresOnlyASaltedHash()
    {
        var response = await service.Admin.PostAsync("/api/v1/clients", System.Net.Http.Json.JsonContent.Create(new { name = "Liquidlogic extract", scopes = new[] { "submit" }, authorities = new[] { "916" } }));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = (await response.Json()).GetProperty("key").GetString()!;

        await using var connection = new Npgsql.NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM kpi.mt_events WHERE data::text LIKE '%' || $1 || '%'", connection);
        command.Parameters.Add(new() { Value = key.Split('_', 3)[2] });
        ((long)(await command.ExecuteScalarAsync())!).ShouldBe(0);
    }
}
