using KpiService.Domain.Analytics;
using KpiService.Domain.Tests.Golden;

namespace KpiService.Domain.Tests.Analytics;

public sealed class YearOnYearTests
{
    private static Dictionary<Period, MeasureValue> Values(params (string Period, double Value)[] values) =>
        values.ToDictionary(v => Period.Parse(v.Period), v => new MeasureValue(v.Value, null, null));

    [Theory]
    // Darlington (seeds/002): children on a CP plan, "79 … a 23.3% drop compared to the 103 … at the end of September 2020" (line 283);
    // children in care, "266 … a 11.9% reduction from the 302 … September 2020" (line 430).
    [InlineData(103, 79, -24, -23.3)]
    [InlineData(302, 266, -36, -11.9)]
    public void Count_ChangesAgainstTheSameMonthLastYear(double lastYear, double now, double change, double percent)
    {
        var yoy = YearOnYearChange.Of(Measures.Count(Aggregation.Snapshot), Values(("2020-09", lastYear), ("2021-09", now)), Period.Month(2021, 9))!;

        yoy.ComparedWith.ToString().ShouldBe("2020-09");
        yoy.Change.ShouldBe(change);
        Math.Round(yoy.PercentChange!.Value, 1).ShouldBe(percent);
    }

    [Fact]
    public void Quarter_AgainstTheSameQuarterLastYear_AndSinceABaseline()
    {
        // Darlington children coming into care: 21 in Q2 2021/22, "a 8.7% decrease when compared with the 23 … in Q2 2020/21
        // and a 34.4% decrease compared to 32 children in Q2 2019/20" (seeds/002 line 458).
        var series = Values(("2019-20-Q2", 32), ("2020-21-Q2", 23), ("2021-22-Q2", 21));
        var yoy = YearOnYearChange.Of(Measures.Count(), series, Period.Parse("2021-22-Q2"), since: Period.Parse("2019-20-Q2"))!;

        yoy.ComparedWith.ToString().ShouldBe("2020-21-Q2");
        Math.Round(yoy.PercentChange!.Value, 1).ShouldBe(-8.7);
        yoy.BaselineValue.ShouldBe(32);
        yoy.ChangeSinceBaseline.ShouldBe(-11);
        Math.Round(yoy.PercentChangeSinceBaseline!.Value, 1).ShouldBe(-34.4);
    }

    [Fact]
    public void Quarter_IsComputedFromItsMonthsWhenNotSubmitted()
    {
        // Darlington section 47 enquiries: 60 in Q2 2021/22, "a 30.4% increase on the 46 … in Q2 2020/21" (seeds/002 line 210).
        var series = Values(("2020-07", 15), ("2020-08", 16), ("2020-09", 15), ("2021-07", 18), ("2021-08", 20), ("2021-09", 22));
        var yoy = YearOnYearChange.Of(Measures.Count(), series, Period.Parse("2021-22-Q2"))!;

        (yoy.PreviousValue, yoy.Change).ShouldBe((46.0, 14.0));
        Math.Round(yoy.PercentChange!.Value, 1).ShouldBe(30.4);
    }

    [Fact]
    public void Percentage_KeepsPointsAndRelativeChange()
    {
        // Gloucestershire return interviews within 72 hours: 57.5% against "74% at the same time last year" (seeds/000 line 148).
        var row = Gloucestershire.Row("% of return interviews");
        var yoy = YearOnYearChange.Of(row.Measure(), row.Series(), Gloucestershire.September2021)!;

        yoy.Change!.Value.ShouldBe(-16.5, 1e-9);                      // points
        yoy.PercentChange!.Value.ShouldBe(-16.5 / 74 * 100, 1e-9);    // relative: −22.3 %
    }

    [Theory]
    // "6th month, down 14% points since March" (seeds/000 line 138); "4th month, down 8% points since April" (line 169);
    // "overall down 6% points since January" (line 211); "34% points since Sep-20" (line 203).
    [InlineData("% of Initial contact decisions", "2021-03", -13.5)]
    [InlineData("% of children in care with an IRO casenote", "2021-04", -8.0)]
    [InlineData("% of children in care accommodated under S20", "2021-01", -5.7)]
    [InlineData("% of timely of RHAs", "2020-09", -33.5)]
    public void SinceABaseline_IsTheChangeInPoints(string row, string since, double points)
    {
        var measure = Gloucestershire.Row(row);
        var yoy = YearOnYearChange.Of(measure.Measure(), measure.Series(), Gloucestershire.September2021, Period.Parse(since))!;
        yoy.ChangeSinceBaseline!.Value.ShouldBe(points, 1e-9);
    }

    [Fact]
    public void MissingYearEarlier_LeavesTheChangeEmpty_AndFromZeroHasNoRelativeChange()
    {
        var none = YearOnYearChange.Of(Measures.Count(), Values(("2021-09", 5)), Period.Month(2021, 9))!;
        (none.PreviousValue, none.Change, none.PercentChange).ShouldBe((null, null, null));

        var fromZero = YearOnYearChange.Of(Measures.Count(), Values(("2020-09", 0), ("2021-09", 3)), Period.Month(2021, 9))!;
        (fromZero.Change, fromZero.PercentChange).ShouldBe((3.0, null));

        YearOnYearChange.Of(Measures.Count(), Values(("2020-09", 1)), Period.Month(2021, 9)).ShouldBeNull();
    }
}
