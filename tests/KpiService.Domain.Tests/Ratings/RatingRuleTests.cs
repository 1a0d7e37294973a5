namespace KpiService.Domain.Tests.Ratings;

public sealed class RatingRuleTests
{
    private static readonly Period April = Period.Month(2021, 4);

    [Theory]
    // DOMAIN.md's example: target 95, tolerance 5, higher is better.
    [InlineData(96.4, RagStatus.Green)]
    [InlineData(95.0, RagStatus.Green)]
    [InlineData(92.0, RagStatus.Amber)]
    [InlineData(90.0, RagStatus.Amber)]
    [InlineData(89.9, RagStatus.Red)]
    public void TargetAndTolerance_HigherIsBetter(double value, RagStatus expected) =>
        RatingRules.Rate(new TargetRule(April, 95, 5), Polarity.Higher, value).ShouldBe(expected);

    [Theory]
    [InlineData(21.4, RagStatus.Green)]   // Gloucestershire repeat referrals against 22.5
    [InlineData(24.0, RagStatus.Amber)]
    [InlineData(25.1, RagStatus.Red)]
    public void TargetAndTolerance_LowerIsBetter(double value, RagStatus expected) =>
        RatingRules.Rate(new TargetRule(April, 22.5, 2.5), Polarity.Lower, value).ShouldBe(expected);

    [Theory]
    [InlineData(89.96, RagStatus.Green)]  // rounds to 90.0: bands apply to the value at the measure's precision
    [InlineData(89.94, RagStatus.Amber)]
    [InlineData(85.0, RagStatus.Amber)]
    [InlineData(84.9, RagStatus.Red)]
    public void Bands_ApplyToTheRoundedValue(double value, RagStatus expected)
    {
        var rule = new BandsRule(April, [new(RagStatus.Green, 90, null), new(RagStatus.Amber, 85, 89.9), new(RagStatus.Red, null, 84.9)]);
        RatingRules.Rate(rule, Measures.Percentage(), value).ShouldBe(expected);
    }

    [Fact]
    public void BandTable_CouncilsMistakeIsNamed()
    {
        var lower = Measures.Percentage(Polarity.Lower);
        var problems = BandTable.Problems(lower, [new(RagStatus.Green, null, 17), new(RagStatus.Amber, 18.1, 20), new(RagStatus.Red, 20.1, null)]);
        problems.ShouldBe(["gap: values from 17.1 to 18.0 fall in no band (between green and amber)."]);
    }

    [Fact]
    public void BandTable_ValidTableHasNoProblems() =>
        BandTable.Problems(Measures.Percentage(), [new(RagStatus.Red, null, 84.9), new(RagStatus.Amber, 85, 89.9), new(RagStatus.Green, 90, null)]).ShouldBeEmpty();

    [Fact]
    public void RuleInForce_IsTheLatestStartingNoLaterThanThePeriod()
    {
        RatingRule[] history = [new TargetRule(Period.Month(2020, 4), 85, 5), new TargetRule(Period.Month(2021, 4), 87, 5)];
        ((TargetRule)RatingRules.InForce(history, Period.Month(2021, 3))!).Target.ShouldBe(85);
        ((TargetRule)RatingRules.InForce(history, Period.Month(2021, 4))!).Target.ShouldBe(87);
        RatingRules.InForce(history, Period.Month(2019, 4)).ShouldBeNull();
    }

    [Fact]
    public void Labels_AreDisplayNamesOverTheStatuses()
    {
        var rule = new TargetRule(April, 95, 5, new Dictionary<RagStatus, string> { [RagStatus.Amber] = "Yellow" });
        rule.LabelFor(RagStatus.Amber).ShouldBe("Yellow");
        rule.LabelFor(RagStatus.Green).ShouldBe("green");
    }

    [Theory]
    [InlineData(-2.1, Polarity.Lower, Direction.Down, Judgement.Improving)]  // re-referrals fell: down and improving
    [InlineData(2.1, Polarity.Lower, Direction.Up, Judgement.Declining)]
    [InlineData(2.1, Polarity.Higher, Direction.Up, Judgement.Improving)]
    [InlineData(0.4, Polarity.Higher, Direction.Flat, Judgement.Stable)]
    [InlineData(-5.0, Polarity.Neutral, Direction.Down, Judgement.NotApplicable)]
    public void DirectionAndJudgement(double change, Polarity polarity, Direction direction, Judgement judgement)
    {
        var moved = Movement.DirectionOf(change, 1.0);
        moved.ShouldBe(direction);
        Movement.JudgementOf(moved, polarity).ShouldBe(judgement);
    }
}
