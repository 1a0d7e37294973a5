using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using KpiService.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KpiService.Tests.Operations;

/// <summary>The service trusting a test issuer (Auth:Bearer with a configured signing key, as an offline installation would).</summary>
public sealed class SingleSignOnFixture : IAsyncLifetime
{
    public const string Issuer = "https://login.test.example/0b6f5a55-council/v2.0";
    public const string Audience = "api://kpi-service";

    public RSA IssuerKey { get; } = RSA.Create(2048);
    public WebApplicationFactory<ServerAssembly> Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("sso");
        Factory = new WebApplicationFactory<ServerAssembly>().WithWebHostBuilder(web =>
        {
            ServiceFixture.UseTestSettings(web, connectionString);
            web.UseSetting("Auth:Bearer:Issuer", Issuer);
            web.UseSetting("Auth:Bearer:Audience", Audience);
            web.UseSetting("Auth:Bearer:SigningKey", IssuerKey.ExportSubjectPublicKeyInfoPem());
        });
        (await Factory.CreateClient().GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    /// <summary>A token as Entra ID would issue it: oid, name, app roles, optionally the authorities claim.</summary>
    public string Token(string[] roles, string[]? authorities = null, string issuer = Issuer, string audience = Audience,
        DateTime? expires = null, RSA? signedWith = null)
    {
        var claims = new Dictionary<string, object> { ["oid"] = "7d1c6f0e-analyst", ["name"] = "A. Analyst", ["roles"] = roles };
        if (authorities is not null) claims["kpi_authorities"] = authorities;
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience, Claims = claims,
            IssuedAt = expiry.AddHours(-1), NotBefore = expiry.AddHours(-1), Expires = expiry,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signedWith ?? IssuerKey), SecurityAlgorithms.RsaSha256),
        });
    }

    public HttpClient Bearer(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        IssuerKey.Dispose();
    }
}

/// <summary>
/// Bearer tokens sit beside API keys and feed the same client model: roles become scopes and authorities, checked by
/// the same authorization behaviour, so a role lacking the scope is a 403 exactly as a key lacking it is.
/// </summary>
public sealed class SingleSignOnTests(SingleSignOnFixture sso) : IClassFixture<SingleSignOnFixture>
{
    private const string Figure = "/api/v1/authorities/916/measures/re-referrals/figures/2021-09";

    [Fact]
    public async Task ValidToken_WithTheRole_ReadsAndWritesAsItsRolesAllow()
    {
        using var analyst = sso.Bearer(sso.Token(["Kpi.Read", "Kpi.Submit.916"]));
        (await analyst.GetAsync("/api/v1/measures")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var written = await analyst.PutAsJsonAsync(Figure, new { numerator = 140, denominator = 640 });
        written.IsSuccessStatusCode.ShouldBeTrue(await written.Content.ReadAsStringAsync());
        // Submit was granted for 916 only: Slough (871) is another authority.
        (await analyst.PutAsJsonAsync("/api/v1/authorities/871/measures/re-referrals/figures/2021-09", new { numerator = 1, denominator = 10 }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UnqualifiedRole_AppliesToTheAuthoritiesTheTokenLists()
    {
        using var council = sso.Bearer(sso.Token(["Kpi.Submit"], authorities: ["E10000013"]));
        (await council.PutAsJsonAsync("/api/v1/authorities/916/measures/re-referrals/figures/2021-10", new { numerator = 150, denominator = 650 })).IsSuccessStatusCode.ShouldBeTrue();
        (await council.PutAsJsonAsync("/api/v1/authorities/871/measures/re-referrals/figures/2021-10", new { numerator = 1, denominator = 10 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TokenWhoseRolesLackTheScope_IsForbidden_AndStoresNothing()
    {
        using var reader = sso.Bearer(sso.Token(["Kpi.Read", "Other.Submit", "Submit"]));
        var refused = await reader.PutAsJsonAsync("/api/v1/authorities/916/measures/re-referrals/figures/2020-01", new { numerator = 1, denominator = 10 });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.GetAsync("/api/v1/authorities/916/measures/re-referrals/figures/2020-01/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> RefusedTokens => new()
    {
        { "expired", "expired" }, { "wrong audience", "audience" }, { "wrong issuer", "issuer" }, { "tampered", "signature" }, { "signed by another key", "signature" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task RefusedToken_Is401_WithTheReason(string kind, string reasonMentions)
    {
        using var other = RSA.Create(2048);
        var token = kind switch
        {
            "expired" => sso.Token(["Kpi.Admin"], expires: DateTime.UtcNow.AddMinutes(-10)),
            "wrong audience" => sso.Token(["Kpi.Admin"], audience: "api://another-service"),
            "wrong issuer" => sso.Token(["Kpi.Admin"], issuer: "https://login.test.example/another-tenant/v2.0"),
            "tampered" => Tamper(sso.Token(["Kpi.Read"])),
            _ => sso.Token(["Kpi.Admin"], signedWith: other),
        };
        using var client = sso.Bearer(token);
        var response = await client.GetAsync("/api/v1/measures");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        (await response.Content.ReadAsStringAsync()).ShouldContain(reasonMentions, Case.Insensitive);
    }

    [Fact]
    public async Task ApiKeys_StillWork_BesideTokens()
    {
        using var admin = sso.Factory.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", ServiceFixture.AdminKey);
        (await admin.GetAsync("/api/v1/measures")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var nobody = sso.Factory.CreateClient();
        (await nobody.GetAsync("/api/v1/measures")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SwaggerDocument_OffersBothSchemes()
    {
        var document = await (await sso.Factory.CreateClient().GetAsync("/swagger/v1/swagger.json")).Json();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("ApiKey").GetProperty("in").GetString().ShouldBe("header");
        schemes.GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
        document.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ShouldBe(["ApiKey", "Bearer"], ignoreOrder: true);
    }

    // Raise the roles in the payload: the signature no longer matches what is signed.
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("Kpi.Read", "Kpi.Admin", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
