using KpiService.Domain.Benchmarks;
using static KpiService.Domain.Tests.Benchmarks.BenchmarkFixtures;

namespace KpiService.Domain.Tests.Benchmarks;

public sealed class ServiceFormatTests
{
    private const string Header = "measure,period,level,code,value\n";

    [Theory]
    [InlineData("re-referrals,2020-21,authority,916,21.4", "re-referrals 2020-21 Authority 916 True 21.4")]
    [InlineData("ReReferral,2020-21,authority,E10000013,21.4", "re-referrals 2020-21 Authority 916 True 21.4")]
    [InlineData("re-referrals,2023/24 (Rev),england,E92000001,22.4", "re-referrals 2023/24 (Rev) England E92000001 True 22.4")]
    [InlineData("children-in-care-rate,2024,region,South West,c", "children-in-care-rate 31 March 2024 Region E12000009 True c")]
    [InlineData("re-referrals,2021-22,region,e12000009,20", "re-referrals 2021-22 Region E12000009 True 20")]
    [InlineData("re-referrals,2022-23,authority,835,20", "re-referrals 2022-23 Authority 835 False 20")]
    [InlineData("contacts,2021-09,authority,841,312", "contacts 2021-09 Authority 841 True 312")]
    public void Row_BecomesAPublishedFigure(string row, string expected)
    {
        var (format, lines) = Read(Header + row);
        format.ShouldBe(BenchmarkFormat.Service);
        var f = lines.ShouldHaveSingleItem().ShouldBeOfType<PublishedFigure>();
        $"{f.MeasureId} {f.Period.Label} {f.Area.Level} {f.Area.Code} {f.Area.Ranked} {f.Value}{f.Mark}".ShouldBe(expected);
    }

    [Theory]
    [InlineData("re-referrals,2021-22,region,Inner London,20", SkipReasons.LondonSplit)]
    [InlineData("re-referrals,2021-22,region,E13000002,20", SkipReasons.LondonSplit)]
    [InlineData("re-referrals,2021-22,Local authority district,E07000078,20", "level 'local authority district' is not ranked")]
    [InlineData("re-referrals,2021-22,Ward,E05000001,20", "level 'ward' is not ranked")]
    public void LevelsNotRanked_AreSkippedWithACount(string row, string reason) =>
        Read(Header + row).Lines.ShouldHaveSingleItem().ShouldBe(new RowSkipped(2, reason));

    [Theory]
    [InlineData("nope,2021-22,authority,916,1", "measure")]
    [InlineData("re-referrals,21/22,authority,916,1", "period")]
    [InlineData("re-referrals,2021-22,county,916,1", "level")]
    [InlineData("re-referrals,2021-22,authority,E99999999,1", "code")]
    [InlineData("re-referrals,2021-22,region,Wessex,1", "code")]
    [InlineData("re-referrals,2021-22,authority,916,", "value")]
    public void BadCell_IsAProblemNamingRowAndColumn(string row, string field)
    {
        var problem = Read(Header + row).Lines.ShouldHaveSingleItem().ShouldBeOfType<RowProblem>();
        (problem.Row, problem.Field).ShouldBe((2, field));
    }

    [Fact]
    public void UnknownHeader_IsOneProblemOnRow1()
    {
        var (format, lines) = Read("area,year,number\n916,2021,3\n");
        format.ShouldBeNull();
        lines.ShouldHaveSingleItem().ShouldBeOfType<RowProblem>().ShouldSatisfyAllConditions(p => p.Row.ShouldBe(1), p => p.Field.ShouldBe("header"));
    }
}

public sealed class EesFormatTests
{
    private const string Header = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,characteristic,ReReferral,referrals_total\n";

    private static readonly BenchmarkContext Mapped = Context with
    {
        IndicatorColumns = new Dictionary<string, string> { ["referrals_total"] = "contacts" },
        Filters = new Dictionary<string, string> { ["characteristic"] = "Total" },
    };

    [Fact]
    public void EesFile_GivesOneFigurePerIndicatorColumn_SkippingWhatItDoesNotRank()
    {
        var csv = Header
            + "202324,Financial year,National,E92000001,England,,,,,,Total,22.4,632830\n"                              // row 2
            + "202324,Financial year,Regional,E92000001,England,E12000009,South West,,,,Total,21.0,c\n"                   // row 3
            + "202324,Financial year,Regional,E92000001,England,E13000001,Inner London,,,,Total,18.0,x\n"                 // row 4: skipped
            + "202324,Financial year,Local authority,E92000001,England,E12000009,South West,916,E10000013,Gloucestershire,Total,23.1,5210\n" // row 5
            + "202324,Financial year,Local authority,E92000001,England,E12000001,North East,,E06000005,Darlington,Total,z,1820\n"       // row 6: by new code
            + "202324,Financial year,Local authority district,E92000001,England,,,,,,Total,1,1\n"                       // row 7: skipped
            + "202324,Financial year,National,E92000001,England,,,,,,Male,22.0,300000\n";                               // row 8: filtered out
        var (format, lines) = Read(csv, Mapped);
        format.ShouldBe(BenchmarkFormat.Ees);
        lines.OfType<PublishedFigure>().Select(f => $"{f.Row} {f.MeasureId} {f.Period.Label} {f.Area.Code} {f.Value}{f.Mark}").ShouldBe(
        [
            "2 re-referrals 2023/24 E92000001 22.4", "2 contacts 2023/24 E92000001 632830",
            "3 re-referrals 2023/24 E12000009 21", "3 contacts 2023/24 E12000009 c",
            "5 re-referrals 2023/24 916 23.1", "5 contacts 2023/24 916 5210",
            "6 re-referrals 2023/24 841 z", "6 contacts 2023/24 841 1820",
        ]);
        lines.OfType<RowSkipped>().Select(s => (s.Row, s.Reason)).ShouldBe(
            [(4, SkipReasons.LondonSplit), (7, "level 'local authority district' is not ranked"), (8, "filtered out: characteristic is not 'Total'")]);
    }

    [Fact]
    public void EesProblems_NameRowAndColumn()
    {
        var csv = Header
            + "2023,Financial year,National,E92000001,England,,,,,,Total,22.4,1\n"
            + "202324,Financial year,Local authority,E92000001,England,,,999,E99999999,Nowhere,Total,22.4,1\n"
            + "202324,Financial year,National,E92000001,England,,,,,,Total,22%,1\n";
        Read(csv, Mapped).Lines.OfType<RowProblem>().Select(p => (p.Row, p.Field)).ShouldBe([(2, "time_period"), (3, "old_la_code"), (4, "ReReferral")]);
    }

    [Fact]
    public void EesFileWithoutAnIndicatorForAMeasure_IsAHeaderProblem() =>
        Read("time_period,time_identifier,geographic_level,enrolments\n202324,Academic year,National,5\n").Lines
            .ShouldHaveSingleItem().ShouldBeOfType<RowProblem>().Field.ShouldBe("header");
}
