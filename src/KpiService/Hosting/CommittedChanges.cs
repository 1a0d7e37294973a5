using KpiService.ReadModels;
using Marten;
using Marten.Services;

namespace KpiService.Hosting;

/// <summary>
/// After a session of this replica commits, drop the cached reads its events affect (and reload reference data it
/// changed) before the request's answer is sent; other replicas learn of it from <see cref="EventFollower"/>.
/// </summary>
public sealed class CommittedChanges(IServiceProvider services) : DocumentSessionListenerBase
{
    // Resolved late: the listener is handed to Marten while the store itself is being built.
    private ChangedStreams Changes => services.GetRequiredService<ChangedStreams>();

    private OwnCommits Own => services.GetRequiredService<OwnCommits>();

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var events = commit.GetEvents().ToList();
        if (events.Count == 0) return Task.CompletedTask;
        Own.Applied(events.Select(e => e.Sequence).Where(s => s > 0));
        return Changes.ApplyAsync(events.Select(e => e.StreamKey).OfType<string>().Distinct(), token);
    }
}
