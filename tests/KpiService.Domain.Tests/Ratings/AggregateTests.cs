namespace KpiService.Domain.Tests.Ratings;

public sealed class AggregateTests
{
    // Southampton's contacts received, Dec-19..Dec-20 (seeds/001 line 312).
    private static readonly Dictionary<Period, MeasureValue> Contacts =
        Measures.Monthly(2019, 12, 1258, 1419, 1129, 1198, 1147, 1172, 1403, 1493, 1343, 1607, 1555, 1787, 1507);

    [Fact]
    public void Rolling12Months_IsLabelledByItsFirstAndLastMonth_NeverAFinancialYear()
    {
        // Regression: a window Oct-20..Sep-21 was labelled "2020-21", a financial year it does not match.
        var series = Measures.Monthly(2020, 9, 92.7, 66.8, 68.3, 64.7, 64.1, 78.9, 93.6, 92.9, 88.2, 84.2, 82.6, 81.1, 80.1);
        var rolling = Aggregates.Rolling12Months(Measures.Count(), series, Period.Month(2021, 9));

        rolling.Label.ShouldBe("2020-10 to 2021-09");
        Aggregates.YearToDate(Measures.Count(), series, Period.Month(2021, 9)).Label.ShouldBe("2021-04 to 2021-09");
        Aggregates.YearToDate(Measures.Count(), series, Period.Month(2021, 4)).Label.ShouldBe("2021-04");
    }

    [Theory]
    [InlineData(YearBasis.Calendar, 12, 16760)]     // Jan–Dec 2020
    [InlineData(YearBasis.Financial, 9, 13014)]     // Apr–Dec 2020
    [InlineData(YearBasis.Academic, 4, 6456)]       // Sep–Dec 2020
    public void YearToDate_OnEachBasis_SumsAFlowFromTheYearsFirstMonth(YearBasis basis, int months, double total)
    {
        var ytd = Aggregates.YearToDate(Measures.Count(), Contacts, Period.Month(2020, 12), basis);
        ytd.Months.ShouldBe(months);
        ytd.Value.ShouldBe(total);
    }

    [Fact]
    public void MonthlyAverage_OfASnapshotCount_IsTheMeanOfTheMonths()
    {
        // UASC looked after, Jan–Dec 2020: "the average for the past 12 months being 13" (seeds/001 lines 339–345).
        var uasc = Measures.Monthly(2020, 1, 14, 15, 15, 13, 12, 12, 11, 11, 10, 11, 16, 18);
        var average = Aggregates.MonthlyAverage(Measures.Count(Aggregation.Snapshot), uasc, Period.Month(2020, 1), Period.Month(2020, 12));

        average.Value!.Value.ShouldBe(158 / 12.0, 1e-9);
        Math.Round(average.Value.Value).ShouldBe(13);
        average.Label.ShouldBe("2020-01 to 2020-12");
    }

    [Fact]
    public void MonthlyAverage_OfAPercentage_IsAverageNumeratorOverAverageDenominator()
    {
        // 10 of 20 and 30 of 40: the mean of the monthly percentages is 62.5, but the average month is 20 of 30 = 66.7.
        var series = new Dictionary<Period, MeasureValue>
        {
            [Period.Month(2021, 7)] = new(50, 10, 20), [Period.Month(2021, 8)] = new(75, 30, 40),
        };
        var average = Aggregates.MonthlyAverage(Measures.Percentage(), series, Period.Month(2021, 7), Period.Month(2021, 8));

        average.Value!.Value.ShouldBe(20.0 / 30 * 100, 1e-9);
        (average.Numerator, average.Denominator).ShouldBe((20.0, 30.0));
    }

    [Fact]
    public void MonthlyAverage_OfAMissingMonth_SaysWhich()
    {
        var gap = Measures.Monthly(2020, 1, 14, 15);
        gap.Remove(Period.Month(2020, 2));
        Aggregates.MonthlyAverage(Measures.Count(), gap, Period.Month(2020, 1), Period.Month(2020, 2)).NotComputedBecause!.ShouldContain("2020-02");
    }

    [Theory]
    // Days lost / FTE over a rolling year, as "sickness absence days per employee in rolling year" (seeds/001 line 685):
    // 100 FTE losing 100 days a month lose 12 days per FTE a year; a 3-month window of the same is scaled to 12.
    [InlineData(12, 12.0)]
    [InlineData(3, 12.0)]
    public void AnnualisedRate_SumsTheFlowAndAveragesTheStock(int window, double expected)
    {
        var measure = new Measure("sickness-days-per-fte", null, "Days lost per FTE", "", "Workforce", Unit.Average, Polarity.Lower, 2, Aggregation.Ratio);
        var series = Enumerable.Range(1, 12).ToDictionary(m => Period.Month(2020, m), _ => new MeasureValue(1.0, 100, 100));

        var rate = Aggregates.AnnualisedRate(measure, series, Period.Month(2020, 12), window);

        rate.Value!.Value.ShouldBe(expected, 1e-9);
        rate.Months.ShouldBe(window);
    }

    [Fact]
    public void AnnualisedRate_AveragesAChangingWorkforce()
    {
        // 1,200 days lost over a year in which FTE fell from 110 to 90 (average 100): 12 days per FTE, not 1,200 / 90.
        var measure = new Measure("sickness-days-per-fte", null, "Days lost per FTE", "", "Workforce", Unit.Average, Polarity.Lower, 2, Aggregation.Ratio);
        var series = Enumerable.Range(1, 12).ToDictionary(m => Period.Month(2021, m), m => (110 - 20.0 * (m - 1) / 11) is var fte
            ? new MeasureValue(100 / fte, 100, fte) : default);

        var rate = Aggregates.AnnualisedRate(measure, series, Period.Month(2021, 12));

        rate.Value!.Value.ShouldBe(12.0, 1e-9);
        rate.Label.ShouldBe("2021-01 to 2021-12");
    }

    [Fact]
    public void AnnualisedRate_OfACount_SaysItNeedsADenominator() =>
        Aggregates.AnnualisedRate(Measures.Count(), Contacts, Period.Month(2020, 12)).NotComputedBecause!.ShouldContain("denominator");
}
