using System.Diagnostics;

namespace KpiService.Hosting;

/// <summary>
/// One line per request (category <c>KpiService.Access</c>): method, path, status, milliseconds and trace id, so an
/// operator can join a log line to its trace and to the client's <c>traceparent</c>. The query string is left out
/// (it may name authorities a log reader should not see). Probes are logged at Debug only.
/// Silence it with <c>Logging__LogLevel__KpiService.Access=Warning</c>.
/// </summary>
public sealed partial class TelemetryAccessLog(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("KpiService.Access");

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var milliseconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
            var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
            if (Telemetry.IsProbe(context.Request.Path)) Probe(_logger, context.Request.Method, context.Request.Path, status, milliseconds, traceId);
            else Request(_logger, context.Request.Method, context.Request.Path, status, milliseconds, traceId);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "Request", Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs} ms trace {TraceId}")]
    private static partial void Request(ILogger logger, string method, string path, int status, double elapsedMs, string traceId);

    [LoggerMessage(EventId = 2, EventName = "Probe", Level = LogLevel.Debug, Message = "{Method} {Path} {Status} {ElapsedMs} ms trace {TraceId}")]
    private static partial void Probe(ILogger logger, string method, string path, int status, double elapsedMs, string traceId);
}
