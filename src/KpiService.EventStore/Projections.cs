using Npgsql;

namespace KpiService.EventStore;

/// <summary>Runs inside the append's transaction and round trip: its commands join the append's batch.</summary>
public interface IInlineProjection
{
    void Project(IReadOnlyList<PendingEvent> events, NpgsqlBatch batch);
}

/// <summary>Runs after commit, from the log, one batch at a time; its writes and the checkpoint commit together.</summary>
public interface IAsyncProjection
{
    string Name { get; }

    Task ApplyAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
