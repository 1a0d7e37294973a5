using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace KpiService.Tests.Reliability;

/// <summary>
/// Hundreds of malformed and hostile requests against the real service: each gets a 4xx problem document (or the
/// right gRPC status), never a 5xx, and nothing is stored.
/// </summary>
public sealed class BadInputCorpusTests(KestrelServiceFixture service, ITestOutputHelper output) : IClassFixture<KestrelServiceFixture>
{
    private static readonly string[] Hostile =
    [
        "'; DROP TABLE kpi.mt_events; --", "\" OR 1=1 --", "<script>alert(1)</script>", "../../../../etc/passwd", "%00", "\u0000",
        "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "=cmd|' /C calc'!A0", "‮gnp.exe", "🙂🙂🙂", new string('x', 5_000), "null", "E10000013\r\nX-Injected: 1",
    ];

    private static readonly string[] BrokenJson =
    [
        "", "{", "}", "[", "{\"value\":", "{\"value\": 1,}", "{'value': 1}", "{\"value\": NaN}", "{\"value\": Infinity}", "{\"value\": -Infinity}",
        "{\"value\": 1e400}", "{\"value\": 99999999999999999999999999999999999999999}", "{\"value\": \"12\"}", "{\"value\": true}", "{\"value\": [1]}",
        "{\"value\": {\"a\": 1}}", "{\"numerator\": \"ten\", \"denominator\": 5}", "{\"value\": 12 /* comment */}", "[1, 2, 3]", "null", "\"just a string\"", "42",
        "{\"value\": 0x1F}", "{\"value\": 1.2.3}", "{\"value\": --1}", "{\"note\": \"\\ud800\"}", "{\"value\": 1} trailing", new string('[', 2_000) + new string(']', 2_000),
        "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 301),
    ];

    private static readonly string[] BadPeriods = ["2021-13", "2021-00", "21-09", "2021/09", "2021-22-Q9", "September", "2021-09-01", "-1", "9999-99", "2021-2"];
    private static readonly string[] BadCodes = ["E99999999", "000", "99999", "e10000013x", "X", "916.0", "-916", "9160000000000000000"];

    private long _requests, _fiveHundreds;
    private readonly List<string> _problems = [];

