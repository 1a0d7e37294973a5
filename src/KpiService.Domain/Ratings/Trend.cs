using KpiService.Domain.Periods;

namespace KpiService.Domain.Ratings;

/// <summary>"Declining for 6 periods, down 13.5 points since 2021-03": the run of periods moving in the latest direction.</summary>
public sealed record TrendRun(Direction Direction, int Periods, Period Since, double Change);

public static class Trend
{
    /// <summary>
    /// Walks back from the latest period while each step moves the same way as the latest real move or stays within
    /// the flat threshold; a move the other way beyond the threshold, or a missing period, ends the run.
    /// </summary>
    public static TrendRun? Of(IReadOnlyList<(Period Period, double Value)> series, double flatThreshold)
    {
        if (series.Count < 2) return null;
        Direction? runDirection = null;
        var start = series.Count - 1;
        for (var i = series.Count - 1; i > 0; i--)
        {
            if (series[i - 1].Period.Next != series[i].Period) break;
            var step = Movement.DirectionOf(series[i].Value - series[i - 1].Value, flatThreshold);
            if (step != Direction.Flat)
            {
                runDirection ??= step;
                if (step != runDirection) break;
            }
            start = i - 1;
        }
        if (start == series.Count - 1) return null;
        var latest = series[^1];
        return new TrendRun(runDirection ?? Direction.Flat, series.Count - 1 - start, series[start].Period, latest.Value - series[start].Value);
    }
}
