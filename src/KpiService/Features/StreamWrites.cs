using KpiService.Common;
using KpiService.Domain;
using Marten;

namespace KpiService.Features;

/// <summary>The outcome of a decided write: whether it created the entity, whether anything changed, its ETag now.</summary>
public sealed record StreamWrite(bool Created, bool Changed, string ETag);

/// <summary>
/// The one write path of reference data and councils' catalogues, schedules and commentary: read the stream, check the client's conditions against its version (If-Match,
/// If-None-Match), let the domain decide on the stream's events, append at that version. Two writers at once: one gets a
/// conflict (or 412 if it sent conditions), never a silent overwrite. The commit reloads this replica's reference
/// snapshot before the answer is sent; other replicas follow the log.
/// </summary>
public sealed class StreamWrites(IDocumentSession session)
{
    public async Task<StreamWrite> WriteAsync<TEvent>(string stream, Preconditions preconditions, string what,
        Func<IReadOnlyList<object>, Decision<TEvent>> decide, CancellationToken cancellationToken) where TEvent : notnull
    {
        var recorded = await session.Events.FetchStreamAsync(stream, token: cancellationToken);
        var version = recorded.Count == 0 ? 0 : recorded[^1].Version;
        preconditions.Check(version == 0 ? null : ETags.Of(version), what);
        switch (decide([.. recorded.Select(e => e.Data)]))
        {
            case Decision<TEvent>.Rejected rejected:
                throw RuleViolatedException.Of(rejected.Problems.Select(p => (p.Field, p.Message)));
            case Decision<TEvent>.Accepted { Events.Count: 0 }:
                return new StreamWrite(Created: false, Changed: false, ETags.Of(version));
            case Decision<TEvent>.Accepted accepted:
                session.Events.Append(stream, version + accepted.Events.Count, [.. accepted.Events.Cast<object>()]);
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (Exception e) when (StoreFailures.IsConflict(e))
                {
                    throw preconditions.Any
                        ? new PreconditionFailedException($"{what} was changed by another writer after the ETag you sent; nothing was stored. Read it again.")
                        : new ConflictException($"{what} was changed by another writer at the same moment; nothing was stored. Read it again and retry.");
                }
                return new StreamWrite(Created: version == 0, Changed: true, ETags.Of(version + accepted.Events.Count));
            default:
                throw new InvalidOperationException("unknown decision");
        }
    }
}
