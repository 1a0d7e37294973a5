using KpiService.ReadModels.EventLog;
using KpiService.Api.Grpc;
using KpiService.Api.Rest;
using KpiService.Common;
using KpiService.Features;
using KpiService.Features.Access;
using KpiService.Features.Peers;
using KpiService.Features.Ratings;
using KpiService.ReadModels;
using KpiService.ReadModels.Peers;
using KpiService.ReadModels.Reference;
using MediatR;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;

namespace KpiService.Hosting;

/// <summary>The service's wiring: what it is made of (<see cref="AddKpiService"/>) and how a request flows (<see cref="UseKpiService"/>).</summary>
public static class ServiceSetup
{
    public static WebApplicationBuilder AddKpiService(this WebApplicationBuilder builder)
    {
        builder.AddKpiTelemetry();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 16 * 1024 * 1024;
            kestrel.AddServerHeader = false;
        });

        var services = builder.Services;
        services.Configure<JsonOptions>(o => Api.ApiJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddCorrelationIds();
        // Binding failures (malformed JSON, wrong types) throw, so the one problem-details mapper names the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemDetailsMapper>();

        services.AddSingleton(sp => KpiDatabase.Open(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<ILogger<KpiDatabase>>()));
        services.AddSingleton(sp => sp.GetRequiredService<KpiDatabase>().DataSource);
        services.AddSingleton<Startup>();
        services.AddHostedService(sp => sp.GetRequiredService<Startup>());
        services.AddKpiMarten();
        Lifecycle.AddLifecycle(services);
        services.AddSingleton(_ => new BankHolidays(ReferenceSeeder.Directory));
        services.AddSingleton<ReadCache>();
        services.AddSingleton<ReferenceStore>();
        services.AddSingleton<ChangedStreams>();
        services.AddSingleton<OwnCommits>();
        services.AddSingleton<ReferenceSeeder>();
        services.AddSingleton<FigureChangeFeed>();
        services.AddSingleton<EventFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<EventFollower>());
        services.AddSingleton(sp => AdminKey.Resolve(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<KpiDatabase>().DataDirectory, sp.GetRequiredService<ILogger<AdminKey>>()));
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return new ClientRateLimiter(configuration.GetValue<double?>("RateLimit:PerSecond") ?? 2_000, configuration.GetValue<double?>("RateLimit:Burst") ?? 4_000);
        });
        services.AddSingleton(sp => new FailedKeyAttempts(
            sp.GetRequiredService<IConfiguration>().GetValue<int?>("Auth:FailedAttemptsPerMinute") ?? 20, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ReadModels.Access.ClientUsage>();
        services.AddHostedService<ClientUsageFlusher>();
        services.AddSingleton<KeyChecker>();
        services.AddScoped<ReadPolicy>();
        services.AddScoped<CurrentClient>();
        services.AddScoped<StreamWrites>();
        services.AddScoped<Features.Catalogue.CatalogueChanges>();
        services.AddScoped<Features.Catalogue.ScheduleChanges>();
        services.AddSingleton<ReadModels.Catalogue.CommentaryQueries>();
        services.AddSingleton<PublishedFiguresSeed>();
        services.AddSingleton<ReadModels.Benchmarks.BenchmarkSets>();
        services.AddSingleton<TimeProvider>(StoredClock.Instance);
        services.AddSingleton<PeerValues>();
        services.AddSingleton<ReadModels.Assessments.Assessor>();
        services.AddSingleton<ReadModels.Rebuild.ReadModelRebuild>();
        services.AddSingleton<LegacyStoreMigration>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddMediation(typeof(ServiceSetup).Assembly);
        // Stop a rule at its first failure: "is required" is enough, and later checks need the value to exist.
        FluentValidation.ValidatorOptions.Global.DefaultRuleLevelCascadeMode = FluentValidation.CascadeMode.Stop;
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddRestApiDocumentation();
        services.AddGrpcApi(builder.Configuration);
        services.AddSingleSignOn(builder.Configuration);
        return builder;
    }

    public static WebApplication UseKpiService(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var configuration = app.Services.GetRequiredService<IConfiguration>();
            app.Logger.LogInformation("KpiService is up: REST and Swagger UI at {Rest}/swagger, gRPC at {Grpc}",
                configuration["Kestrel:Endpoints:Rest:Url"] ?? string.Join(", ", app.Urls), configuration["Kestrel:Endpoints:Grpc:Url"] ?? "(no gRPC endpoint)");
        });
        // First, so every answer (problems, 404s, rate limits, gRPC) carries the correlation id.
        app.UseMiddleware<CorrelationIds>();
        app.UseKpiAccessLog();
        app.UseMiddleware<ServerTiming>();
        // Before the transports: a bearer token signs the client in for REST and gRPC alike.
        app.UseMiddleware<BearerSignIn>();
        app.UseExceptionHandler();
        // Every error answer is problem details, including routing's own 404 and 405.
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            // Degraded is a replica stopping (Lifecycle): not ready, so a load balancer sends it nothing new.
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
        });
        app.MapProjectionHealth();
        app.MapKpiMetrics();
        app.MapRestApi();
        app.MapGrpcApi();
        app.UseRestApiDocumentation();
        return app;
    }
}
