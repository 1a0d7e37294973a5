using KpiService.Reports.Formatting;

namespace KpiService.Reports.Tests.Formatting;

public sealed class DisplayTests
{
    [Theory]
    [InlineData(80.1, Unit.Percentage, 1, "80.1%")]
    [InlineData(80.05, Unit.Percentage, 1, "80.1%")]          // away from zero, as the seeds round
    [InlineData(90, Unit.Percentage, 0, "90%")]
    [InlineData(1234.4, Unit.Count, 0, "1,234")]
    [InlineData(44.6, Unit.RatePer10k, 1, "44.6 per 10,000")]
    [InlineData(17.604, Unit.Average, 2, "17.60")]
    public void Value_UsesTheMeasuresUnitAndPlaces(double value, Unit unit, int places, string expected) =>
        Display.Value(value, unit, places).ShouldBe(expected);

    [Theory]
    [InlineData(-9.9, Unit.Percentage, 1, "\u22129.9 points")]
    [InlineData(2.5, Unit.Percentage, 1, "+2.5 points")]
    [InlineData(1, Unit.Percentage, 1, "+1.0 point")]
    [InlineData(0.04, Unit.Percentage, 1, "0.0 points")]
    [InlineData(12, Unit.Count, 0, "+12")]
    public void Difference_IsSignedAndInPointsForPercentages(double difference, Unit unit, int places, string expected) =>
        Display.Difference(difference, unit, places).ShouldBe(expected);

    [Fact]
    public void Trend_ReadsLikeTheSeedsTrendColumn()
    {
        // seeds/000 line 139: "6th month, down 14% points since March"; computed: 6 periods, −13.5 since 2021-03.
        var run = new TrendRun(Direction.Down, 6, Period.Month(2021, 3), -13.5);

        Display.Trend(run, Polarity.Higher, Unit.Percentage, 1).ShouldBe("Declining for 6 months, down 13.5 points since Mar-21");
        Display.Trend(run, Polarity.Lower, Unit.Percentage, 1).ShouldBe("Improving for 6 months, down 13.5 points since Mar-21");
        Display.Trend(run, Polarity.Neutral, Unit.Percentage, 1).ShouldBe("Falling for 6 months, down 13.5 points since Mar-21");
        Display.Trend(run with { Direction = Direction.Flat, Periods = 1, Change = 0.2 }, Polarity.Higher, Unit.Percentage, 1)
            .ShouldBe("Flat for 1 month since Mar-21");
    }

    [Theory]
    [InlineData("2021-09", "Sep-21", "September 2021")]
    [InlineData("2021-22-Q2", "2021-22 Q2", "2021-22 Q2")]
    [InlineData("2020-21", "2020-21", "2020-21")]
    public void Periods_ReadAsTheSeedsHeadTheirColumns(string period, string shortForm, string longForm)
    {
        Display.ShortPeriod(Period.Parse(period)).ShouldBe(shortForm);
        Display.LongPeriod(Period.Parse(period)).ShouldBe(longForm);
    }

    [Theory]
    [InlineData("#d4351c", Colours.White)]
    [InlineData("#ffdd00", Colours.Black)]
    [InlineData("#00703c", Colours.White)]
    [InlineData("#b1b4b6", Colours.Black)]
    [InlineData("not a colour", Colours.Black)]                 // falls back to grey
    public void TextOn_PicksTheReadableInk(string fill, string ink)
    {
        Colours.TextOn(fill).ShouldBe(ink);
        Colours.ContrastRatio(fill, ink).ShouldBeGreaterThanOrEqualTo(4.5);
    }

    [Theory]
    [InlineData("FFD4351C", "#D4351C")]
    [InlineData("FFFFDD00", "#fd0")]
    [InlineData("FFB1B4B6", "red")]
    public void Argb_IsWhatASpreadsheetFillTakes(string expected, string colour) => Colours.Argb(colour).ShouldBe(expected);

    [Theory]
    [InlineData("<b>&'\"", "&lt;b&gt;&amp;&#39;&quot;")]
    [InlineData("bell\u0007tab\tok", "belltab\tok")]
    public void Markup_EscapesEverythingThatCouldOpenATagOrAttribute(string text, string expected) =>
        Markup.Escape(text).ShouldBe(expected);
}
