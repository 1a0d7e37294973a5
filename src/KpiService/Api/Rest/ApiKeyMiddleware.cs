using KpiService.Domain.Reference;
using KpiService.ReadModels.Reference;
using KpiService.Features.Access;

namespace KpiService.Api.Rest;

/// <summary>
/// Checks <c>X-Api-Key</c> on every <c>/api</c> request (health and Swagger are open), signs the client in for the
/// request, and applies its rate limit. The key itself is never logged.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, AdminKey adminKey, ReferenceStore reference, ClientRateLimiter limiter)
{
    public const string Header = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context, CurrentClient client)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        client.CorrelationId = CorrelationIds.Of(context);
        var presented = context.Request.Headers[Header].ToString();
        if (!Authenticate(presented, client, adminKey, reference.Current))
        {
            await ProblemDetailsMapper.WriteAsync(context, ProblemDetailsMapper.Problem(401, "unauthenticated", "A valid X-Api-Key is required.",
                presented.Length == 0 ? "This request has no X-Api-Key header." : "The X-Api-Key is not a key this service issued."));
            return;
        }
        if (!limiter.TryAcquire(client.Id!, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ProblemDetailsMapper.WriteAsync(context, ProblemDetailsMapper.Problem(429, "rate-limited", "Too many requests.",
                "This client has sent more requests than its rate limit allows; retry after the interval given."));
            return;
        }
        await next(context);
    }

    public static bool Authenticate(string presented, CurrentClient client, AdminKey adminKey, ReferenceSnapshot reference)
    {
        if (presented.Length is 0 or > 200) return false;
        if (ApiKeys.IsAdminKey(presented, adminKey.Value))
        {
            client.SignIn("admin", "admin", [new ScopeGrant(Scopes.Admin, true, [])], isOperator: true);
            return true;
        }
        if (!ApiKeys.TryParse(presented, out var id, out var secret) || !reference.Clients.TryGetValue(id, out var registered)) return false;
        if (!ApiKeys.Matches(registered.Salt, registered.KeyHash, secret)) return false;
        client.SignIn(registered.Id, registered.Name, registered.Scopes);
        return true;
    }
}
