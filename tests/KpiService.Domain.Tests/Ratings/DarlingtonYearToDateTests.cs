namespace KpiService.Domain.Tests.Ratings;

/// <summary>Golden cases from Darlington's Q2 2021/22 report (seed 002): year-to-date figures equal the published cumulative ones.</summary>
public sealed class DarlingtonYearToDateTests
{
    [Theory]
    [InlineData("CSC 002/001 early help assessments started", new double[] { 81, 69, 79, 83, 35, 44 }, new double[] { 81, 150, 229, 312, 347, 391 })]
    [InlineData("CSC 209/208 children coming into care", new double[] { 11, 4, 9, 6, 9, 6 }, new double[] { 11, 15, 24, 30, 39, 45 })]
    [InlineData("CSC 212/211 children ceasing care", new double[] { 7, 11, 14, 10, 8, 1 }, new double[] { 7, 18, 32, 42, 50, 51 })]
    public void FlowCounts_YearToDateIsTheCumulativeSum(string measure, double[] monthly, double[] publishedCumulative)
    {
        var series = Measures.Monthly(2021, 4, monthly);
        var ytd = Enumerable.Range(0, 6).Select(i => Aggregates.YearToDate(Measures.Count(), series, Period.Month(2021, 4 + i)).Value).ToList();
        ytd.ShouldBe(publishedCumulative.Cast<double?>().ToList(), measure);
    }

    [Fact]
    public void ReReferralPercentage_YearToDateComesFromSummedCountsNotAveragedPercentages()
    {
        // CSC 034 monthly re-referrals 7, 5, 6, 8, 6, 12; monthly % 14.0, 7.2, 10.0, 13.8, 7.6, 11.4 give referrals
        // of 50, 69, 60, 58, 79, 105. The published cumulative CSC 032 is 14.0, 10.1, 10.1, 11.0, 10.1, 10.5.
        double[] rereferrals = [7, 5, 6, 8, 6, 12];
        double[] referrals = [50, 69, 60, 58, 79, 105];
        var series = Enumerable.Range(0, 6).ToDictionary(i => Period.Month(2021, 4 + i), i => new MeasureValue(rereferrals[i] / referrals[i] * 100, rereferrals[i], referrals[i]));
        var measure = Measures.Percentage(Polarity.Lower);

        var ytd = Enumerable.Range(0, 6).Select(i => Math.Round(Aggregates.YearToDate(measure, series, Period.Month(2021, 4 + i)).Value!.Value, 1)).ToList();

        ytd.ShouldBe([14.0, 10.1, 10.1, 11.0, 10.1, 10.5]);
        var averaged = series.Values.Average(v => v.Value);
        Math.Round(averaged, 1).ShouldNotBe(10.5); // 10.7: why percentages are never averaged
    }

    [Fact]
    public void RatePer10k_YearToDateSumsCountsOverTheLatestPopulation()
    {
        var population = 22_530.0;
        var series = new[] { 30.0, 25, 28 }.Select((count, i) => (Period.Month(2021, 4 + i), new MeasureValue(count / population * 10_000, count, population)))
            .ToDictionary(x => x.Item1, x => x.Item2);
        var ytd = Aggregates.YearToDate(Measures.Rate(), series, Period.Month(2021, 6));
        ytd.Value!.Value.ShouldBe(83 / population * 10_000, 1e-9);
        ytd.Denominator.ShouldBe(population);
    }

    [Fact]
    public void Snapshot_TakesTheLastMonth_AndAMissingMonthSaysWhy()
    {
        var series = Measures.Monthly(2021, 4, 260, 261, 266);
        Aggregates.YearToDate(Measures.Count(Aggregation.Snapshot), series, Period.Month(2021, 6)).Value.ShouldBe(266);
        series.Remove(Period.Month(2021, 5));
        var gap = Aggregates.YearToDate(Measures.Count(), series, Period.Month(2021, 6));
        gap.Value.ShouldBeNull();
        gap.NotComputedBecause!.ShouldContain("2021-05");
    }

    [Fact]
    public void BareMonthlyPercentages_CannotBeReAggregated()
    {
        var result = Aggregates.YearToDate(Measures.Percentage(), Measures.Monthly(2021, 4, 80, 90), Period.Month(2021, 5));
        result.Value.ShouldBeNull();
        result.NotComputedBecause!.ShouldContain("numerator and denominator");
    }
}
