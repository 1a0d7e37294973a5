using KpiService.Domain.Analytics;
using KpiService.Domain.Tests.Golden;

namespace KpiService.Domain.Tests.Analytics;

/// <summary>The composition every read calls: one measure, one period, every block filled from its own rule.</summary>
public sealed class MeasureAssessmentTests
{
    [Fact]
    public void InitialContactDecisions_September2021_EveryBlock()
    {
        // seeds/000 line 138, target 90 (tolerance 10) from April 2020; September 2020 is the year-earlier month.
        var row = Gloucestershire.Row("% of Initial contact decisions");
        RatingRule[] rules = [new TargetRule(Period.Month(2020, 4), 90, 10)];

        var assessment = MeasureAssessments.Assess(row.Measure(), row.Series(), rules, Gloucestershire.September2021,
            new AssessmentOptions(Since: Period.Month(2021, 3)))!;

        assessment.Rating.Status.ShouldBe(RagStatus.Amber);
        assessment.YearOnYear!.Change!.Value.ShouldBe(80.1 - 92.7, 1e-9);
        assessment.YearOnYear.ChangeSinceBaseline!.Value.ShouldBe(-13.5, 1e-9);
        assessment.Persistence!.Summary.ShouldStartWith("2 of 12 months on target, off target for the last 5 months");
        assessment.Spc!.Variation.ShouldBe(Variation.SpecialCauseConcerning);
        assessment.Spc.Icons.Variation.ShouldBe("special-cause-concerning-low");
        assessment.Exception!.Group.ShouldBe(ExceptionGroup.OnesToWatch);
        assessment.Forecast.ShouldBeNull(); // a percentage has no run rate
    }

    [Fact]
    public void TooFewPointsForSpc_LeavesItOut()
    {
        var series = Measures.Monthly(2021, 1, 80, 82, 84, 86, 88, 90);
        var assessment = MeasureAssessments.Assess(Measures.Percentage(), series, [], Period.Month(2021, 6))!;

        assessment.Spc.ShouldBeNull();
        MeasureAssessments.Assess(Measures.Percentage(), series, [], Period.Month(2021, 6), new AssessmentOptions(SpcMinimumPoints: 6))!.Spc.ShouldNotBeNull();
    }

    [Fact]
    public void SpcChangePoint_IsPassedThrough()
    {
        // Twelve months around 51, then twelve around 71 after a new process from 2021-09: against one mean the new
        // level is special cause; from the change point on it is common cause.
        double[] steady = [50, 52, 50, 52, 50, 52, 50, 52, 50, 52, 50, 52];
        var series = Measures.Monthly(2020, 9, [.. steady, .. steady.Select(v => v + 20)]);
        var period = Period.Month(2022, 8);

        MeasureAssessments.Assess(Measures.Percentage(), series, [], period)!.Spc!.Variation.ShouldBe(Variation.SpecialCauseImproving);
        MeasureAssessments.Assess(Measures.Percentage(), series, [], period, new AssessmentOptions(SpcChangePoints: [Period.Month(2021, 9)]))!
            .Spc!.Variation.ShouldBe(Variation.CommonCause);
    }

    [Fact]
    public void FlowCount_GetsARunRateForecast_TrajectoryGetsItsTrend()
    {
        var ehas = MeasureAssessments.Assess(Measures.Count(), Measures.Monthly(2021, 4, 81, 69, 79, 83, 35, 44), [], Period.Month(2021, 9))!;
        ehas.Forecast!.ProjectedValue.ShouldBe(782);

        var carers = new Measure("carers", null, "In-house foster carers", "", "Fostering", Unit.Count, Polarity.Higher, 0, Aggregation.Snapshot);
        RatingRule[] trajectory = [new TrajectoryRule(Period.Month(2020, 12), 153, Period.Month(2023, 3), 200, 5)];
        var assessment = MeasureAssessments.Assess(carers, Measures.Monthly(2020, 9, 161, 160, 159, 153), trajectory, Period.Month(2020, 12))!;
        assessment.Forecast!.ProjectedValue!.Value.ShouldBe(87, 1e-9);
        assessment.Rating.Target.ShouldBe(153);
    }

    [Fact]
    public void BenchmarkRule_UsesTheAverageGivenForEachPeriod()
    {
        var series = Measures.Monthly(2021, 7, 20, 22, 24);
        RatingRule[] rules = [new BenchmarkRule(Period.Month(2021, 4), "neighbours", 1)];
        var history = new Dictionary<Period, double> { [Period.Month(2021, 7)] = 25, [Period.Month(2021, 8)] = 21 };
        var assessment = MeasureAssessments.Assess(Measures.Percentage(Polarity.Lower), series, rules, Period.Month(2021, 9),
            new AssessmentOptions(Window: 3, BenchmarkAverage: 22, BenchmarkAverages: history))!;

        assessment.Rating.Status.ShouldBe(RagStatus.Red);                      // 24 is worse than 22 by more than 1
        (assessment.Persistence!.PeriodsRated, assessment.Persistence.PeriodsOnTarget).ShouldBe((3, 1)); // July better than 25
    }

    [Fact]
    public void NoFigure_NoAssessment() =>
        MeasureAssessments.Assess(Measures.Percentage(), Measures.Monthly(2021, 1, 50), [], Period.Month(2021, 2)).ShouldBeNull();
}
