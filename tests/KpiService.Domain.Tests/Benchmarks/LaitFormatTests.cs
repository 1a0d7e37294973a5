using KpiService.Domain.Benchmarks;
using static KpiService.Domain.Tests.Benchmarks.BenchmarkFixtures;

namespace KpiService.Domain.Tests.Benchmarks;

/// <summary>LAIT's own long download, on crafted rows: every level, mark, year type and quirk the real file has.</summary>
public sealed class LaitFormatTests
{
    private const string Header = "Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region\n";

    [Theory]
    // code, year, area, value → level, code, ranked, value, mark, period label, comparable period
    [InlineData("ReReferral", "2025", "916", "22.6", AreaLevel.Authority, "916", true, 22.6, null, "2024/25", "2024-25")]
    [InlineData("ReReferral", "2025", "970", "22.6", AreaLevel.England, "E92000001", true, 22.6, null, "2024/25", "2024-25")]
    [InlineData("ReReferral", "2025", "990", "21.0", AreaLevel.Region, "E12000009", true, 21.0, null, "2024/25", "2024-25")]
    [InlineData("ReReferral", "2025", "986", "19.9", AreaLevel.Region, "E12000007", true, 19.9, null, "2024/25", "2024-25")]
    [InlineData("ReReferral", "2016", "916", "-", AreaLevel.Authority, "916", true, null, "-", "2015/16", "2015-16")]
    [InlineData("ReReferral", "2023/24 (Rev)", "916", "21.5", AreaLevel.Authority, "916", true, 21.5, null, "2023/24 (Rev)", "2023-24")]
    [InlineData("LAC", "2025", "841", "110", AreaLevel.Authority, "841", true, 110.0, null, "31 March 2025", "2024-25")]
    [InlineData("Work_Force_Vac_Rate", "2022", "841", "20", AreaLevel.Authority, "841", true, 20.0, null, "30 September 2022", "2022-23")]
    [InlineData("LAC_KS4_AVG_Attain8", "2021", "916", "23.2", AreaLevel.Authority, "916", true, 23.2, null, "2020/21", "2020-21")]
    [InlineData("YOT_Rate", "2018-20", "916", "x", AreaLevel.Authority, "916", true, null, "x", "2018-20", "2020-21")]
    // Retired and new authorities (Dorset 2019, Northamptonshire 2021, Cumbria 2023): kept, ranked only in their lifetime.
    [InlineData("ReReferral", "2016", "835", "24", AreaLevel.Authority, "835", true, 24.0, null, "2015/16", "2015-16")]
    [InlineData("CareApplications", "2022", "835", "11.1", AreaLevel.Authority, "835", false, 11.1, null, "2021/22", "2021-22")]
    [InlineData("ReReferral", "2019", "836", "30", AreaLevel.Authority, "836", true, 30.0, null, "2018/19", "2018-19")]
    [InlineData("ReReferral", "2018", "838", "12", AreaLevel.Authority, "838", false, 12.0, null, "2017/18", "2017-18")]
    [InlineData("CareApplications", "2023", "928", "7.6", AreaLevel.Authority, "928", false, 7.6, null, "2022/23", "2022-23")]
    [InlineData("ReReferral", "2021", "928", "20", AreaLevel.Authority, "928", true, 20.0, null, "2020/21", "2020-21")]
    [InlineData("Work_Force_Vac_Rate", "2021", "940", "9", AreaLevel.Authority, "940", true, 9.0, null, "30 September 2021", "2021-22")]
    [InlineData("ReReferral", "2023", "909", "25", AreaLevel.Authority, "909", true, 25.0, null, "2022/23", "2022-23")]
    [InlineData("ReReferral", "2024", "909", "25", AreaLevel.Authority, "909", false, 25.0, null, "2023/24", "2023-24")]
    [InlineData("ReReferral", "2024", "942", "25", AreaLevel.Authority, "942", true, 25.0, null, "2023/24", "2023-24")]
    public void Row_BecomesAPublishedFigure(string code, string year, string area, string value,
        AreaLevel level, string areaCode, bool ranked, double? expectedValue, string? mark, string label, string comparable)
    {
        var (format, lines) = Read(Header + $"{code},Item,{year},Somewhere,{value},{area},Region\n");
        format.ShouldBe(BenchmarkFormat.LaitLong);
        var figure = lines.ShouldHaveSingleItem().ShouldBeOfType<PublishedFigure>();
        (figure.Row, figure.Area.Level, figure.Area.Code, figure.Area.Ranked, figure.Value, figure.Mark, figure.Period.Label, figure.Period.ComparablePeriod.ToString())
            .ShouldBe((2, level, areaCode, ranked, expectedValue, mark, label, comparable));
    }

