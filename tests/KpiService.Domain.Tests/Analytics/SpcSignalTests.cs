using KpiService.Domain.Analytics;
using KpiService.Domain.Tests.Golden;

namespace KpiService.Domain.Tests.Analytics;

public sealed class SpcSignalTests
{
    private static List<(Period, double)> Series(params double[] values) => [.. values.Select((v, i) => (Gloucestershire.Month(i), v))];

    [Fact]
    public void InitialContactDecisions_ConcerningLow_HitAndMiss()
    {
        // seeds/000 line 138 against its 90% target: limits 63.3–96.4 straddle the target.
        var chart = Spc.Chart(Gloucestershire.Row("% of Initial contact decisions").Points(), Polarity.Higher, 90)!;
        var signal = SpcSignals.Of(chart, Polarity.Higher);

        signal.Icons.ShouldBe(new SpcIcons("special-cause-concerning-low", "hit-and-miss"));
        signal.ConflictingSignals.ShouldBeTrue();
        signal.Causes.ShouldContain(SpcRules.DecreasingTrend);
    }

    [Theory]
    // A point far above the limits: improving when higher is better, concerning when lower is, neither when neutral.
    [InlineData(Polarity.Higher, "special-cause-improving-high")]
    [InlineData(Polarity.Lower, "special-cause-concerning-high")]
    [InlineData(Polarity.Neutral, "special-cause-neither-high")]
    public void VariationIcon_NamesTheSide(Polarity polarity, string icon) =>
        SpcSignals.Of(Spc.Chart(Series(50, 51, 50, 52, 51, 50, 51, 80), polarity, null)!, polarity).Icons.Variation.ShouldBe(icon);

    [Theory]
    [InlineData(Polarity.Higher, "special-cause-concerning-low")]
    [InlineData(Polarity.Lower, "special-cause-improving-low")]
    [InlineData(Polarity.Neutral, "special-cause-neither-low")]
    public void VariationIcon_LowSide(Polarity polarity, string icon) =>
        SpcSignals.Of(Spc.Chart(Series(50, 51, 50, 52, 51, 50, 51, 20), polarity, null)!, polarity).Icons.Variation.ShouldBe(icon);

    [Theory]
    [InlineData(40, "consistently-passing")]
    [InlineData(51, "hit-and-miss")]
    [InlineData(70, "consistently-failing")]
    public void AssuranceIcon(double target, string icon) =>
        SpcSignals.Of(Spc.Chart(Series(50, 52, 50, 52, 50, 52), Polarity.Higher, target)!, Polarity.Higher).Icons.Assurance.ShouldBe(icon);

    [Fact]
    public void CommonCauseWithoutTarget()
    {
        var signal = SpcSignals.Of(Spc.Chart(Series(10, 12, 11, 13, 12), Polarity.Higher, null)!, Polarity.Higher);
        signal.Icons.ShouldBe(new SpcIcons("common-cause", "none"));
        signal.Causes.ShouldBeEmpty();
    }
}
