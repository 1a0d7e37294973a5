using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace KpiService.Api.Rest;

/// <summary>
/// One correlation id per request: the W3C trace id of the request's Activity, so it is the trace id an incoming
/// <c>traceparent</c> carried (ASP.NET Core continues that trace), the one OpenTelemetry exports, and the one in the
/// logs. It is echoed as <c>X-Correlation-Id</c> on every answer, written as <c>traceId</c> into every problem document
/// (the service's own and the framework's 404/405), and recorded as the correlation id of the events a request appends.
/// Every 401 also says how to authenticate (<c>WWW-Authenticate</c>), whichever layer refused the request.
/// </summary>
public sealed class CorrelationIds(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";
    public const string Authenticate = "ApiKey realm=\"KpiService\", header=\"" + ApiKeyMiddleware.Header + "\"";
    private static readonly object Key = new();

    public Task InvokeAsync(HttpContext context)
    {
        var id = Of(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[Header] = id;
            if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && !headers.ContainsKey("WWW-Authenticate"))
                headers.WWWAuthenticate = Authenticate;
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>The request's correlation id (32 lower-case hex digits), decided once per request.</summary>
    public static string Of(HttpContext context)
    {
        if (context.Items.TryGetValue(Key, out var known) && known is string id) return id;
        id = (context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } activity
            ? activity.TraceId.ToHexString()
            : FromTraceparent(context.Request.Headers["traceparent"].ToString()) ?? ActivityTraceId.CreateRandom().ToHexString();
        context.Items[Key] = id;
        return id;
    }

    /// <summary>Without an Activity (no listener at all), still honour the caller's trace: 00-{32 hex}-{16 hex}-{2 hex}.</summary>
    private static string? FromTraceparent(string traceparent)
    {
        var parts = traceparent.Split('-');
        return parts is [{ Length: 2 }, { Length: 32 } trace, { Length: 16 }, { Length: 2 }] && trace.All(char.IsAsciiHexDigitLower) && trace.Any(c => c != '0')
            ? trace : null;
    }
}

public static class CorrelationIdSetup
{
    /// <summary>Problem documents written by the framework (status code pages: routing's 404 and 405) carry the same traceId.</summary>
    public static IServiceCollection AddCorrelationIds(this IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.Http.ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                context.ProblemDetails.Extensions["traceId"] = CorrelationIds.Of(context.HttpContext);
            };
        });
}
