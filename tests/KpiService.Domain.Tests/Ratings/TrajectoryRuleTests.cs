namespace KpiService.Domain.Tests.Ratings;

/// <summary>
/// Southampton's "200 in-house foster carers by 2023" (seeds/001 lines 919–920; 161, 160, 159, 153 Sep–Dec 2020),
/// as a straight line from 153 in December 2020 to 200 in March 2023: 27 months, 47 carers, 1.74 a month.
/// </summary>
public sealed class TrajectoryRuleTests
{
    private static readonly TrajectoryRule FosterCarers = new(Period.Month(2020, 12), 153, Period.Month(2023, 3), 200, 5);

    private static readonly Measure Carers = new("in-house-foster-carers", null, "Number of in-house foster carers", "", "Fostering",
        Unit.Count, Polarity.Higher, 0, Aggregation.Snapshot);

    [Theory]
    [InlineData("2020-09", 153.0)]                       // before the start: the start value
    [InlineData("2020-12", 153.0)]
    [InlineData("2021-09", 153 + 47 * 9 / 27.0)]         // 168.7: a third of the way
    [InlineData("2021-22-Q2", 153 + 47 * 9 / 27.0)]      // a quarter is held to the path at its last month
    [InlineData("2023-03", 200.0)]
    [InlineData("2024-01", 200.0)]                       // after the date the target stays
    public void TargetFor_IsThePointOnTheStraightLine(string period, double expected) =>
        FosterCarers.TargetFor(Period.Parse(period)).ShouldBe(expected, 1e-9);

    [Theory]
    [InlineData(170, RagStatus.Green)]
    [InlineData(165, RagStatus.Amber)]   // 3.7 short of the path, within the tolerance of 5
    [InlineData(153, RagStatus.Red)]     // standing still is 15.7 short by September 2021
    public void RatedLikeATarget_AgainstThePath(double value, RagStatus expected) =>
        RatingRules.Rate(FosterCarers, Polarity.Higher, Period.Month(2021, 9), value).ShouldBe(expected);

    [Fact]
    public void RatingEngine_ReportsThePathAsTheTarget()
    {
        var series = Measures.Monthly(2021, 8, 166, 165);
        var rating = RatingEngine.Rate(new(Carers, Period.Month(2021, 9), series, FosterCarers))!;

        rating.Target!.Value.ShouldBe(168.667, 1e-3);
        rating.DistanceFromTarget!.Value.ShouldBe(165 - 168.667, 1e-3);
        rating.Status.ShouldBe(RagStatus.Amber);
    }

    [Fact]
    public void ATrajectoryEndingBeforeItStarts_IsNamed() =>
        new TrajectoryRule(Period.Month(2023, 3), 153, Period.Month(2020, 12), 200, -1).Problems()
            .ShouldBe(["by: 2020-12 must come after the start 2023-03.", "tolerance: must not be negative."]);
}