    [Theory]
    [InlineData("987", SkipReasons.LondonSplit)]
    [InlineData("988", SkipReasons.LondonSplit)]
    public void InnerAndOuterLondon_AreSkippedWithAReason(string area, string reason) =>
        Read(Header + $"ReReferral,Item,2025,London (Inner),18.2,{area},\n").Lines.ShouldHaveSingleItem().ShouldBe(new RowSkipped(2, reason));

    [Fact]
    public void YearZero_WithoutAValueIsSkipped_WithAValueIsAProblem()
    {
        var (_, lines) = Read(Header + "ReReferral,Item,0,Gloucestershire,-,916,South West\nReReferral,Item,0,Darlington,4.2,841,North East\n");
        lines[0].ShouldBe(new RowSkipped(2, "LAIT's year 0: no year and no value"));
        lines[1].ShouldBeOfType<RowProblem>().Field.ShouldBe("Years");
    }

    [Fact]
    public void EveryProblem_IsReportedWithItsRow_AndTheRestStillRead()
    {
        var csv = Header
            + "ReReferral,Item,2025,Gloucestershire,22.6,916,South West\n"            // row 2: fine
            + "NoSuchCode,Item,2025,Gloucestershire,1,916,South West\n"              // row 3: unknown LAIT code
            + "ReReferral,\"A data item\nover two lines\",2025,Darlington,abc,841,North East\n" // row 4: bad value, its cell spans lines
            + "ReReferral,Item,2025,Nowhere,1,999,\n"                                // row 5: unknown area
            + "ReReferral,Item,FY25,Gloucestershire,1,916,South West\n"              // row 6: not a year
            + "ReReferral,Item,2025,Gloucestershire,22.6\n"                          // row 7: short row
            + "ReReferral,Item,2025,Gloucestershire,22.7,916,South West\n";          // row 8: repeats row 2
        var (_, lines) = Read(csv);
        lines.OfType<RowProblem>().Select(p => (p.Row, p.Field)).ShouldBe(
            [(3, "Short Desc"), (4, "Values"), (5, "LA Number"), (6, "Years"), (7, "row"), (8, "row")]);
        lines.OfType<RowProblem>().Last().Message.ShouldContain("repeats row 2");
        lines.OfType<PublishedFigure>().Single().Row.ShouldBe(2);
    }

    [Fact]
    public void ARevisionAndTheFirstPublication_AreBothKept()
    {
        var (_, lines) = Read(Header + "ReReferral,Item,2023/24,Gloucestershire,21.0,916,SW\nReReferral,Item,2023/24 (Rev),Gloucestershire,21.5,916,SW\n");
        lines.OfType<PublishedFigure>().Select(f => (f.Period.Label, f.Period.Revised, f.Value)).ShouldBe([("2023/24", false, 21.0), ("2023/24 (Rev)", true, 21.5)]);
    }

    [Fact]
    public void ServiceShippedLaitKeyMeasuresFile_IsReadWithItsOwnYearTypes()
    {
        const string csv = "measure_short,measure,polarity,year_type,dps,year_label,year_num,geography_level,la_number,area_name,region,value_raw,value_num,is_missing_or_suppressed\n"
            + "ReReferral,Re-referrals,Low,Financial Year,,2016,2016,Local authority,916,Gloucestershire,South West,7.7,7.7,False\n"
            + "LAC,CLA rate,-,Annual,,2016,2016,National,970,England,,60,60,False\n"
            + "Work_Force_Vac_Rate,Vacancies,Low,Annual (end of Sept),,2016,2016,Regional,980,North East,,c,,True\n";
        var (format, lines) = Read(csv);
        format.ShouldBe(BenchmarkFormat.LaitKeyMeasures);
        lines.Cast<PublishedFigure>().Select(f => $"{f.MeasureId} {f.Period.Label} {f.Area.Code} {f.Value}{f.Mark}").ShouldBe(
            ["re-referrals 2015/16 916 7.7", "children-in-care-rate 31 March 2016 E92000001 60", "social-worker-vacancies 30 September 2016 E12000001 c"]);
    }
}
