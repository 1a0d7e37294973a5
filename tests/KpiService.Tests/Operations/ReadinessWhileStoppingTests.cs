using System.Net;
using KpiService.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KpiService.Tests.Operations;

/// <summary>
/// A replica asked to stop is not ready (503, so a load balancer sends it nothing new) but reports it as Degraded:
/// a planned stop, logged as a warning, where an Unhealthy check would log an error on every rollout.
/// </summary>
public sealed class ReadinessWhileStoppingTests
{
    [Fact]
    public async Task StoppingReplica_AnswersReady503_Degraded()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("stopping");
        var drain = new HeldDrain();
        await using var factory = new WebApplicationFactory<ServerAssembly>().WithWebHostBuilder(web =>
        {
            ServiceFixture.UseTestSettings(web, connectionString);
            web.ConfigureServices(services => services.AddHostedService(_ => drain));
        });
        var client = factory.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The stop signal (as SIGTERM raises it), with the host held in its drain as a slow in-flight request would hold it.
        factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await drain.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Degraded");
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        drain.Release();
    }

    /// <summary>Stops first (registered last) and holds the host's stop until released, so it is not disposed under the test.</summary>
    private sealed class HeldDrain : IHostedService
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;
        public void Release() => _released.TrySetResult();
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _reached.TrySetResult();
            return _released.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }
}
