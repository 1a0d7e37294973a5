using KpiService.Domain.Catalogue;
using KpiService.Reports.Charts;
using KpiService.Reports.Tests.Fixtures;

namespace KpiService.Reports.Tests.Charts;

public sealed class ChartTests
{
    [Fact]
    public void Trend_InitialContactDecisions_StatesEveryMonthTargetAndTolerance()
    {
        // seeds/000 line 139: Sep-20 92.7% … Sep-21 80.1% against 90%.
        var input = ChartFixtures.Trend(ChartFixtures.ContactDecisions);
        var svg = new SvgDocument(TrendChart.Render(input), "trend.svg");

        svg.ShouldBeAnAccessibleStaticImage();
        svg.Title.ShouldBe("Trend: % of Initial contact decisions made within 24 hours");
        svg.Description.ShouldStartWith("% of Initial contact decisions made within 24 hours. Values from Sep-20 to Sep-21; higher is better. Target 90.0%. " +
                                        "Tolerance 5.0 points: within tolerance from 85.0% to 90.0%. Sep-20: 92.7%, Green. Oct-20: 66.8%, Red.");
        svg.Description.ShouldEndWith("Sep-21: 80.1%, Red.");
        svg.Description.ShouldContain("Apr-21: 92.9%, Green. May-21: 88.2%, Yellow (amber).");
        // One marker per month in its status's colour and shape (3 green circles, 1 yellow diamond, 9 red squares),
        // plus one of each in the legend.
        svg.CountFilled("circle", "#00703c").ShouldBe(3 + 1);
        svg.CountFilled("polygon", "#ffdd00").ShouldBe(1 + 1);
        svg.CountFilled("rect", "#d4351c").ShouldBe(9 + 1);
        svg.Texts.ShouldContain("Target 90.0%");
        svg.Texts.ShouldContain("80.1%");
        svg.Texts.Count(t => t.EndsWith("-20") || t.EndsWith("-21")).ShouldBe(13);
    }

    [Fact]
    public void Trend_ToleranceBandLiesOnTheWorseSideOfTheTarget()
    {
        var higher = ChartFixtures.Trend(ChartFixtures.ContactDecisions);
        var lower = ChartFixtures.Trend("% of CP plans starting in month");

        TrendChart.ToleranceBand(higher).ShouldBe((85.0, 90.0));
        TrendChart.ToleranceBand(lower).ShouldBe((25.0, 30.0));
        TrendChart.ToleranceBand(higher with { Tolerance = null }).ShouldBeNull();
    }

    [Fact]
    public void Trend_GapsBreakTheLineAndAreSaid()
    {
        // seeds/000 line 236: good attendance has no figure for Jan-21, Feb-21 and Aug-21 ("Schools closed").
        var svg = new SvgDocument(TrendChart.Render(ChartFixtures.Trend("% of school aged children in care with good attendance")), "trend-gaps.svg");

        svg.ShouldBeAnAccessibleStaticImage();
        svg.All("polyline").Count().ShouldBe(2);                  // Sep–Dec and Mar–Jul; Sep-21 stands alone
        svg.Description.ShouldContain("Jan-21: no figure. Feb-21: no figure.");
        svg.Description.ShouldContain("Aug-21: no figure. Sep-21: 82.0%, Red.");
    }

    [Fact]
    public void Spc_ColoursSpecialCausesAsMakingDataCountDoes()
    {
        // Children in care under S20 (seeds/000 line 209), lower is better: falling to 21.1% by Sep-21.
        var input = ChartFixtures.Spc("% of children in care accommodated under S20");
        var svg = new SvgDocument(SpcChartSvg.Render(input), "spc.svg");
        var improving = input.Chart.Points.Count(p => MdcIcons.PointVariation(p, Polarity.Lower) == Variation.SpecialCauseImproving);
        var concerning = input.Chart.Points.Count(p => MdcIcons.PointVariation(p, Polarity.Lower) == Variation.SpecialCauseConcerning);
        var common = input.Chart.Points.Count(p => p.SpecialCauses.Count == 0);

        svg.ShouldBeAnAccessibleStaticImage();
        // The first nine months sit above the mean of 25.0 (a run of seven or more on the worse side: concern); Aug-21 and
        // Sep-21 fall below the lower limit of 23.0 (improvement), and Jul-21 with Aug-21 makes two of three beyond two
        // sigma on the low side (improvement too); Jun-21 alone is common cause.
        (improving, concerning, common).ShouldBe((3, 9, 1));
        // Points: blue circles, orange diamonds, grey dots; the variation icon's dots add their own.
        svg.CountFilled("circle", "#289de0").ShouldBe(improving + 1 + 3);    // + legend marker + three icon dots
        svg.CountFilled("polygon", "#fab428").ShouldBe(concerning + 1);      // + legend marker
        svg.Description.ShouldContain("Mean 25.0%, upper process limit 27.0%, lower process limit 23.0%, target 25.0%.");
        svg.Description.ShouldContain("Latest point: special cause variation of an improving nature, from lower values.");
        svg.Description.ShouldContain("Sep-21: 21.1%, special cause: improvement (below the lower process limit, two of three points beyond two sigma below the mean).");
        svg.Texts.ShouldContain("L");                                        // the variation icon's side
        svg.Texts.ShouldContain("?");                                        // assurance: hit and miss
    }

