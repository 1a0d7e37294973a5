using KpiService.Domain.Analytics;
using KpiService.Domain.Tests.Golden;

namespace KpiService.Domain.Tests.Analytics;

/// <summary>The seeds' persistence keys computed from the series, each period rated by the rule in force for it.</summary>
public sealed class PersistenceTests
{
    private static Persistence Of(string row, double target, int window = 12, double tolerance = 5)
    {
        var r = Gloucestershire.Row(row);
        RatingRule[] rules = [new TargetRule(Period.Month(2020, 4), target, tolerance)];
        return PersistenceAnalysis.Of(r.Measure(), r.Series(), rules, Gloucestershire.September2021, new PersistenceOptions(window))!;
    }

    [Fact]
    public void EndToEndContactDecisions_OffTargetFor12Months()
    {
        // "Off target for more than 12 months, significantly worse than target" (seeds/000 line 139): 95% target, every month below.
        var p = Of("% of end-to-end contact decisions", 95);

        (p.PeriodsRated, p.PeriodsOnTarget, p.CurrentRunOffTarget, p.LongestRunOffTarget, p.PeriodsSinceOnTarget).ShouldBe((12, 0, 12, 12, (int?)null));
        p.Summary.ShouldStartWith("off target for 12 months");
    }

    [Fact]
    public void RepeatReferrals_4Of5MonthsOnTarget()
    {
        // "Better than target for 4 of 5 months" (seeds/000 line 192): 21.7, 22.5, 30.5, 21.9, 21.4 against 22.5, lower is better.
        var p = Of("Repeat referrals", 22.5, window: 5, tolerance: 2.5);

        (p.PeriodsOnTarget, p.PeriodsRated, p.CurrentRunOffTarget, p.PeriodsSinceOnTarget).ShouldBe((4, 5, 0, 0));
        p.Summary.ShouldStartWith("4 of 5 months on target");
    }

    [Fact]
    public void ProtectionPlanReviews_OnTargetFor12Months()
    {
        // "Performance high and better than target for 12 months" (seeds/000 line 184), 97% target.
        Of("% of children subject to a protection plan with an up-to-date review", 97).Summary.ShouldStartWith("on target for 12 months");
    }

    [Fact]
    public void InitialVisits_OffTargetSinceMarch()
    {
        // seeds/000 line 141: 85.3% in Feb-21 was the last month on an 85% target; March to September are all below.
        var p = Of("% of Initial visits that were within timescale (All)", 85);

        (p.PeriodsOnTarget, p.CurrentRunOffTarget, p.PeriodsSinceOnTarget).ShouldBe((2, 7, 7));
        p.Summary.ShouldStartWith("2 of 12 months on target, off target for the last 7 months");
    }

    [Fact]
    public void FosterCarerSupervision_ReturnedToItsHighest()
    {
        // "Performance returned to highest level reported in 12 months in Sep" (seeds/000 line 250): 85.0% equals June's 85.0%.
        var p = Of("% of Foster Carers with an up-to-date supervision", 95);
        (p.RecordHigh, p.RecordLow).ShouldBe((true, false));
        p.Summary.ShouldContain("highest in 12 months");
    }

    [Fact]
    public void UnannouncedVisits_MovedIntoPerformanceGroup2()
    {
        // "… now worse than target in Sep and a move into performance group 2" (seeds/000 line 249): 90.7% → 89.4%.
        var p = Of("% of Foster Carer who have had an unannounced visit", 95);
        (p.PreviousPerformanceGroup, p.PerformanceGroupChanged).ShouldBe((1, true));
        p.Summary.ShouldContain("moved from performance group 1 to 2");
    }

    [Fact]
    public void EachPeriod_IsRatedByTheRuleInForceForIt()
    {
        // Single assessments (seeds/000 line 176) against 80% to March and a stretch 87% from April: the stretch does not re-rate winter.
        var row = Gloucestershire.Row("% of Single Assessments completed within 45 w.days");
        RatingRule[] rules = [new TargetRule(Period.Month(2020, 4), 80, 5), new TargetRule(Period.Month(2021, 4), 87, 5)];
        var p = PersistenceAnalysis.Of(row.Measure(), row.Series(), rules, Gloucestershire.September2021)!;

        // Oct–Mar: 83.5 82.3 83.5 86.7 86.2 on 80, 79.8 off; Apr–Sep all below 87.
        (p.PeriodsOnTarget, p.CurrentRunOffTarget, p.LongestRunOffTarget).ShouldBe((5, 7, 7));
    }

    [Fact]
    public void AMissingMonth_EndsARun()
    {
        var series = Measures.Monthly(2021, 1, 50, 50, 50, 50, 50, 50);
        series.Remove(Period.Month(2021, 3));
        RatingRule[] rules = [new TargetRule(Period.Month(2020, 4), 90, 5)];
        var p = PersistenceAnalysis.Of(Measures.Percentage(), series, rules, Period.Month(2021, 6), new PersistenceOptions(6))!;

        (p.PeriodsRated, p.CurrentRunOffTarget, p.LongestRunOffTarget).ShouldBe((5, 3, 3));
        p.Summary.ShouldStartWith("off target in all 5 months rated");
    }

    [Fact]
    public void NeutralMeasure_HasNoTargetPart_ButKeepsRecordAndStability()
    {
        // Southampton's UASC looked after, Jan–Dec 2020: 18 is "the highest this number has been" (seeds/001 lines 339–343).
        var uasc = Measures.Monthly(2020, 1, 14, 15, 15, 13, 12, 12, 11, 11, 10, 11, 16, 18);
        var p = PersistenceAnalysis.Of(Measures.Count(Aggregation.Snapshot), uasc, [], Period.Month(2020, 12))!;

        (p.PeriodsRated, p.RecordHigh).ShouldBe((0, true));
        p.Summary.ShouldBe("highest in 12 months; fluctuating");
    }

    [Fact]
    public void NoFigureForThePeriod_IsNull() =>
        PersistenceAnalysis.Of(Measures.Percentage(), Measures.Monthly(2021, 1, 50), [], Period.Month(2021, 2)).ShouldBeNull();
}
