using JasperFx;
using KpiService.Hosting;

// `probe`: the container's HEALTHCHECK (the runtime image has no curl); answers 0 when this replica is ready.
if (args is [HealthProbe.Command, ..]) return await HealthProbe.RunAsync();

// Content root is the build output, so appsettings.json and ReferenceData/ are found from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddKpiService();
var app = builder.Build();
app.UseKpiService();
// No arguments: the service. RunAsync stops on SIGTERM, drains (see Lifecycle) and disposes the app itself, so
// nothing may touch app.Services or app.Logger after it returns (that was an ObjectDisposedException on every stop).
// Arguments: a JasperFx command on this executable (`db-apply`, `db-assert`, `projections`; `help` lists them).
return args.Length == 0 ? await Lifecycle.RunAsync(app) : await app.RunJasperFxCommands(args);

namespace KpiService
{
    /// <summary>A type from the server assembly, for WebApplicationFactory in tests.</summary>
    public sealed class ServerAssembly;
}
