using System.Diagnostics;
using System.Globalization;

namespace KpiService.Api.Rest;

/// <summary>
/// Adds <c>Server-Timing: app;dur=…</c> (milliseconds) to every response: how long the service itself took,
/// without the network. Benchmarks read it, and so can browser dev tools.
/// </summary>
public sealed class ServerTiming(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = "app;dur=" + elapsed.ToString("F3", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
