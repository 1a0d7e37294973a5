using JasperFx.Events.Daemon;
using Marten;

namespace KpiService.Hosting;

/// <summary>One async projection's progress: how far it has read of the event log, how far the log goes.</summary>
public sealed record ProjectionLag(string Projection, long Sequence, long HighWaterMark, long Behind);

/// <summary>Whether this replica runs the async projections now (one does at a time), and how far behind each is.</summary>
public sealed record ProjectionStatus(bool Leader, IReadOnlyList<ProjectionLag> Projections);

public static class ProjectionHealth
{
    public static async Task<ProjectionStatus> ReadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var coordinator = services.GetRequiredService<IProjectionCoordinator>();
        var leader = coordinator.DaemonForMainDatabase().CurrentAgents().Count > 0;
        var progress = await services.GetRequiredService<IDocumentStore>().Advanced.AllProjectionProgress(token: cancellationToken);
        var highWater = progress.FirstOrDefault(p => p.ShardName.Equals("HighWaterMark", StringComparison.Ordinal))?.Sequence ?? 0;
        var lags = progress.Where(p => !p.ShardName.StartsWith("HighWaterMark", StringComparison.Ordinal))
            .Select(p => new ProjectionLag(p.ShardName, p.Sequence, highWater, Math.Max(0, highWater - p.Sequence))).ToList();
        return new ProjectionStatus(leader, lags);
    }

    public static void MapProjectionHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health/projections", (HttpContext http, CancellationToken ct) => ReadAsync(http.RequestServices, ct))
            .WithTags("Health").WithSummary("Async projections: whether this replica runs them (one leader at a time) and how many events each is behind.");
}
