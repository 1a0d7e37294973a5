using System.Net;
using System.Net.Http.Json;

namespace KpiService.Tests.ReferenceData;

/// <summary>Reference data is versioned: ETags on reads and writes, If-Match and If-None-Match honoured, concurrent writers never silently overwrite.</summary>
public sealed class ConditionalWritesTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static object Measure(string title, string unit = "percentage") =>
        new { title, area = "Front door", unit, polarity = "higher", decimalPlaces = 1, aggregation = unit == "count" ? "flow" : "ratio" };

    [Fact]
    public async Task IfNoneMatchStar_CreatesOnceThenRefuses()
    {
        var first = await Send(HttpMethod.Put, "/api/v1/measures/conditional-create", Measure("First"), ifNoneMatch: "*");
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        first.Headers.ETag!.Tag.ShouldBe("\"1\"");
        first.Headers.Location!.ToString().ShouldBe("/api/v1/measures/conditional-create");

        var again = await Send(HttpMethod.Put, "/api/v1/measures/conditional-create", Measure("Second"), ifNoneMatch: "*");
        again.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await (await service.Admin.GetAsync("/api/v1/measures/conditional-create")).Json()).GetProperty("title").GetString().ShouldBe("First");
    }

    [Fact]
    public async Task StaleIfMatch_Is412AndChangesNothing_CurrentIfMatchWins_RepeatedPutChangesNothing()
    {
        var created = await Send(HttpMethod.Put, "/api/v1/comparator-groups/conditional-club", new { name = "Club", members = new[] { "871", "303" } });
        var etag = created.Headers.ETag!.Tag;
        var changed = await Send(HttpMethod.Put, "/api/v1/comparator-groups/conditional-club", new { name = "Club", members = new[] { "871", "303", "314" } }, ifMatch: etag);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag!.Tag.ShouldBe("\"2\"");

        var stale = await Send(HttpMethod.Put, "/api/v1/comparator-groups/conditional-club", new { name = "Lost update", members = new[] { "871" } }, ifMatch: etag);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var same = await Send(HttpMethod.Put, "/api/v1/comparator-groups/conditional-club", new { name = "Club", members = new[] { "871", "303", "314" } });
        same.Headers.ETag!.Tag.ShouldBe("\"2\""); // the same content again is not a new version

        var read = await service.Admin.GetAsync("/api/v1/comparator-groups/conditional-club");
        read.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await read.Json()).GetProperty("members").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task SixteenConcurrentWritersWithTheSameETag_ExactlyOneWins()
    {
        var created = await Send(HttpMethod.Put, "/api/v1/authorities/916/measures/re-referrals/targets/2022-04", new { target = 20, tolerance = 2 });
        var etag = created.Headers.ETag!.Tag;
        using var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return (await Send(HttpMethod.Put, "/api/v1/authorities/916/measures/re-referrals/targets/2022-04", new { target = 20 + i + 1, tolerance = 2 }, ifMatch: etag)).StatusCode;
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(writers);

        outcomes.Count(s => s == HttpStatusCode.OK).ShouldBe(1);
        outcomes.Count(s => s == HttpStatusCode.PreconditionFailed).ShouldBe(15);
        var history = await service.Admin.GetAsync("/api/v1/authorities/916/measures/re-referrals/targets");
        history.Headers.ETag!.Tag.ShouldBe("\"2\"");
    }

    [Fact]
    public async Task UnitOfAMeasureWithFigures_CannotChange_NamingTheRule()
    {
        (await Send(HttpMethod.Put, "/api/v1/measures/conditional-unit", Measure("Unit", "count"))).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/conditional-unit/figures/2021-09", new { value = 12 })).EnsureSuccessStatusCode();

        var change = await Send(HttpMethod.Put, "/api/v1/measures/conditional-unit", Measure("Unit"));
        change.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await change.Json()).Errors().ShouldContain(e => e.StartsWith("unit:") && e.Contains("figures stored"));
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string url, object body, string? ifMatch = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return service.Admin.SendAsync(request);
    }
}
