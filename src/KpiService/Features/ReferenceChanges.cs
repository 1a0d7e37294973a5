using KpiService.EventStore;
using KpiService.Infrastructure;
using KpiService.Infrastructure.Access;
using KpiService.ReferenceData;

namespace KpiService.Features;

/// <summary>
/// Records one reference-data change (a target, a measure, a population…) as an event on its stream, at the
/// stream's current version (two admins saving at once: one gets a 409, not a silent overwrite), then refreshes
/// this replica's reference snapshot so the change applies to the very next request; other replicas follow the log.
/// </summary>
public sealed class ReferenceChanges(PostgresEventStore events, ReferenceStore reference, CurrentClient client)
{
    public async Task RecordAsync(string stream, object @event, CancellationToken cancellationToken)
    {
        var version = await events.StreamVersionAsync(stream, cancellationToken);
        await events.AppendAsync([new StreamWrite(stream, version, [EventSerializer.ToNew(@event)])], client.Metadata, cancellationToken);
        await reference.ReloadAsync(cancellationToken);
    }

    /// <summary>Whether the stream existed before (for 201 Created against 200 OK).</summary>
    public async Task<bool> ExistsAsync(string stream, CancellationToken cancellationToken) => await events.StreamVersionAsync(stream, cancellationToken) > 0;
}
