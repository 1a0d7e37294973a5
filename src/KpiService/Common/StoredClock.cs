namespace KpiService.Common;

/// <summary>
/// The system clock at the precision PostgreSQL keeps (whole microseconds). Events are stamped with it, so the
/// timestamp a projection folds, the one stored with the event and the one a 201 answer shows are the same value.
/// </summary>
public sealed class StoredClock : TimeProvider
{
    public static readonly StoredClock Instance = new();

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
