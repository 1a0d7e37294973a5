using KpiService.Domain.Analytics;

namespace KpiService.Domain.Tests.Analytics;

/// <summary>Darlington's Q2 2021/22 year-to-date figures (seeds/002) projected to March 2022, and a trajectory target.</summary>
public sealed class ForecastTests
{
    private const double DarlingtonChildren = 22_530; // 0–17 population: 79 on a CP plan is 35.1 per 10,000 (seeds/002 line 283)

    [Theory]
    // Early help assessments started: 391 by September (lines 93–98) → 782 by March; 623 in 2020/21 (line 109).
    [InlineData(new double[] { 81, 69, 79, 83, 35, 44 }, 782)]
    // Children coming into care: 45 by September (lines 462–467) → 90; 82 in 2020/21 (line 476).
    [InlineData(new double[] { 11, 4, 9, 6, 9, 6 }, 90)]
    public void FlowCount_ProjectsTheYearToDateRunRate(double[] monthly, double projected)
    {
        var forecast = Forecasts.YearEnd(Measures.Count(), Measures.Monthly(2021, 4, monthly), Period.Month(2021, 9));

        forecast.ProjectedValue.ShouldBe(projected);
        (forecast.YearEnd.ToString(), forecast.MonthsElapsed, forecast.NotComputedBecause).ShouldBe(("2022-03", 6, (string?)null));
    }

    [Fact]
    public void RateOfAFlow_ProjectsTheCountOverTheLatestPopulation()
    {
        // Section 47 enquiries: 36, 37, 45, 32, 40, 56 (CSC 166, lines 219–224) give the published cumulative rate 109.2 per
        // 10,000 (CSC 164); the run rate projects 218.4 against 216.2 in 2020/21 (line 233).
        double[] counts = [36, 37, 45, 32, 40, 56];
        var series = counts.Select((c, i) => (Period.Month(2021, 4 + i), new MeasureValue(c / DarlingtonChildren * 10_000, c, DarlingtonChildren)))
            .ToDictionary(x => x.Item1, x => x.Item2);

        Math.Round(Aggregates.YearToDate(Measures.Rate(), series, Period.Month(2021, 9)).Value!.Value, 1).ShouldBe(109.2);
        Math.Round(Forecasts.YearEnd(Measures.Rate(), series, Period.Month(2021, 9)).ProjectedValue!.Value, 1).ShouldBe(218.4);
    }

    [Fact]
    public void Snapshot_AndPercentage_SayWhyNotProjected()
    {
        var children = Forecasts.YearEnd(Measures.Count(Aggregation.Snapshot), Measures.Monthly(2021, 4, 276, 269), Period.Month(2021, 5));
        children.ProjectedValue.ShouldBeNull();
        children.NotComputedBecause!.ShouldContain("snapshot");

        Forecasts.YearEnd(Measures.Percentage(), Measures.Monthly(2021, 4, 87.5, 91.8), Period.Month(2021, 5)).NotComputedBecause!.ShouldContain("percentage");
    }

    [Fact]
    public void AMissingMonth_SaysWhich()
    {
        var series = Measures.Monthly(2021, 4, 81, 69, 79);
        series.Remove(Period.Month(2021, 5));
        Forecasts.YearEnd(Measures.Count(), series, Period.Month(2021, 6)).NotComputedBecause!.ShouldContain("2021-05");
    }

    [Fact]
    public void AcademicYear_ProjectsToAugust()
    {
        var forecast = Forecasts.YearEnd(Measures.Count(), Measures.Monthly(2021, 9, 10, 20, 30), Period.Month(2021, 11), YearBasis.Academic);
        (forecast.YearEnd.ToString(), forecast.MonthsElapsed, forecast.ProjectedValue).ShouldBe(("2022-08", 3, 240.0));
    }

    [Fact]
    public void Trajectory_ProjectsTheRecentTrendToItsEnd()
    {
        // Southampton's in-house foster carers 161, 160, 159, 153 (Sep–Dec 2020, seeds/001 line 919) fall 2.5 a month on
        // the fitted line: on current trend 87 by March 2023, against the 200 the trajectory wants.
        var rule = new TrajectoryRule(Period.Month(2020, 12), 153, Period.Month(2023, 3), 200, 5);
        var carers = new Measure("carers", null, "In-house foster carers", "", "Fostering", Unit.Count, Polarity.Higher, 0, Aggregation.Snapshot);

        var forecast = Forecasts.Trajectory(carers, Measures.Monthly(2020, 9, 161, 160, 159, 153), rule, Period.Month(2020, 12));

        forecast.ProjectedValue!.Value.ShouldBe(87, 1e-9);
        (forecast.YearEnd.ToString(), forecast.Target).ShouldBe(("2023-03", 200.0));
        forecast.Method.ShouldBe("linear trend of the last 4 months to the trajectory's end");
    }
}
