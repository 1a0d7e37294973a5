using JasperFx;
using KpiService.Hosting;

// Content root is the build output, so appsettings.json and ReferenceData/ are found from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddKpiService();
var app = builder.Build();
app.UseKpiService();
// Runs the service, or a JasperFx command on this executable (`db-apply`, `db-assert`, `projections`; `help` lists them).
return await app.RunJasperFxCommands(args);

namespace KpiService
{
    /// <summary>A type from the server assembly, for WebApplicationFactory in tests.</summary>
    public sealed class ServerAssembly;
}
