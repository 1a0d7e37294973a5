using KpiService.ReadModels.Assessments;
using MediatR;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KpiService.Hosting;

/// <summary>
/// Logs, metrics and traces on the maintained libraries. Console logs carry a date, the trace id and span id of the
/// request they belong to (W3C <c>traceparent</c> is honoured), and are JSON with
/// <c>Logging__Console__FormatterName=json</c>; one access-log line per request. Metrics (ASP.NET Core, Npgsql, the
/// runtime and the service's own) are scraped at <c>/metrics</c> and pushed over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; traces (ASP.NET Core with gRPC, use cases, Npgsql) go to OTLP only,
/// so a replica with no collector spends nothing recording spans nobody reads.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddKpiTelemetry(this WebApplicationBuilder builder)
    {
        // Formatter choice and options come from Logging:Console (appsettings.json sets a dated UTC timestamp and scopes).
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var services = builder.Services;
        services.AddMetrics();
        services.AddSingleton<TelemetryMetrics>();
        services.AddSingleton<TelemetryStoreListener>();
        services.AddHostedService<ProjectionLagSampler>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TelemetryBehaviour<,>));

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var version = typeof(Telemetry).Assembly.GetName().Version?.ToString();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "kpi-service", serviceVersion: version,
                serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
                .AddMeter(TelemetryMetrics.Name, "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter());
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(TelemetryMetrics.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddNpgsql());
            // Endpoint, protocol and headers from the standard OTEL_EXPORTER_OTLP_* settings.
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>First in the pipeline, so the access log times and sees every request, including refused ones.</summary>
    public static WebApplication UseKpiAccessLog(this WebApplication app)
    {
        app.UseMiddleware<TelemetryAccessLog>();
        return app;
    }

    public static WebApplication MapKpiMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    /// <summary>Health probes and scrapes arrive every few seconds from orchestrators: they are not traced.</summary>
    public static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
