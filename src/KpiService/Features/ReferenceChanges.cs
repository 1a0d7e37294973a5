using KpiService.Common;
using Marten;

namespace KpiService.Features;

/// <summary>
/// Records one reference-data change (a target, a measure, a population…) as an event on its stream, at the
/// stream's current version (two admins saving at once: one gets a 409, not a silent overwrite). The commit reloads
/// this replica's reference snapshot before the answer is sent; other replicas follow the log.
/// </summary>
public sealed class ReferenceChanges(IDocumentSession session)
{
    public async Task RecordAsync(string stream, object @event, CancellationToken cancellationToken)
    {
        var state = await session.Events.FetchStreamStateAsync(stream, cancellationToken);
        session.Events.Append(stream, (state?.Version ?? 0) + 1, @event);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (StoreFailures.IsConflict(e))
        {
            throw new ConflictException($"'{stream}' was changed by another writer at the same moment; nothing was stored. Read it again and retry.");
        }
    }

    /// <summary>Whether the stream existed before (for 201 Created against 200 OK).</summary>
    public async Task<bool> ExistsAsync(string stream, CancellationToken cancellationToken) =>
        await session.Events.FetchStreamStateAsync(stream, cancellationToken) is not null;
}
