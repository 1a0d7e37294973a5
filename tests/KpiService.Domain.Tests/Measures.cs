namespace KpiService.Domain.Tests;

public static class Measures
{
    public static Measure Percentage(Polarity polarity = Polarity.Higher, Aggregation aggregation = Aggregation.Ratio) =>
        new("test-percentage", null, "A percentage", "", "Test", Unit.Percentage, polarity, 1, aggregation);

    public static Measure Count(Aggregation aggregation = Aggregation.Flow) =>
        new("test-count", null, "A count", "", "Test", Unit.Count, Polarity.Neutral, 0, aggregation);

    public static Measure Rate(Aggregation aggregation = Aggregation.Flow) =>
        new("test-rate", null, "A rate", "", "Test", Unit.RatePer10k, Polarity.Neutral, 1, aggregation);

    public static Dictionary<Period, MeasureValue> Monthly(int year, int month, params double[] values) =>
        values.Select((v, i) => (Period.Month(year, month).Start.AddMonths(i), v))
            .ToDictionary(x => Period.Month(x.Item1.Year, x.Item1.Month), x => new MeasureValue(x.v, null, null));
}
