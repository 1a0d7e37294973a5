namespace KpiService.Domain.Tests.Ratings;

public sealed class RatingEngineTests
{
    [Fact]
    public void Rate_ComputesEveryPartFromUnroundedValues()
    {
        var series = new Dictionary<Period, MeasureValue>
        {
            [Period.Month(2021, 8)] = new(80.3 / 1, 803, 1000),
            [Period.Month(2021, 9)] = new(832.0 / 1000 * 100, 832, 1000),
        };
        var rating = RatingEngine.Rate(new(Measures.Percentage(), Period.Month(2021, 9), series, new TargetRule(Period.Month(2021, 4), 87, 5)))!;

        rating.Value.ShouldBe(83.2, 1e-9);
        rating.ChangeSincePrevious!.Value.ShouldBe(2.9, 1e-9);
        rating.DistanceFromTarget!.Value.ShouldBe(-3.8, 1e-9);
        rating.Status.ShouldBe(RagStatus.Amber);
        rating.Direction.ShouldBe(Direction.Up);
        rating.Judgement.ShouldBe(Judgement.Improving);
        rating.PerformanceGroup.ShouldBe(2);
        rating.SmallCohort.ShouldBeFalse();
        rating.ConfidenceInterval!.Lower.ShouldBeLessThan(83.2);
        rating.YearToDate!.NotComputedBecause!.ShouldContain("2021-04");
    }

    [Fact]
    public void SmallCohort_IsFlaggedBelowTheThreshold()
    {
        var series = new Dictionary<Period, MeasureValue> { [Period.Month(2021, 9)] = new(5.0 / 7 * 100, 5, 7) };
        RatingEngine.Rate(new(Measures.Percentage(), Period.Month(2021, 9), series, null))!.SmallCohort.ShouldBeTrue();
    }

    [Fact]
    public void Quarter_IsComputedFromItsMonthsWhenNotSubmitted()
    {
        var series = new Dictionary<Period, MeasureValue>
        {
            [Period.Month(2021, 7)] = new(50, 10, 20), [Period.Month(2021, 8)] = new(25, 5, 20), [Period.Month(2021, 9)] = new(100, 20, 20),
        };
        var rating = RatingEngine.Rate(new(Measures.Percentage(), Period.Parse("2021-22-Q2"), series, null))!;
        rating.Computed.ShouldBeTrue();
        rating.Value.ShouldBe(35.0 / 60 * 100, 1e-9);
    }

    [Fact]
    public void NeutralMeasure_IsNeverRated()
    {
        var series = Measures.Monthly(2021, 8, 70, 75);
        var neutral = Measures.Count(Aggregation.Snapshot);
        var rating = RatingEngine.Rate(new(neutral, Period.Month(2021, 9), series, new TargetRule(Period.Month(2021, 4), 60, 5)))!;
        rating.Status.ShouldBe(RagStatus.Unrated);
        rating.Judgement.ShouldBe(Judgement.NotApplicable);
        rating.PerformanceGroup.ShouldBeNull();
    }

    [Theory]
    [InlineData(0, 10, 0.0, 27.75)]
    [InlineData(5, 10, 23.66, 76.34)]
    [InlineData(137, 157, 81.1, 91.6)]
    public void WilsonInterval_MatchesPublishedTables(double numerator, double denominator, double lower, double upper)
    {
        var interval = SmallNumbers.Wilson(numerator, denominator)!;
        interval.Lower.ShouldBe(lower, 0.05);
        interval.Upper.ShouldBe(upper, 0.05);
    }
}
