namespace KpiService.Domain.Measures;

/// <summary>A value with the numerator and denominator it came from, where the system had them.</summary>
public readonly record struct MeasureValue(double Value, double? Numerator, double? Denominator)
{
    public bool HasParts => Numerator is not null && Denominator is not null;

    /// <summary>The value a ratio takes from its parts: percentage ×100, rates ×1,000 / ×10,000 / ×100,000, average as is.</summary>
    public static double? FromParts(Unit unit, double numerator, double denominator) =>
        denominator == 0 ? null : unit switch
        {
            Unit.Percentage => numerator / denominator * 100,
            Unit.RatePer1k or Unit.RatePer10k or Unit.RatePer100k => numerator / denominator * Units.RateBase(unit),
            Unit.Average => numerator / denominator,
            _ => numerator,
        };
}
