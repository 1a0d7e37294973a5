using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace KpiService.Tests.Reliability;

/// <summary>Every endpoint × every scope × in and out of the client's authorities: 403 exactly where it should be, and nothing stored then.</summary>
public sealed class AuthorizationMatrixTests(ServiceFixture service, ITestOutputHelper output) : IClassFixture<ServiceFixture>
{
    private sealed record Endpoint(string Method, string Path, object? Body, string Scope, bool AuthorityBound);

    // Gloucestershire (916) is the authority every endpoint acts on; clients are bound to it or to Darlington (841).
    private static readonly Endpoint[] Endpoints =
    [
        new("GET", "/api/v1/authorities", null, "read", false),
        new("GET", "/api/v1/authorities/916", null, "read", false),
        new("GET", "/api/v1/authorities/916/neighbours", null, "read", false),
        new("PUT", "/api/v1/authorities/916/population/2021", new { aged0To17 = 131_000 }, "admin", false),
        new("PUT", "/api/v1/authorities/916/dimensions/team", new { values = new[] { "Assessment", "Permanence" } }, "targets", true),
        new("GET", "/api/v1/measures", null, "read", false),
        new("GET", "/api/v1/measures/re-referrals", null, "read", false),
        new("PUT", "/api/v1/measures/matrix-measure", new { title = "Matrix", area = "Test", unit = "count", polarity = "neutral", decimalPlaces = 0, aggregation = "flow" }, "admin", false),
        new("PUT", "/api/v1/authorities/916/measures/re-referrals/targets/2021-04", new { target = 22.5, tolerance = 2.5 }, "targets", true),
        new("GET", "/api/v1/authorities/916/measures/re-referrals/targets", null, "read", true),
        // The group is kept by Gloucestershire: only targets over 916 may change it.
        new("PUT", "/api/v1/comparator-groups/matrix-group", new { name = "Matrix", members = new[] { "916", "841" } }, "targets", true),
        new("GET", "/api/v1/clients", null, "admin", false),
        new("POST", "/api/v1/clients/{other}/revocation", new { reason = "matrix" }, "admin", false),
        new("PUT", "/api/v1/data-sharing-agreements/matrix-club", new { name = "Matrix club", members = new[] { "916", "841" } }, "admin", false),
        new("GET", "/api/v1/data-sharing-agreements", null, "read", false),
        new("GET", "/api/v1/data-sharing-agreements/matrix-club", null, "read", false),
        new("POST", "/api/v1/clients", new { name = "matrix", scopes = new[] { "read" }, authorities = new[] { "916" } }, "admin", false),
        new("PUT", "/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 207, denominator = 967 }, "submit", true),
        new("POST", "/api/v1/authorities/916/returns", new { figures = new[] { new { measure = "referrals", period = "2021-09", value = 967 } } }, "submit", true),
        new("DELETE", "/api/v1/authorities/916/measures/contacts/figures/2021-09", null, "submit", true),
        new("GET", "/api/v1/authorities/916/measures/re-referrals/figures", null, "read", true),
        new("GET", "/api/v1/authorities/916/measures/re-referrals/figures/2021-09/history", null, "read", true),
        new("GET", "/api/v1/authorities/916/measures/re-referrals/ratings/2021-09", null, "read", true),
        new("GET", "/api/v1/authorities/916/measures/re-referrals/ratings/2021-09/spc", null, "read", true),
        new("GET", "/api/v1/authorities/916/scorecard/2021-09", null, "read", true),
        new("GET", "/api/v1/measures/re-referrals/comparison/2023-24?authority=916", null, "read", true),
        new("GET", "/api/v1/measures/re-referrals/league/2023-24", null, "read", false),
        // Published figures: anyone may list them; only the operator imports (a CSV body) and withdraws (what it imported).
        new("GET", "/api/v1/benchmarks?source=LAIT&measure=re-referrals", null, "read", false),
        new("POST", "/api/v1/benchmarks?source=matrix", "measure,period,level,code,value\nre-referrals,2024-25,authority,916,19.5\n", "admin", false),
        new("DELETE", "/api/v1/benchmarks/matrix/measures/re-referrals?reason=matrix", null, "admin", false),
        new("GET", "/api/v1/comparator-groups/matrix-group", null, "read", false),
        // A council's own catalogue: its catalogue scope, for its own authority only.
        new("PUT", "/api/v1/authorities/916/measures/matrix-local", new { title = "Matrix local", area = "Test", unit = "count", polarity = "neutral", decimalPlaces = 0, aggregation = "flow" }, "catalogue", true),
        new("PUT", "/api/v1/authorities/916/measures/re-referrals/local-name", new { code = "M 1" }, "catalogue", true),
        new("PUT", "/api/v1/authorities/916/measures/re-referrals/performance-groups", new { bands = new object[] { new { group = 1, from = 20 }, new { group = 2 } } }, "catalogue", true),
        new("PUT", "/api/v1/authorities/916/labels", new { amber = new { name = "Yellow" } }, "catalogue", true),
        new("PUT", "/api/v1/authorities/916/schedule", new { entries = new object[] { new { measure = "re-referrals", frequency = "monthly", dueWorkingDay = 10 } } }, "catalogue", true),
        new("POST", "/api/v1/authorities/916/schedule/marks", new { measure = "re-referrals", from = "2021-09", kind = "notApplicable", reason = "matrix" }, "catalogue", true),
        new("GET", "/api/v1/authorities/916/catalogue", null, "read", true),
        new("GET", "/api/v1/authorities/916/measures", null, "read", true),
        new("GET", "/api/v1/authorities/916/schedule", null, "read", true),
        new("GET", "/api/v1/overdue", null, "admin", false),
        new("GET", "/api/v1/admin/events?from=0&limit=10", null, "admin", false),
        new("PUT", "/api/v1/authorities/916/measures/re-referrals/commentary/2021-09", new { text = "Matrix commentary" }, "submit", true),
        new("GET", "/api/v1/authorities/916/measures/re-referrals/commentary/2021-09", null, "read", true),
        new("DELETE", "/api/v1/authorities/916/measures/re-referrals/commentary/2021-09", null, "submit", true),
        // Where 201 Locations point (issue 19): one figure, a dimension, an authority's measure, a client.
        new("GET", "/api/v1/authorities/916/measures/re-referrals/figures/2021-09", null, "read", true),
        new("GET", "/api/v1/authorities/916/dimensions/team", null, "read", true),
        new("GET", "/api/v1/authorities/916/measures/re-referrals", null, "read", true),
        new("GET", "/api/v1/clients/matrix-client", null, "admin", false),
        // The board pack: its JSON and each rendering, and the charts, are the authority's own reads.
        new("GET", "/api/v1/authorities/916/dashboard/2021-09", null, "read", true),
        new("GET", "/api/v1/authorities/916/dashboard/2021-09?format=csv", null, "read", true),
        new("GET", "/api/v1/authorities/916/dashboard/2021-09?format=xlsx&groupBy=performanceGroup", null, "read", true),
        new("GET", "/api/v1/authorities/916/dashboard/2021-09?format=html", null, "read", true),
        new("GET", "/api/v1/authorities/916/measures/re-referrals/charts/trend/2021-09", null, "read", true),
        new("GET", "/api/v1/authorities/916/measures/re-referrals/charts/sparkline/2021-09", null, "read", true),
        new("GET", "/api/v1/authorities/916/measures/re-referrals/charts/spc/2021-09", null, "read", true),
        new("GET", "/api/v1/authorities/916/measures/re-referrals/charts/comparison/2021-09", null, "read", true),
        new("GET", "/api/v1/authorities/916/scorecard/2021-09?format=xlsx", null, "read", true),
    ];

    [Fact]
    public async Task EveryEndpointScopeAndAuthority_IsAllowedOrForbiddenAsItShouldBe()
    {
        // Figures for the reads and the withdrawal to find.
        (await service.Admin.Put("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 200, denominator = 967 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/re-referrals/figures/2021-08", new { numerator = 190, denominator = 950 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/contacts/figures/2021-09", new { value = 2900 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/comparator-groups/matrix-group", new { name = "Matrix", members = new[] { "916" }, owner = "916" })).EnsureSuccessStatusCode();
        var other = (await (await service.Admin.PostAsync("/api/v1/clients", JsonContent.Create(new { name = "revoked by the matrix", scopes = new[] { "read" }, authorities = new[] { "916" } }))).Json()).GetProperty("id").GetString()!;

        var clients = new List<(string Name, string Scope, bool Gloucestershire, HttpClient Http)>();
        foreach (var scope in new[] { "read", "submit", "targets", "catalogue" })
            foreach (var own in new[] { true, false })
                clients.Add(($"{scope}@{(own ? "916" : "841")}", scope, own, await service.ClientWith([scope], own ? "E10000013" : "841")));
        clients.Add(("admin", "admin", true, await service.ClientWith(["admin"])));

        var wrong = new List<string>();
        var checks = 0;
        foreach (var endpoint in Endpoints)
            foreach (var (name, scope, own, http) in clients)
            {
                var allowed = scope == endpoint.Scope && (!endpoint.AuthorityBound || own);
                var before = await EventsAsync();
                var response = await SendAsync(http, endpoint with { Path = endpoint.Path.Replace("{other}", other) });
                checks++;
                var forbidden = response.StatusCode == HttpStatusCode.Forbidden;
                if (response.StatusCode == HttpStatusCode.Unauthorized || forbidden == allowed)
                    wrong.Add($"{name} {endpoint.Method} {endpoint.Path}: {(int)response.StatusCode}, expected {(allowed ? "allowed" : "403")}");
                if (forbidden && await EventsAsync() != before) wrong.Add($"{name} {endpoint.Method} {endpoint.Path}: stored something on 403");
            }
        output.WriteLine($"authorization matrix: {checks} checks");
        wrong.ShouldBeEmpty();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Endpoint endpoint)
    {
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
        if (endpoint.Body is string csv) request.Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        else if (endpoint.Body is not null) request.Content = JsonContent.Create(endpoint.Body);
        return await http.SendAsync(request);
    }

    private async Task<long> EventsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM kpi.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