    [Fact]
    public void Spc_MeanAndLimitsFollowTheDomain()
    {
        var input = ChartFixtures.Spc(ChartFixtures.ContactDecisions);
        var svg = new SvgDocument(SpcChartSvg.Render(input), "spc-contacts.svg");

        svg.Texts.ShouldContain($"{Math.Round(input.Chart.Mean, 1):0.0}%");
        svg.Texts.ShouldContain($"{Math.Round(input.Chart.UpperProcessLimit, 1):0.0}%");
        svg.Texts.ShouldContain($"{Math.Round(input.Chart.LowerProcessLimit, 1):0.0}%");
        svg.All("line").Count(l => (string?)l.Attribute("stroke") == "#de1b1b").ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void Comparison_SortsBestFirstAndHighlightsTheAuthority()
    {
        // LAIT 2020-21, second or subsequent plans (lower is better): Gloucestershire 29.9%, England 22.1%, South West 25.0%.
        var input = ChartFixtures.RepeatPlans();
        var svg = new SvgDocument(ComparisonChart.Render(input), "comparison.svg");
        var names = input.Entries.Select(e => e.Name).ToHashSet();
        var order = svg.Texts.Where(names.Contains).ToList();

        svg.ShouldBeAnAccessibleStaticImage();
        order.Count.ShouldBe(14);
        order[0].ShouldBe("Bath and North East Somerset");
        order[^1].ShouldBe("Gloucestershire");
        order.IndexOf("England").ShouldBeLessThan(order.IndexOf("South West"));
        svg.CountFilled("rect", "#1d70b8").ShouldBe(1 + 1);                 // its bar and the legend's
        svg.All("text").Single(t => t.Value == "Gloucestershire").Attribute("font-weight")!.Value.ShouldBe("bold");
        svg.Description.ShouldContain("Gloucestershire is 11th of 11 among itself and its statistical neighbours.");
        svg.Description.ShouldContain("England (national) 22.1%");
        svg.Description.ShouldContain("South West (region) 25.0%");
    }

    [Fact]
    public void Comparison_ListsEntriesWithoutAFigureLast()
    {
        var measure = new MeasureHeading("m", null, "A rate", "Area", Unit.RatePer10k, Polarity.Neutral, 1);
        var input = new ComparisonChartInput(measure, Period.FinancialYearStarting(2020),
            [new("Nowhere", null, ComparisonRole.Neighbour), new("Here", 45.2, ComparisonRole.Authority), new("There", 61.0, ComparisonRole.Neighbour)]);

        var svg = new SvgDocument(ComparisonChart.Render(input), "comparison-missing.svg");

        ComparisonChart.Sort(input.Entries, measure.Polarity).Select(e => e.Name).ShouldBe(["There", "Here", "Nowhere"]);
        svg.Texts.ShouldContain("no figure");
        svg.Description.ShouldEndWith("No figure: Nowhere.");
        svg.Description.ShouldNotContain("is 1st");                          // neutral measures are not ranked
    }

    [Fact]
    public void Sparkline_TitleGivesFirstAndLatestAndMarksTheLatestStatus()
    {
        var svg = new SvgDocument(Sparkline.Render(ChartFixtures.Trend(ChartFixtures.ContactDecisions)), "sparkline.svg");

        svg.ShouldBeAnAccessibleStaticImage();
        svg.Title.ShouldBe("Trend from Sep-20 92.7% to Sep-21 80.1%");
        svg.Description.ShouldStartWith("% of Initial contact decisions made within 24 hours: Sep-20 92.7%; Oct-20 66.8%;");
        svg.Description.ShouldEndWith("Sep-21 80.1%; target 90.0%.");
        svg.CountFilled("rect", "#d4351c").ShouldBe(1);
    }

    [Fact]
    public void Charts_EscapeHostileText()
    {
        var row = EdgeCaseDashboard.Build().Groups[0].Rows[1];
        var input = new TrendChartInput(row.Measure, [new SeriesPoint(Period.Month(2021, 9), 1.5, RagStatus.Red)], 2, 1, LabelScheme.Default);

        foreach (var (markup, name) in new[]
                 {
                     (TrendChart.Render(input, "x\"><script>"), "hostile-trend.svg"), (Sparkline.Render(input), "hostile-sparkline.svg"),
                     (ComparisonChart.Render(new ComparisonChartInput(row.Measure, Period.Month(2021, 9), [new(EdgeCaseDashboard.HostileTitle, 3, ComparisonRole.Authority)])), "hostile-comparison.svg"),
                 })
        {
            var svg = new SvgDocument(markup, name);
            svg.ShouldBeAnAccessibleStaticImage();
            markup.ShouldNotContain("<script>");
            svg.Description.ShouldContain(EdgeCaseDashboard.HostileTitle);
        }
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(1.3, 2)]
    [InlineData(2.2, 2.5)]
    [InlineData(3.1, 5)]
    [InlineData(7, 10)]
    [InlineData(0.031, 0.05)]
    [InlineData(180, 200)]
    public void NiceStep_RoundsUpToOneTwoTwoAndAHalfOrFive(double rough, double expected) =>
        ChartScale.NiceStep(rough).ShouldBe(expected, 1e-12);

    [Fact]
    public void Scale_ForPercentagesStopsAtAHundredAndCoversEveryValue()
    {
        var scale = new ChartScale([97.5, 100, 99.2], Unit.Percentage, 0, 100);

        scale.Max.ShouldBe(100);
        scale.Min.ShouldBeLessThanOrEqualTo(97.5);
        scale.Ticks().Last().ShouldBe(100);
    }
}