    [Fact]
    public async Task MalformedAndHostileRequests_Get4xxAndStoreNothing()
    {
        using var http = new HttpClient { BaseAddress = new Uri(service.RestUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", KestrelServiceFixture.AdminKey);
        var eventsBefore = await CountEventsAsync();

        string[] jsonEndpoints =
        [
            "PUT /api/v1/authorities/916/measures/re-referrals/figures/2021-09",
            "POST /api/v1/authorities/916/returns",
            "PUT /api/v1/authorities/916/measures/re-referrals/targets/2021-04",
            "PUT /api/v1/measures/new-measure",
            "POST /api/v1/clients",
            "PUT /api/v1/comparator-groups/my-group",
            "PUT /api/v1/authorities/916/population/2021",
            "PUT /api/v1/authorities/916/dimensions/locality",
        ];
        foreach (var endpoint in jsonEndpoints)
            foreach (var body in BrokenJson)
                await ExpectClientErrorAsync(http, endpoint, body, "application/json");

        foreach (var text in Hostile)
        {
            var escaped = Uri.EscapeDataString(text.Length > 300 ? text[..300] : text);
            foreach (var path in new[]
            {
                $"GET /api/v1/authorities/{escaped}", $"GET /api/v1/measures/{escaped}", $"GET /api/v1/authorities/916/measures/{escaped}/ratings/2021-09",
                $"GET /api/v1/authorities/916/measures/re-referrals/ratings/{escaped}", $"GET /api/v1/authorities/916/measures/re-referrals/figures?breakdown={escaped}",
                $"GET /api/v1/measures/re-referrals/comparison/2023-24?authority={escaped}", $"PUT /api/v1/authorities/{escaped}/measures/re-referrals/figures/2021-09",
            })
                await ExpectClientErrorAsync(http, path, """{"numerator": 1, "denominator": 2}""", "application/json");
            var json = System.Text.Json.JsonSerializer.Serialize(text);
            await ExpectClientErrorAsync(http, "PUT /api/v1/authorities/916/measures/re-referrals/figures/2021-09", $$"""{"numerator": 300, "denominator": 2, "note": {{json}}}""", "application/json");
            await ExpectClientErrorAsync(http, "POST /api/v1/authorities/916/returns", $$"""{"figures": [{"measure": {{json}}, "period": {{json}}, "breakdown": {{json}}, "value": 1}]}""", "application/json");
            await ExpectClientErrorAsync(http, "POST /api/v1/authorities/916/returns", $"measure,period,value,numerator,denominator\n\"{text.Replace("\"", "\"\"")}\",2021-09,1,,\n", "text/csv");
            await ExpectClientErrorAsync(http, "PUT /api/v1/measures/bad", $$"""{"title": {{json}}, "area": {{json}}, "unit": {{json}}, "polarity": "higher", "decimalPlaces": 1, "aggregation": "ratio"}""", "application/json");
            await ExpectClientErrorAsync(http, "POST /api/v1/clients", $$"""{"name": {{json}}, "scopes": [{{json}}], "authorities": [{{json}}]}""", "application/json");
            await ExpectClientErrorAsync(http, "PUT /api/v1/comparator-groups/x", $$"""{"name": {{json}}, "members": [{{json}}]}""", "application/json");
            await ExpectClientErrorAsync(http, "POST /api/v1/benchmarks", $"measure,period,level,code,value\n{text.Replace(",", "")},2021-22,authority,916,1\n", "text/csv");
        }

        foreach (var period in BadPeriods)
        {
            await ExpectClientErrorAsync(http, $"PUT /api/v1/authorities/916/measures/re-referrals/figures/{period}", """{"value": 20}""", "application/json");
            await ExpectClientErrorAsync(http, $"GET /api/v1/authorities/916/measures/re-referrals/ratings/{period}", (string?)null, null);
            await ExpectClientErrorAsync(http, $"GET /api/v1/measures/re-referrals/league/{period}", (string?)null, null);
            await ExpectClientErrorAsync(http, $"PUT /api/v1/authorities/916/measures/re-referrals/targets/{period}", """{"target": 20, "tolerance": 2}""", "application/json");
        }
        foreach (var code in BadCodes)
        {
            await ExpectClientErrorAsync(http, $"PUT /api/v1/authorities/{code}/measures/re-referrals/figures/2021-09", """{"value": 20}""", "application/json");
            await ExpectClientErrorAsync(http, $"GET /api/v1/authorities/{code}/neighbours", (string?)null, null);
            await ExpectClientErrorAsync(http, $"POST /api/v1/authorities/{code}/returns", """{"figures": [{"measure": "re-referrals", "period": "2021-09", "value": 1}]}""", "application/json");
        }

        string[] brokenCsv =
        [
            "", "measure,period\n", "a,b,c,d,e\n1,2,3,4,5\n", "measure,period,value,numerator,denominator\n\"unterminated,2021-09,1,,\n",
            "measure,period,value,numerator,denominator\nre-referrals,2021-09,1,,,,,,\n", "measure,period,value,numerator,denominator\nre-referrals,2021-09,abc,,\n",
            "measure,period,value,numerator,denominator\nre-referrals,2021-09,,5,\n", "measure,period,value,numerator,denominator\nre-referrals,2021-09,,-5,10\n",
            "measure,period,value,numerator,denominator\nre-referrals,2021-09,1e999,,\n", "\u0000\u0001\u0002binary",
            "measure,period,value,numerator,denominator\n" + new string('x', 10_000) + ",2021-09,1,,\n",
        ];
        foreach (var csv in brokenCsv) await ExpectClientErrorAsync(http, "POST /api/v1/authorities/916/returns", csv, "text/csv");
        await ExpectClientErrorAsync(http, "POST /api/v1/authorities/916/returns", """{"figures":[]}""", "application/xml");

        // Invalid UTF-8 in JSON and CSV.
        byte[] invalidUtf8 = [.. Encoding.ASCII.GetBytes("{\"value\": 1, \"note\": \""), 0xC3, 0x28, 0xFF, .. Encoding.ASCII.GetBytes("\"}")];
        await ExpectClientErrorAsync(http, "PUT /api/v1/authorities/916/measures/re-referrals/figures/2021-09", invalidUtf8, "application/json");
        await ExpectClientErrorAsync(http, "POST /api/v1/authorities/916/returns", [.. Encoding.ASCII.GetBytes("measure,period,value,numerator,denominator\nre-"), 0xFF, 0xFE, .. Encoding.ASCII.GetBytes(",2021-09,1,,\n")], "text/csv");

        // Oversized: 17 MB against the 16 MB limit.
        var huge = new byte[17 * 1024 * 1024];
        Array.Fill(huge, (byte)' ');
        // Expect: 100-continue lets the server refuse before the body is sent, as a well-behaved client would see it.
        var oversized = await SendAsync(http, "POST /api/v1/authorities/916/returns", huge, "application/json", expectContinue: true);
        oversized.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        await GrpcCorpusAsync();

        output.WriteLine($"bad input: {_requests} requests, {_fiveHundreds} answered 5xx");
        _problems.ShouldBeEmpty();
        _requests.ShouldBeGreaterThanOrEqualTo(500);
        (await CountEventsAsync()).ShouldBe(eventsBefore);
    }

