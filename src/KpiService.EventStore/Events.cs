namespace KpiService.EventStore;

/// <summary>An event to append: its type name and its JSON body.</summary>
public sealed record NewEvent(string Type, string Data, object? Source = null);

/// <summary>Events for one stream, appended only if the stream is at <c>ExpectedVersion</c> (0: the stream must not exist).</summary>
public sealed record StreamWrite(string StreamId, long ExpectedVersion, IReadOnlyList<NewEvent> Events);

/// <summary>Who caused an append and which request it belonged to; stored on every event.</summary>
public sealed record EventMetadata(string? ClientId, string? CorrelationId)
{
    public static readonly EventMetadata None = new(null, null);
}

public sealed record RecordedEvent(
    long Sequence, ulong TransactionId, string StreamId, long Version, string Type, string Data,
    DateTimeOffset RecordedAt, string? ClientId, string? CorrelationId)
{
    public LogPosition Position => new(TransactionId, Sequence);
}

/// <summary>
/// A position in the whole log. Events are read in (transaction, sequence) order and only from transactions older
/// than every transaction still in flight, so a reader never skips an event that commits late.
/// </summary>
public readonly record struct LogPosition(ulong TransactionId, long Sequence)
{
    public static readonly LogPosition Start = new(0, 0);

    public override string ToString() => $"{TransactionId}:{Sequence}";
}

/// <summary>An event about to be appended, as inline projections see it (same transaction, before commit).</summary>
public sealed record PendingEvent(string StreamId, long Version, string Type, object? Source);

public sealed record AppendResult(long LastSequence, IReadOnlyDictionary<string, long> Versions);

/// <summary>A stream was not at the version the writer expected: someone else wrote first. Nothing was stored.</summary>
public sealed class ConcurrencyException(string streamId, long expectedVersion)
    : Exception($"Stream '{streamId}' is no longer at version {expectedVersion}: it was changed by another writer.")
{
    public string StreamId { get; } = streamId;
    public long ExpectedVersion { get; } = expectedVersion;
}
