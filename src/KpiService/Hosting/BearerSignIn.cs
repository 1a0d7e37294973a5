using System.Security.Claims;
using KpiService.Api.Rest;
using KpiService.Domain.Reference;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace KpiService.Hosting;

/// <summary>
/// Signs a request carrying <c>Authorization: Bearer</c> in as the same <see cref="CurrentClient"/> an API key
/// would: scopes and authorities from its roles, checked by the same authorization behaviour. A token that fails
/// validation is refused on <c>/api</c> with 401 and the reason; the API-key check then leaves a signed-in client alone.
/// </summary>
public sealed class BearerSignIn(RequestDelegate next, SingleSignOnOptions options, ReferenceStore reference)
{
    public async Task InvokeAsync(HttpContext context, CurrentClient client)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!options.Enabled || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (result.Succeeded)
        {
            context.User = result.Principal;
            var (id, name, grants) = BearerClaims.Map(result.Principal, options, reference.Current);
            client.SignIn(id, name, grants);
        }
        else if (context.Request.Path.StartsWithSegments("/api"))
        {
            var reason = Reason(result.Failure);
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{reason}\"";
            await ProblemDetailsMapper.WriteAsync(context, ProblemDetailsMapper.Problem(401, "unauthenticated", "The bearer token was refused.", reason));
            return;
        }
        await next(context);
    }

    // What an operator needs to fix the client's configuration, without echoing the token.
    private static string Reason(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token was issued for another audience.",
        SecurityTokenInvalidIssuerException => "The token comes from an issuer this service does not trust.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature does not verify.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        null => "The Authorization header holds no bearer token.",
        _ => "The token is not valid.",
    };
}

/// <summary>
/// Roles (claim <c>roles</c>, app roles in Entra) and delegated scopes (<c>scp</c>) name the service's scopes:
/// <c>Kpi.Read</c> grants read over the authorities listed in <c>kpi_authorities</c>, or over all of them if the
/// token lists none; <c>Kpi.Submit.916</c> (or <c>Kpi.Submit.E10000013</c>) grants submit for that authority only;
/// <c>Kpi.Admin</c> is the admin scope. Anything else is ignored, so a token without a matching role is signed in
/// but may do nothing (403).
/// </summary>
public static class BearerClaims
{
    public static (string Id, string Name, IReadOnlyList<ScopeGrant> Grants) Map(ClaimsPrincipal principal, SingleSignOnOptions options, ReferenceSnapshot reference)
    {
        string? First(params string[] types) => types.Select(t => principal.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        var subject = First("oid", "sub", "azp", "appid") ?? "unknown";
        var name = First("name", "preferred_username", "upn", "azp", "appid") ?? subject;

        var listed = principal.FindAll(options.AuthorityClaim).SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            .Select(code => reference.FindAuthority(code)?.LaNumber).OfType<int>().Distinct().ToList();
        var values = principal.FindAll(options.RoleClaim).Select(c => c.Value)
            .Concat(principal.FindAll("scp").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

        var grants = new Dictionary<string, (bool All, HashSet<int> Authorities)>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (!value.StartsWith(options.RolePrefix, StringComparison.OrdinalIgnoreCase)) continue;
            var parts = value[options.RolePrefix.Length..].Split('.', 2);
            var scope = Scopes.All.FirstOrDefault(s => s.Equals(parts[0], StringComparison.OrdinalIgnoreCase));
            if (scope is null) continue;
            if (!grants.TryGetValue(scope, out var grant)) grants[scope] = grant = (false, []);
            if (parts.Length == 2)
            {
                if (reference.FindAuthority(parts[1]) is { } authority) grant.Authorities.Add(authority.LaNumber);
            }
            else if (scope == Scopes.Admin || listed.Count == 0) grants[scope] = (true, grant.Authorities);
            else grant.Authorities.UnionWith(listed);
        }
        var mapped = grants.Where(g => g.Value.All || g.Value.Authorities.Count > 0)
            .Select(g => new ScopeGrant(g.Key, g.Value.All, g.Value.All ? [] : [.. g.Value.Authorities.Order()])).ToList();
        return ("sso:" + subject, name, mapped);
    }
}
