namespace KpiService.Domain.Tests.Ratings;

/// <summary>Band tables as councils write them: checked at the measure's precision, because that is where bands apply.</summary>
public sealed class BandTableTests
{
    private static readonly Period April = Period.Month(2021, 4);

    // A whole-number, lower-is-better measure (an average caseload).
    private static readonly Measure Caseload = new("caseload", null, "Average caseload", "", "Workforce", Unit.Average, Polarity.Lower, 0, Aggregation.Ratio);

    // "0–12 green, 12.1–14 amber, 14.1+ red" (issue 14): every whole number lands in exactly one band.
    private static readonly Band[] CouncilCaseloadTable = [new(RagStatus.Green, 0, 12), new(RagStatus.Amber, 12.1, 14), new(RagStatus.Red, 14.1, null)];

    [Fact]
    public void MoreDecimalsThanTheMeasure_AreAcceptedWhenNoValueIsLeftOut() =>
        // Regression: rejected before for "more decimal places than the measure's 0".
        BandTable.Problems(Caseload, CouncilCaseloadTable).ShouldBeEmpty();

    [Theory]
    [InlineData(12.4, RagStatus.Green)]  // rounds to 12
    [InlineData(12.6, RagStatus.Amber)]  // rounds to 13, inside 12.1–14
    [InlineData(14.4, RagStatus.Amber)]
    [InlineData(14.5, RagStatus.Red)]    // rounds to 15
    public void MoreDecimalsThanTheMeasure_RateTheRoundedValue(double value, RagStatus expected) =>
        RatingRules.Rate(new BandsRule(April, CouncilCaseloadTable), Caseload, value).ShouldBe(expected);

    // "90% or above green, 85%–89% amber, 84% and below red" (DOMAIN.md), written with exclusive bounds: no invented 89.9.
    private static readonly Band[] Exclusive = [new(RagStatus.Green, 90, null), new(RagStatus.Amber, 85, null, Below: 90), new(RagStatus.Red, null, null, Below: 85)];

    [Fact]
    public void ExclusiveBounds_AreAccepted() => BandTable.Problems(Measures.Percentage(), Exclusive).ShouldBeEmpty();

    [Theory]
    [InlineData(89.96, RagStatus.Green)]   // 90.0
    [InlineData(89.94, RagStatus.Amber)]   // 89.9: below 90
    [InlineData(85.0, RagStatus.Amber)]
    [InlineData(84.96, RagStatus.Amber)]   // 85.0
    [InlineData(84.94, RagStatus.Red)]     // 84.9: below 85
    public void ExclusiveBounds_Rate(double value, RagStatus expected) =>
        RatingRules.Rate(new BandsRule(April, Exclusive), Measures.Percentage(), value).ShouldBe(expected);

    [Fact]
    public void AboveIsExclusiveToo()
    {
        // "12 or below green, above 12 to 14 amber, above 14 red".
        Band[] table = [new(RagStatus.Green, null, 12), new(RagStatus.Amber, null, 14, Above: 12), new(RagStatus.Red, null, null, Above: 14)];
        BandTable.Problems(Caseload, table).ShouldBeEmpty();
        RatingRules.Rate(new BandsRule(April, table), Caseload, 13).ShouldBe(RagStatus.Amber);
        RatingRules.Rate(new BandsRule(April, table), Caseload, 14.6).ShouldBe(RagStatus.Red);
    }

    [Theory]
    // Real defects stay rejected, each named with the values it affects.
    [InlineData("gap", 0, 17, 18.1, 20, 20.1, "gap: values from 17.1 to 18.0 fall in no band (between green and amber).")]
    [InlineData("overlap", 0, 17, 16.5, 20, 20.1, "overlap: values from 16.5 to 17.0 fall in both green and amber.")]
    [InlineData("gap below", 1, 17, 17.1, 20, 20.1, "gap: values below 1.0 fall in no band.")]
    public void RealDefects_AreNamed(string defect, double greenFrom, double greenTo, double amberFrom, double amberTo, double redFrom, string expected)
    {
        var lower = Measures.Percentage(Polarity.Lower);
        var problems = BandTable.Problems(lower, [new(RagStatus.Green, greenFrom, greenTo), new(RagStatus.Amber, amberFrom, amberTo), new(RagStatus.Red, redFrom, null)]);
        problems.ShouldBe([expected], defect);
    }

    [Fact]
    public void ReversedDirection_IsNamed()
    {
        var problems = BandTable.Problems(Measures.Percentage(Polarity.Lower), [new(RagStatus.Red, null, 17), new(RagStatus.Amber, 17.1, 20), new(RagStatus.Green, 20.1, null)]);
        problems.ShouldBe(["direction: red sits below amber, but 'test-percentage' is lower-is-better."]);
    }

    [Fact]
    public void ABandThatHoldsNoValueAtThePrecision_IsNamed()
    {
        // 17.01–17.04 holds no value with one decimal place.
        var problems = BandTable.Problems(Measures.Percentage(Polarity.Lower),
            [new(RagStatus.Green, null, 17), new(RagStatus.Amber, 17.01, 17.04), new(RagStatus.Red, 17.1, null)]);
        problems.ShouldBe(["bands[1]: holds no value at 1 decimal place(s): no value the measure can take lies from 17.01 to 17.04."]);
    }

    [Fact]
    public void ReversedBoundsAndDoubleBounds_AreNamed()
    {
        var problems = BandTable.Problems(Measures.Percentage(), [new(RagStatus.Red, 20, 17), new(RagStatus.Green, 90, null, Above: 89)]);
        problems.ShouldBe(["bands[0]: the lower bound 20 is above the upper bound 17.", "bands[1]: give from (inclusive) or above (exclusive), not both."]);
    }

    [Fact]
    public void ATableFromZeroTo100_LeavesNothingOut()
    {
        // No figure is negative and no percentage exceeds 100, so 0 and 100 close the table.
        BandTable.Problems(Measures.Percentage(), [new(RagStatus.Red, 0, 84.9), new(RagStatus.Amber, 85, 89.9), new(RagStatus.Green, 90, 100)]).ShouldBeEmpty();
        BandTable.Problems(Measures.Percentage(), [new(RagStatus.Red, 0, 84.9), new(RagStatus.Amber, 85, 89.9), new(RagStatus.Green, 90, 99)])
            .ShouldBe(["gap: values above 99.0 fall in no band."]);
    }
}
