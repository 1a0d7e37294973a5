using KpiService.Domain.Measures;

namespace KpiService.Domain.Ratings;

public static class PerformanceGroups
{
    /// <summary>
    /// The level band a value sits in (the seeds' 1/2/3), read on the value rounded for display as the reports do.
    /// Bands are checked best first: for higher-is-better a value at or above <c>From</c>, for lower at or below.
    /// </summary>
    public static int? Of(Measure measure, double value)
    {
        var bands = measure.EffectivePerformanceGroups();
        if (bands is null || measure.Polarity == Polarity.Neutral) return null;
        var rounded = measure.Round(value);
        foreach (var band in bands)
            if (band.From is not { } from || (measure.Polarity == Polarity.Higher ? rounded >= from : rounded <= from))
                return band.Group;
        return bands[^1].Group;
    }
}
