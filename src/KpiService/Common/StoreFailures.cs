using Marten.Exceptions;
using Npgsql;

namespace KpiService.Common;

/// <summary>
/// What a store failure means for the caller. Marten reports a stale expected version as a JasperFx
/// ConcurrencyException, a stream created twice at once as ExistingStreamIdCollisionException, a document inserted
/// twice as DocumentAlreadyExistsException, and wraps database errors in MartenCommandException, so both questions
/// look through that wrapper.
/// </summary>
public static class StoreFailures
{
    /// <summary>Someone else wrote first: nothing of this unit of work was stored.</summary>
    public static bool IsConflict(Exception exception) => exception switch
    {
        JasperFx.ConcurrencyException or ExistingStreamIdCollisionException or JasperFx.DocumentAlreadyExistsException => true,
        MartenCommandException { InnerException: { } inner } => IsConflict(inner),
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>The database is down, restarting or unreachable: retry later; nothing was stored.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        MartenCommandException { InnerException: { } inner } => IsUnavailable(inner),
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException n => n.IsTransient || n.InnerException is System.Net.Sockets.SocketException or TimeoutException or IOException or EndOfStreamException,
        TimeoutException => true,
        _ => exception.InnerException is { } inner && exception is not OperationCanceledException && IsUnavailable(inner),
    };
}
