using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Microsoft.OpenApi;

namespace KpiService.Hosting;

/// <summary>
/// <c>Auth:Bearer</c>: single sign-on beside API keys. People (and services with a workload identity) present an
/// OpenID Connect access token — from Microsoft Entra ID in most councils — and get the same scopes and authorities
/// an API key carries, from app roles or delegated scopes (see <see cref="BearerClaims"/>).
/// </summary>
public sealed record SingleSignOnOptions
{
    /// <summary>The token issuer, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>; empty turns bearer tokens off.</summary>
    public string? Issuer { get; init; }
    /// <summary>The service's application ID URI or client id, e.g. <c>api://kpi-service</c>.</summary>
    public string? Audience { get; init; }
    /// <summary>Where the issuer's signing keys are published; default <c>{Issuer}/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; init; }
    /// <summary>A PEM public key that signs tokens, instead of fetching metadata (offline installations and tests).</summary>
    public string? SigningKey { get; init; }
    public bool RequireHttpsMetadata { get; init; } = true;
    /// <summary>The claim holding app roles (Entra: <c>roles</c>); delegated scopes are read from <c>scp</c> as well.</summary>
    public string RoleClaim { get; init; } = "roles";
    /// <summary>Roles and scopes that concern this service start with this: <c>Kpi.Read</c>, <c>Kpi.Submit.916</c>.</summary>
    public string RolePrefix { get; init; } = "Kpi.";
    /// <summary>A claim listing the authorities (GSS code or LA number) that unqualified roles apply to.</summary>
    public string AuthorityClaim { get; init; } = "kpi_authorities";

    public bool Enabled => !string.IsNullOrWhiteSpace(Issuer);
}

public static class SingleSignOn
{
    public const string Section = "Auth:Bearer";

    public static IServiceCollection AddSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        services.AddSingleton(options);
        if (!options.Enabled) return services;
        if (string.IsNullOrWhiteSpace(options.Audience))
            throw new InvalidOperationException($"{Section}:Issuer is set but {Section}:Audience is not: every token must be checked for this service's audience.");

        services.AddAuthentication().AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.MapInboundClaims = false; // keep the issuer's claim names (roles, scp, oid), not WS-Federation URIs
            jwt.Audience = options.Audience;
            jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer, ValidAudience = options.Audience,
                ValidateIssuer = true, ValidateAudience = true, ValidateLifetime = true, ValidateIssuerSigningKey = true,
                RequireExpirationTime = true, RequireSignedTokens = true,
                ClockSkew = TimeSpan.FromMinutes(2), NameClaimType = "name", RoleClaimType = options.RoleClaim,
            };
            if (!string.IsNullOrWhiteSpace(options.SigningKey)) jwt.TokenValidationParameters.IssuerSigningKey = ReadKey(options.SigningKey);
            else jwt.MetadataAddress = options.MetadataAddress ?? options.Issuer!.TrimEnd('/') + "/.well-known/openid-configuration";
        });

        // Swagger UI offers the bearer scheme beside the API key (either will do: two requirements are alternatives).
        services.ConfigureSwaggerGen(swagger =>
        {
            swagger.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = $"An access token from {options.Issuer} for {options.Audience}; its roles ({options.RolePrefix}Read, {options.RolePrefix}Submit.916…) give its scopes.",
            });
            swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        });
        return services;
    }

    /// <summary>An RSA or EC public key in PEM, given inline or as a file path.</summary>
    private static SecurityKey ReadKey(string pem)
    {
        if (!pem.Contains("-----BEGIN", StringComparison.Ordinal) && File.Exists(pem)) pem = File.ReadAllText(pem);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (ArgumentException)
        {
            rsa.Dispose();
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
        }
        var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        return new ECDsaSecurityKey(ec);
    }
}
