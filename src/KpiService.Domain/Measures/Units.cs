namespace KpiService.Domain.Measures;

public static class Units
{
    /// <summary>
    /// A population rate: a count over the authority's population aged 0–17, so its denominator defaults to the
    /// population and is not summed over months (the rules written for <c>ratePer10k</c> hold for every base).
    /// </summary>
    public static bool IsPopulationRate(this Unit unit) => unit is Unit.RatePer1k or Unit.RatePer10k or Unit.RatePer100k;

    /// <summary>The base a population rate is expressed per: 1,000, 10,000 or 100,000; 0 for any other unit.</summary>
    public static double RateBase(Unit unit) => unit switch
    {
        Unit.RatePer1k => 1_000,
        Unit.RatePer10k => 10_000,
        Unit.RatePer100k => 100_000,
        _ => 0,
    };
}