    private async Task GrpcCorpusAsync()
    {
        using var grpc = new HttpClient();
        string[] methods = ["kpi.v1.Figures/SubmitFigure", "kpi.v1.Figures/SubmitReturn", "kpi.v1.Ratings/GetRating", "kpi.v1.Peers/GetComparison", "kpi.v1.Ratings/WatchRatings"];
        var random = new Random(7);
        foreach (var method in methods)
        {
            for (var i = 0; i < 12; i++)
            {
                var garbage = new byte[random.Next(1, 200)];
                random.NextBytes(garbage);
                byte[] body = (i % 4) switch
                {
                    0 => Frame(garbage),                                       // random bytes as protobuf
                    1 => Frame(garbage)[..Math.Min(4, garbage.Length)],        // a truncated frame header
                    2 => [0, 0x7F, 0xFF, 0xFF, 0xFF, .. garbage],              // a 2 GB length prefix
                    _ => [1, .. Frame(garbage)[1..]],                          // "compressed" without an encoding
                };
                var status = await GrpcStatusAsync(grpc, method, body, unparseable: i % 4 == 0);
                _requests++;
                if (status is null) _problems.Add($"gRPC {method} #{i}: no status");
            }
            var wrongType = new HttpRequestMessage(HttpMethod.Post, $"http://{service.GrpcAddress}/{method}")
            {
                Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent(Frame([])),
            };
            wrongType.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            wrongType.Headers.Add("x-api-key", KestrelServiceFixture.AdminKey);
            var response = await grpc.SendAsync(wrongType);
            _requests++;
            if ((int)response.StatusCode != 415) _problems.Add($"gRPC {method} with JSON: HTTP {(int)response.StatusCode}");
        }
    }

    private async Task<string?> GrpcStatusAsync(HttpClient grpc, string method, byte[] body, bool unparseable)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://{service.GrpcAddress}/{method}")
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        request.Headers.Add("x-api-key", KestrelServiceFixture.AdminKey);
        request.Headers.Add("grpc-timeout", "5S");
        var response = await grpc.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.First() : response.Headers.TryGetValues("grpc-status", out var h) ? h.First() : null;
        // Our code's failures leave as INTERNAL (the interceptor maps them); UNKNOWN would mean something escaped it.
        // Grpc.AspNetCore itself answers UNKNOWN for bytes that are not a protobuf message, before any of our code runs.
        if (status == "2" && !unparseable) _problems.Add($"gRPC {method}: UNKNOWN");
        return status;
    }

    private static byte[] Frame(byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private Task ExpectClientErrorAsync(HttpClient http, string endpoint, string? body, string? contentType) =>
        ExpectClientErrorAsync(http, endpoint, body is null ? null : Encoding.UTF8.GetBytes(body), contentType);

    private async Task ExpectClientErrorAsync(HttpClient http, string endpoint, byte[]? body, string? contentType)
    {
        var response = await SendAsync(http, endpoint, body, contentType);
        var status = (int)response.StatusCode;
        if (status >= 500) _fiveHundreds++;
        var text = await response.Content.ReadAsStringAsync();
        if (status is < 400 or >= 500)
            _problems.Add($"{endpoint} [{Shorten(body)}] → {status} {Shorten(Encoding.UTF8.GetBytes(text))}");
        // Kestrel itself refuses a NUL in the request target before any application code runs: a bare 400 is right there.
        else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" && !(status == 400 && endpoint.Contains("%00") && text.Length == 0))
            _problems.Add($"{endpoint} [{Shorten(body)}] → {status} without problem details");
        if (text.Contains("   at ")) _problems.Add($"{endpoint}: a stack trace in the answer");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, string endpoint, byte[]? body, string? contentType, bool expectContinue = false)
    {
        _requests++;
        var space = endpoint.IndexOf(' ');
        var request = new HttpRequestMessage(new HttpMethod(endpoint[..space]), endpoint[(space + 1)..]);
        request.Headers.ExpectContinue = expectContinue;
        if (body is not null && request.Method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        return await http.SendAsync(request);
    }

    private static string Shorten(byte[]? body) => body is null ? "" : Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 60)));

    private async Task<long> CountEventsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM kpi.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
