using System.Net;
using System.Text;
using System.Text.Json;

namespace KpiService.Tests.Reliability;

/// <summary>
/// The inputs an adversarial review found the corpus had missed: each is a 4xx naming the field (or header) at fault,
/// and nothing is stored.
/// </summary>
public sealed class HostileInputTests(KestrelServiceFixture service) : IClassFixture<KestrelServiceFixture>
{
    private const string Figure = "/api/v1/authorities/916/measures/re-referrals/figures/2021-08";

    public static TheoryData<string, string, string, string> ControlCharactersInText => new()
    {
        { "PUT", Figure, """{"numerator": 200, "denominator": 967, "note": "late\u0000"}""", "note" },
        { "PUT", Figure, """{"numerator": 200, "denominator": 967, "note": "\u001b[2Jcleared"}""", "note" },
        { "POST", "/api/v1/clients", """{"name": "Liquid\u0000logic", "scopes": ["read"], "authorities": ["916"]}""", "name" },
        { "PUT", "/api/v1/comparator-groups/hostile", """{"name": "Club\u0007", "members": ["916"]}""", "name" },
        { "PUT", "/api/v1/authorities/916/dimensions/team", """{"values": ["Assessment\u0000"]}""", "values" },
        { "PUT", "/api/v1/measures/hostile-measure", """{"title": "Title\u001b]0;pwned\u0007", "area": "Test", "unit": "count", "polarity": "neutral", "decimalPlaces": 0, "aggregation": "flow"}""", "title" },
        { "PUT", "/api/v1/authorities/916/measures/re-referrals/targets/2021-04", """{"target": 22, "tolerance": 2, "labels": {"amber": "Yel\u0000low"}}""", "labels" },
        { "POST", "/api/v1/authorities/916/returns", """{"figures": [{"measure": "referrals", "period": "2021-08", "value": 900, "note": "\u0000"}]}""", "note" },
    };

    [Theory]
    [MemberData(nameof(ControlCharactersInText))]
    public async Task NulAndTerminalEscapesInText_Are400NamingTheField(string method, string path, string body, string field)
    {
        var before = await EventsAsync();
        var problem = await ExpectAsync(HttpStatusCode.BadRequest, method, path, body);
        Mentions(problem, field).ShouldBeTrue($"the problem should name '{field}': {problem}");
        (await EventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task DuplicateJsonKeys_AreRefused()
    {
        var problem = await ExpectAsync(HttpStatusCode.BadRequest, "PUT", Figure, """{"numerator": 200, "numerator": 1, "denominator": 967}""");
        problem.ToString().ShouldContain("numerator");
    }

    [Theory]
    [InlineData("""{"value": 2900.5}""", "value", "/api/v1/authorities/916/measures/contacts/figures/2021-08")]
    [InlineData("""{"numerator": 0, "denominator": 0}""", "denominator", Figure)]
    [InlineData("""{"numerator": 200.5, "denominator": 967}""", "numerator", Figure)]
    public async Task CountsAreWholeAndZeroOverZeroIsNotAPercentage(string body, string field, string path)
    {
        var problem = await ExpectAsync(HttpStatusCode.BadRequest, "PUT", path, body);
        Mentions(problem, field).ShouldBeTrue(problem.ToString());
    }

    [Theory]
    [InlineData("/api/v1/authorities/916/measures/re-referrals/figures?asAt=12/01/2021", "asAt")]
    [InlineData("/api/v1/authorities/916/measures/re-referrals/figures?asAt=2021-13-01T00:00:00Z", "asAt")]
    [InlineData("/api/v1/working-days?from=01/04/2021&to=2021-04-30", "from")]
    public async Task DatesAndTimesAreIso8601Only(string path, string field)
    {
        var problem = await ExpectAsync(HttpStatusCode.BadRequest, "GET", path, null);
        Mentions(problem, field).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task IfNoneMatchStarNeverOverwrites_AndIfMatchStarNeverCreates()
    {
        const string path = "/api/v1/authorities/916/measures/re-referrals/figures/2021-07";
        await ExpectAsync(HttpStatusCode.PreconditionFailed, "PUT", path, """{"numerator": 180, "denominator": 900}""", ("If-Match", "*"));
        await ExpectAsync(HttpStatusCode.Created, "PUT", path, """{"numerator": 180, "denominator": 900}""", ("If-None-Match", "*"));
        await ExpectAsync(HttpStatusCode.PreconditionFailed, "PUT", path, """{"numerator": 1, "denominator": 900}""", ("If-None-Match", "*"));
        var stored = await ExpectAsync(HttpStatusCode.OK, "GET", path, null);
        stored.GetProperty("numerator").GetDouble().ShouldBe(180);
    }

    [Fact]
    public async Task AnAuthorityColumnThatDisagreesWithThePath_IsRefused()
    {
        var csv = "authority,measure,period,value\n841,referrals,2021-08,900\n";
        var problem = await ExpectAsync(HttpStatusCode.BadRequest, "POST", "/api/v1/authorities/916/returns", csv, contentType: "text/csv");
        problem.ToString().ShouldContain("authority");
        var json = """{"figures": [{"authority": "E06000005", "measure": "referrals", "period": "2021-08", "value": 900}]}""";
        (await ExpectAsync(HttpStatusCode.BadRequest, "POST", "/api/v1/authorities/916/returns", json)).ToString().ShouldContain("authority");
    }

    [Fact]
    public async Task TwoMegabytesToASingleFigure_Is413BeforeItIsRead()
    {
        var body = "{\"note\": \"" + new string('x', 2 * 1024 * 1024) + "\"}";
        using var http = Http();
        using var request = new HttpRequestMessage(HttpMethod.Put, Figure) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    private HttpClient Http()
    {
        var http = new HttpClient { BaseAddress = new Uri(service.RestUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", KestrelServiceFixture.AdminKey);
        return http;
    }

    private async Task<JsonElement> ExpectAsync(HttpStatusCode status, string method, string path, string? body, (string Name, string Value)? header = null, string contentType = "application/json")
    {
        using var http = Http();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        if (header is { } h) request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static bool Mentions(JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(e => e.Name.Contains(field, StringComparison.OrdinalIgnoreCase))
        || problem.ToString().Contains($"'{field}'", StringComparison.OrdinalIgnoreCase) || problem.ToString().Contains($"\"{field}\"", StringComparison.OrdinalIgnoreCase)
        || problem.GetProperty("detail").GetString()!.Contains(field, StringComparison.OrdinalIgnoreCase);

    private async Task<long> EventsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM kpi.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
