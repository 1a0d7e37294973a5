using System.Net;

namespace KpiService.Tests.Foundation;

public sealed class HostTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Health_LiveAndReadyAnswerWithoutAKey()
    {
        var anonymous = service.Client(null);
        (await anonymous.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await anonymous.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Swagger_DocumentDescribesTheApiAndItsKeyScheme()
    {
        var anonymous = service.Client(null);
        var document = await (await anonymous.GetAsync("/swagger/v1/swagger.json")).Json();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/authorities/{authority}/measures/{measure}/figures/{period}");
        paths.ShouldContain("/api/v1/authorities/{authority}/returns");
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString().ShouldBe("X-Api-Key");
        (await anonymous.GetAsync("/swagger/index.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Swagger_GeneratedForManyReadersAtOnce_AnswersEveryOne_AndStillAnswersAfterwards()
    {
        // Two Swagger UI tabs opening together once corrupted a shared, non-thread-safe NullabilityInfoContext, and every
        // later request for the document was a 500 until the process restarted.
        var anonymous = service.Client(null);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => (await anonymous.GetAsync("/swagger/v1/swagger.json")).StatusCode));
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
        (await anonymous.GetAsync("/swagger/v1/swagger.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnbindableQueryValue_Is400NamingTheParameter()
    {
        var response = await service.Admin.GetAsync("/api/v1/working-days?from=first-of-september&to=2021-11-03");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Json()).Errors().ShouldContain(e => e.StartsWith("from:"));
        var counted = await (await service.Admin.GetAsync("/api/v1/working-days?from=2021-09-01&to=2021-11-03")).Json();
        counted.GetProperty("workingDays").GetInt32().ShouldBe(46);
    }

    [Fact]
    public async Task MalformedJson_IsAProblemDetailsNaming400()
    {
        var response = await service.Admin.PutAsync("/api/v1/authorities/916/measures/re-referrals/figures/2021-09",
            new StringContent("""{"numerator": "lots"}""", System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Json();
        problem.GetProperty("type").GetString()!.ShouldEndWith("/validation");
        problem.Errors().ShouldContain(e => e.StartsWith("numerator"));
    }
}
