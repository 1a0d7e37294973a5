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

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var streams = commit.GetEvents().Select(e => e.StreamKey).OfType<string>().Distinct().ToList();
        return streams.Count == 0 ? Task.CompletedTask : Changes.ApplyAsync(streams, token);
    }
}
