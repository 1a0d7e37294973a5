using KpiService.Domain.Analytics;
using KpiService.Domain.Tests.Golden;

namespace KpiService.Domain.Tests.Analytics;

/// <summary>Going well / ones to watch / do better (seeds/001 lines 3–44), from Gloucestershire's rows with tolerance 5.</summary>
public sealed class ExceptionGroupTests
{
    private static ExceptionAssessment? Of(string row, double target, int persistent = 3, double tolerance = 5)
    {
        var r = Gloucestershire.Row(row);
        RatingRule[] rules = [new TargetRule(Period.Month(2020, 4), target, tolerance)];
        var options = new AssessmentOptions(PersistentPeriods: persistent);
        return MeasureAssessments.Assess(r.Measure(), r.Series(), rules, Gloucestershire.September2021, options)!.Exception;
    }

    [Fact]
    public void InitialVisits_RedAndDeclining_DoBetter()
    {
        // seeds/000 line 141: 78.4 (Jun), 78.1, 66.4, 64.8 against 85: red, down for 3 periods, below target since March.
        var exception = Of("% of Initial visits that were within timescale (All)", 85)!;

        exception.Group.ShouldBe(ExceptionGroup.DoBetter);
        exception.Reason.ShouldStartWith("red and declining for 3 periods, off target for 7 months");
    }

    [Fact]
    public void EndToEndContactDecisions_RedForAYear_DoBetterDespiteAnInMonthRise()
    {
        // seeds/000 line 139: "Off target for more than 12 months", "3 - in-month improvement" (72 → 78 against 95).
        var exception = Of("% of end-to-end contact decisions", 95)!;

        exception.Group.ShouldBe(ExceptionGroup.DoBetter);
        exception.Reason.ShouldStartWith("red and off target for 12 months");
        exception.Reason.ShouldContain("but improving for 1 period");
    }

    [Fact]
    public void SingleAssessments_Amber_OnesToWatch()
    {
        // seeds/000 line 176: 83.2 against 87, within the tolerance of 5; "fluctuating between within tolerance and worse than target".
        var exception = Of("% of Single Assessments completed within 45 w.days", 87)!;
        exception.Group.ShouldBe(ExceptionGroup.OnesToWatch);
        exception.Reason.ShouldStartWith("amber");
    }

    [Fact]
    public void ProtectionPlanReviews_GreenForAYear_GoingWell()
    {
        // seeds/000 line 184: "Performance high and better than target for 12 months", 98.6 against 97.
        var exception = Of("% of children subject to a protection plan with an up-to-date review", 97)!;
        exception.Group.ShouldBe(ExceptionGroup.GoingWell);
        exception.Reason.ShouldBe("green and on target in 12 of 12 months");
    }

    [Fact]
    public void SubsequentReviews_GreenButDeclining_WatchedOnceThePersistenceThresholdIsMet()
    {
        // seeds/000 line 183: 100.0, 99.1, 97.1 against 90 — "2nd month" of decline.
        const string row = "% of Children in Need whose subsequent CiN Review";
        Of(row, 90)!.Group.ShouldBe(ExceptionGroup.GoingWell);
        var watched = Of(row, 90, persistent: 2)!;
        watched.Group.ShouldBe(ExceptionGroup.OnesToWatch);
        watched.Reason.ShouldStartWith("green but declining for 2 periods");
    }

    [Fact]
    public void InitialContactDecisions_ConflictingSpc_IsNamedInTheReason()
    {
        // seeds/000 line 138: amber (80.1 against 90, tolerance 10), declining for 6 periods, below 90 since May, SPC conflicting.
        var exception = Of("% of Initial contact decisions", 90, tolerance: 10)!;
        exception.Group.ShouldBe(ExceptionGroup.OnesToWatch);
        exception.Reason.ShouldBe("amber and declining for 6 periods, off target for 5 months and SPC signals conflict (special cause both ways)");
    }

    [Fact]
    public void ARedMonthAfterGreenOnes_NotDeclining_IsWatched()
    {
        // Red for the first time but up on last month: not yet persistent.
        var series = Measures.Monthly(2021, 1, 95, 95, 95, 95, 95, 70, 75);
        RatingRule[] rules = [new TargetRule(Period.Month(2020, 4), 90, 5)];
        var exception = MeasureAssessments.Assess(Measures.Percentage(), series, rules, Period.Month(2021, 7))!.Exception!;

        exception.Group.ShouldBe(ExceptionGroup.OnesToWatch);
        exception.Reason.ShouldStartWith("red but improving for 1 period");
    }

    [Fact]
    public void NeutralCount_AtItsHighest_IsWatched_OtherwiseNoGroup()
    {
        // Southampton lists UASC under "Ones to watch" (seeds/001 line 21): 18, "the highest this number has been" (line 343).
        var uasc = Measures.Monthly(2020, 1, 14, 15, 15, 13, 12, 12, 11, 11, 10, 11, 16, 18);
        var watched = MeasureAssessments.Assess(Measures.Count(Aggregation.Snapshot), uasc, [], Period.Month(2020, 12))!.Exception!;
        watched.Group.ShouldBe(ExceptionGroup.OnesToWatch);
        watched.Reason.ShouldBe("highest in 12 months");

        MeasureAssessments.Assess(Measures.Count(Aggregation.Snapshot), uasc, [], Period.Month(2020, 10))!.Exception.ShouldBeNull(); // 11: no record
    }

    [Fact]
    public void NoTarget_ImprovingPersistently_GoingWell()
    {
        var series = Measures.Monthly(2021, 1, 60, 62, 64, 66, 68);
        var exception = MeasureAssessments.Assess(Measures.Percentage(), series, [], Period.Month(2021, 5))!.Exception!;
        exception.Group.ShouldBe(ExceptionGroup.GoingWell);
        exception.Reason.ShouldBe("no target, improving for 4 periods");
    }
}
