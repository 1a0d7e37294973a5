using KpiService.Features.Access;

namespace KpiService.Api.Rest;

/// <summary>
/// Checks <c>X-Api-Key</c> on every <c>/api</c> request (health and Swagger are open), signs the client in for the
/// request, and applies its rate limit. The key itself is never logged.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, KeyChecker keys, ClientRateLimiter limiter)
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
        var source = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // Already signed in by a bearer token (Hosting/BearerSignIn): same client model, same rate limit below.
        var wait = TimeSpan.Zero;
        switch (client.IsAuthenticated ? KeyCheck.Accepted : keys.Check(presented, source, client, out wait))
        {
            case KeyCheck.Accepted:
                break;
            case KeyCheck.Throttled:
                await RefuseAsync(context, wait, ProblemDetailsMapper.Problem(429, "too-many-failed-keys", "Too many failed key attempts.", KeyChecker.Explain(KeyCheck.Throttled)));
                return;
            case var refused:
                await ProblemDetailsMapper.WriteAsync(context, ProblemDetailsMapper.Problem(401, "unauthenticated", "A valid X-Api-Key is required.", KeyChecker.Explain(refused)));
                return;
        }
        if (!limiter.TryAcquire(client.Id!, out var retryAfter))
        {
            await RefuseAsync(context, retryAfter, ProblemDetailsMapper.Problem(429, "rate-limited", "Too many requests.",
                "This client has sent more requests than its rate limit allows; retry after the interval given."));
            return;
        }
        await next(context);
    }

    private static Task RefuseAsync(HttpContext context, TimeSpan retryAfter, Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ProblemDetailsMapper.WriteAsync(context, problem);
    }
}
