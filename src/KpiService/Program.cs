using KpiService.Api;
using KpiService.Api.Grpc;
using KpiService.Grpc;
using KpiService.Features.Peers;
using KpiService.Infrastructure;
using KpiService.Infrastructure.Access;
using KpiService.ReferenceData;
using MediatR;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;

// Content root is the build output, so appsettings.json and ReferenceData/ are found from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 16 * 1024 * 1024;
    kestrel.AddServerHeader = false;
});

var services = builder.Services;
services.Configure<JsonOptions>(o => Json.Configure(o.SerializerOptions));
services.AddProblemDetails();
// Binding failures (malformed JSON, wrong types) throw, so the one problem-details mapper names the field.
services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.AddExceptionHandler<ProblemDetailsMapper>();
services.AddSingleton<DatabaseProvider>();
services.AddSingleton(sp => sp.GetRequiredService<DatabaseProvider>().Database);
services.AddSingleton(sp => sp.GetRequiredService<Database>().DataSource);
services.AddSingleton(sp => sp.GetRequiredService<Database>().Events);
services.AddSingleton(_ => new BankHolidays(ReferenceSeeder.Directory));
services.AddSingleton<ReadCache>();
services.AddSingleton<ReferenceStore>();
services.AddSingleton<ReferenceSeeder>();
services.AddSingleton<BenchmarkImporter>();
services.AddSingleton<FigureChangeFeed>();
services.AddSingleton<ChangeListener>();
services.AddHostedService(sp => sp.GetRequiredService<ChangeListener>());
services.AddSingleton<KpiService.Projections.ProjectionWorker>();
services.AddHostedService(sp => sp.GetRequiredService<KpiService.Projections.ProjectionWorker>());
services.AddSingleton(sp => AdminKey.Resolve(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<Database>().DataDirectory, sp.GetRequiredService<ILogger<AdminKey>>()));
services.AddSingleton(sp =>
{
    var configuration = sp.GetRequiredService<IConfiguration>();
    return new ClientRateLimiter(configuration.GetValue<double?>("RateLimit:PerSecond") ?? 2_000, configuration.GetValue<double?>("RateLimit:Burst") ?? 4_000);
});
services.AddScoped<CurrentClient>();
services.AddScoped<KpiService.Features.ReferenceChanges>();
services.AddSingleton(TimeProvider.System);
services.AddSingleton<KpiService.Features.Figures.FigureStore>();
services.AddSingleton<PeerValues>();
services.AddSingleton<KpiService.Projections.ProjectionRebuild>();
services.AddSingleton<KpiService.Features.Ratings.RatingService>();
services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
services.AddMediation(typeof(Program).Assembly);
// Stop a rule at its first failure: "is required" is enough, and later checks need the value to exist.
FluentValidation.ValidatorOptions.Global.DefaultRuleLevelCascadeMode = FluentValidation.CascadeMode.Stop;
services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
services.AddRestApiDocumentation();
services.AddGrpcApi();

var app = builder.Build();
await Startup.InitializeAsync(app.Services, app.Lifetime.ApplicationStopping);
// Writes through this replica drop the cached reads they affect before their answer is sent.
app.Services.GetRequiredService<KpiService.EventStore.PostgresEventStore>().Appended += app.Services.GetRequiredService<ReadCache>().StreamsChanged;
_ = app.Services.GetRequiredService<AdminKey>();

app.UseMiddleware<ServerTiming>();
// gRPC calls (HTTP/2, application/grpc) are answered here; everything else goes on to REST.
app.UseMiddleware<GrpcDispatcher>();
app.UseExceptionHandler();
// Every error answer is problem details, including routing's own 404 and 405.
app.UseStatusCodePages();
app.UseMiddleware<ApiKeyMiddleware>();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
// Which replica runs the async projections just now (operators and the replica tests ask).
app.MapGet("/health/projections", (KpiService.Projections.ProjectionWorker worker) => new { leader = worker.IsLeader }).ExcludeFromDescription();
app.MapRestApi();
app.UseRestApiDocumentation();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var configuration = app.Services.GetRequiredService<IConfiguration>();
    app.Logger.LogInformation("KpiService is up: REST and Swagger UI at {Rest}/swagger, gRPC at {Grpc}",
        configuration["Kestrel:Endpoints:Rest:Url"] ?? string.Join(", ", app.Urls), configuration["Kestrel:Endpoints:Grpc:Url"] ?? "(no gRPC endpoint)");
});
await app.RunAsync();
await app.Services.GetRequiredService<Database>().DisposeAsync();

namespace KpiService
{
    /// <summary>A type from the server assembly, for WebApplicationFactory in tests.</summary>
    public sealed class ServerAssembly;
}
