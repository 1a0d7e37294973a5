using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KpiService.Tests.Access;

/// <summary>Keys are listed, rotated, revoked and expire; a revoked key is refused at once here and on another replica.</summary>
public sealed class KeyLifecycleTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string Measures = "/api/v1/measures/re-referrals";

    [Fact]
    public async Task RotateOwnKey_NewKeyWorksOldKeyIsRefused()
    {
        var (id, key) = await RegisterAsync(["read"]);
        var rotated = await service.Client(key).PostAsJsonAsync($"/api/v1/clients/{id}/key", new { });
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var newKey = (await rotated.Json()).GetProperty("key").GetString()!;

        newKey.ShouldNotBe(key);
        (await service.Client(newKey).GetAsync(Measures)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var old = await service.Client(key).GetAsync(Measures);
        old.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnotherClientsKey_CannotBeReadOrRotatedWithoutAdmin()
    {
        var (id, _) = await RegisterAsync(["read"]);
        var (_, otherKey) = await RegisterAsync(["read", "submit", "targets"]);
        (await service.Client(otherKey).PostAsJsonAsync($"/api/v1/clients/{id}/key", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await service.Client(otherKey).GetAsync($"/api/v1/clients/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await service.Client(otherKey).GetAsync("/api/v1/clients")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await service.Admin.PostAsJsonAsync($"/api/v1/clients/{id}/key", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoke_RefusesTheKeyAtOnceOnThisAndAnotherReplica_AndListsItAsRevoked()
    {
        var (id, key) = await RegisterAsync(["read"]);
        await using var other = new WebApplicationFactory<ServerAssembly>().WithWebHostBuilder(web => ServiceFixture.UseTestSettings(web, service.ConnectionString));
        var there = other.CreateClient();
        there.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await there.GetAsync(Measures)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await service.Client(key).GetAsync(Measures)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await service.Admin.PostAsJsonAsync($"/api/v1/clients/{id}/revocation", new { reason = "laptop lost" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var here = await service.Client(key).GetAsync(Measures);
        here.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await here.Json()).GetProperty("detail").GetString()!.ShouldContain("revoked");
        await WaitUntilAsync(async () => (await there.GetAsync(Measures)).StatusCode == HttpStatusCode.Unauthorized);

        var listed = (await (await service.Admin.GetAsync("/api/v1/clients")).Json()).GetProperty("clients").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        listed.GetProperty("status").GetString().ShouldBe("revoked");
        listed.GetProperty("revokedReason").GetString().ShouldBe("laptop lost");
        listed.GetProperty("lastUsedAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await service.Admin.PostAsJsonAsync($"/api/v1/clients/{id}/key", new { })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ExpiredKey_IsRefusedAndAPastExpiryIsRejected()
    {
        var past = await service.Admin.PostAsJsonAsync("/api/v1/clients", new { name = "past", scopes = new[] { "read" }, authorities = new[] { "*" }, expiresAt = "2020-01-01T00:00:00Z" });
        past.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await past.Json()).Errors().ShouldContain(e => e.StartsWith("expiresAt", StringComparison.Ordinal));

        var (id, key) = await RegisterAsync(["read"], DateTimeOffset.UtcNow.AddSeconds(2));
        (await service.Client(key).GetAsync(Measures)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await WaitUntilAsync(async () => (await service.Client(key).GetAsync(Measures)).StatusCode == HttpStatusCode.Unauthorized);
        var self = await service.Admin.GetAsync($"/api/v1/clients/{id}");
        (await self.Json()).GetProperty("status").GetString().ShouldBe("expired");
    }

    [Fact]
    public async Task FailedAttemptsFromOneAddress_AreRateLimitedBeforeAnyKeyIsChecked()
    {
        await using var limited = new WebApplicationFactory<ServerAssembly>().WithWebHostBuilder(web =>
        {
            ServiceFixture.UseTestSettings(web, service.ConnectionString);
            web.UseSetting("Auth:FailedAttemptsPerMinute", "5");
        });
        var wrong = limited.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "kpi_000000000000_notarealkeyatallreally");
        for (var i = 0; i < 5; i++) (await wrong.GetAsync(Measures)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var blocked = await wrong.GetAsync(Measures);
        blocked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        blocked.Headers.RetryAfter.ShouldNotBeNull();
        var admin = limited.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", ServiceFixture.AdminKey);
        (await admin.GetAsync(Measures)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests); // same address: blocked whatever the key
    }

    private async Task<(string Id, string Key)> RegisterAsync(string[] scopes, DateTimeOffset? expiresAt = null)
    {
        var response = await service.Admin.PostAsJsonAsync("/api/v1/clients", new { name = "lifecycle", scopes, authorities = new[] { "916" }, expiresAt });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Json();
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(100))
            if (await condition()) return;
        (await condition()).ShouldBeTrue("the condition did not hold within 10 s");
    }
}
