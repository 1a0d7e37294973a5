using KpiService.Domain.Tests.Golden;

namespace KpiService.Domain.Tests.Ratings;

/// <summary>The Making Data Count rule set: conflicting signals, two of three beyond 2 sigma, change points.</summary>
public sealed class SpcMakingDataCountTests
{
    private static List<(Period, double)> Series(params double[] values) =>
        [.. values.Select((v, i) => (Gloucestershire.Month(i), v))];

    // Alternating 50, 52: mean 51, average moving range 2.
    private static readonly double[] Steady = [50, 52, 50, 52, 50, 52, 50, 52, 50, 52, 50, 52];

    [Fact]
    public void InitialContactDecisions_SixMonthsOfDeclineAboveTheMean_IsConcerningNotImproving()
    {
        // seeds/000 line 138: 92.7 … 93.6 (Mar-21), 92.9, 88.2, 84.2, 82.6, 81.1, 80.1 against a 90% target; the report
        // says "continued decline … 6th month". The last seven points sit above the 13-month mean (79.9), so a run
        // above the mean, read alone, says improving: the falling trend must not be hidden by it.
        var chart = Spc.Chart(Gloucestershire.Row("% of Initial contact decisions").Points(), Polarity.Higher, 90)!;

        chart.Variation.ShouldBe(Variation.SpecialCauseConcerning);
    }

    [Fact]
    public void InitialContactDecisions_ReportsTheConflict()
    {
        var chart = Spc.Chart(Gloucestershire.Row("% of Initial contact decisions").Points(), Polarity.Higher, 90)!;

        chart.ConflictingSignals.ShouldBeTrue();
        chart.Points[^1].SpecialCauses.ShouldBe([SpcRules.RunAboveMean, SpcRules.DecreasingTrend], ignoreOrder: true);
        chart.Points[6].SpecialCauses.ShouldContain(SpcRules.DecreasingTrend); // March 2021 starts the decline
    }

    [Fact]
    public void RecoveringButStillLow_TheTrendOutranksTheRun()
    {
        // Seven rising points that are all still below the mean: a run below the mean (concerning) and a rising trend
        // (improving). The trend ranks first, so the process reads as improving, and the conflict is reported.
        var chart = Spc.Chart(Series(60, 62, 61, 63, 62, 61, 62, 49, 50, 51, 52, 53, 54, 55), Polarity.Higher, null)!;

        chart.Points[^1].SpecialCauses.ShouldBe([SpcRules.RunBelowMean, SpcRules.IncreasingTrend], ignoreOrder: true);
        (chart.Variation, chart.ConflictingSignals).ShouldBe((Variation.SpecialCauseImproving, true));
    }

    [Fact]
    public void OneSidedSignal_IsNotAConflict()
    {
        var chart = Spc.Chart(Series(60, 62, 61, 63, 62, 50, 51, 50, 51, 50, 51, 50), Polarity.Higher, null)!;
        (chart.Variation, chart.ConflictingSignals).ShouldBe((Variation.SpecialCauseConcerning, false));
    }

    [Fact]
    public void TwoOfThreeBeyondTwoSigma_OnOneSide_IsASpecialCause()
    {
        // mean 51.7, 2 sigma 55.0, upper limit 56.7: 56 and 56 are beyond 2 sigma, inside the limit; 52.2 is above the mean.
        var chart = Spc.Chart(Series([.. Steady, 52.2, 56, 56]), Polarity.Higher, null)!;

        chart.Points[^1].SpecialCauses.ShouldBe([SpcRules.TwoOfThreeAboveTwoSigma]);
        chart.Points[^2].SpecialCauses.ShouldBe([SpcRules.TwoOfThreeAboveTwoSigma]);
        chart.Points[^3].SpecialCauses.ShouldBeEmpty(); // the third point is not beyond 2 sigma: not marked
        chart.Variation.ShouldBe(Variation.SpecialCauseImproving);
        Spc.Chart(Series([.. Steady, 52.2, 56, 56]), Polarity.Lower, null)!.Variation.ShouldBe(Variation.SpecialCauseConcerning);
    }

    [Fact]
    public void TwoOfThree_CountsAPointBeyondTheLimit()
    {
        // MDC's 2023 revision: 63 is beyond the upper limit (59.6) and so beyond 2 sigma (57.2) too; with 58 it makes two of three
        // (53 is above the mean of 52.4, so all three sit on one side).
        var chart = Spc.Chart(Series([.. Steady, 53, 63, 58]), Polarity.Higher, null)!;

        chart.Points[^2].SpecialCauses.ShouldBe([SpcRules.AboveUpperLimit, SpcRules.TwoOfThreeAboveTwoSigma]);
        chart.Points[^1].SpecialCauses.ShouldBe([SpcRules.TwoOfThreeAboveTwoSigma]);
    }

    [Fact]
    public void TwoOfThree_OnOppositeSidesOfTheMean_IsNot()
    {
        // nhs-r-community/NHSRplotthedots#143: points near both limits are common cause.
        var chart = Spc.Chart(Series([.. Steady, 56, 47, 56]), Polarity.Higher, null)!;
        chart.Points.ShouldAllBe(p => !p.SpecialCauses.Any(c => c.StartsWith("twoOfThree")));
    }

    [Fact]
    public void ChangePoint_RecalculatesLimitsFromItsPointsOn()
    {
        // A new process from 2021-09 (index 12): twelve points around 51, then twelve around 71.
        double[] values = [.. Steady, .. Steady.Select(v => v + 20)];
        var series = Series(values);

        var whole = Spc.Chart(series, Polarity.Higher, 65)!;
        var rebased = Spc.Chart(series, Polarity.Higher, 65, [Gloucestershire.Month(12)])!;

        whole.Points[^1].SpecialCauses.ShouldContain(SpcRules.RunAboveMean);       // against one mean of 61, the new level is a shift
        rebased.Segments.Count.ShouldBe(2);
        rebased.Mean.ShouldBe(71, 1e-9);
        rebased.AverageMovingRange.ShouldBe(2, 1e-9);                               // the jump across the change point is no moving range
        rebased.Points[12].MovingRange.ShouldBeNull();
        rebased.Points[0].Mean.ShouldBe(51, 1e-9);                                  // earlier points keep their own limits
        rebased.Points[0].UpperProcessLimit.ShouldBe(51 + 2.66 * 2, 1e-9);
        rebased.Points[^1].Mean.ShouldBe(71, 1e-9);
        rebased.Variation.ShouldBe(Variation.CommonCause);
        rebased.Assurance.ShouldBe(Assurance.ConsistentlyPasses);                  // 65 is below the new lower limit of 65.7
    }

    [Fact]
    public void ChangePoint_LeavingOnePoint_IsIgnoredAndSaysSo()
    {
        var chart = Spc.Chart(Series(Steady), Polarity.Higher, null, [Gloucestershire.Month(11), Gloucestershire.Month(30)])!;

        chart.Segments.Count.ShouldBe(1);
        chart.Warnings.ShouldBe([
            "change point 2021-08 would leave a segment of one point, and limits need two: ignored.",
            "change point 2023-03 is after the last point: ignored."]);
    }

    [Fact]
    public void NeutralMeasure_SpecialCauseIsNeither()
    {
        var chart = Spc.Chart(Series(50, 51, 50, 52, 51, 50, 51, 80), Polarity.Neutral, null)!;
        (chart.Variation, chart.Assurance).ShouldBe((Variation.SpecialCauseNeither, Assurance.NoTarget));
    }
}
