using KpiService.Domain.Benchmarks;

namespace KpiService.Domain.Tests.Benchmarks;

/// <summary>The year-type mapping of docs/catalogue.md, row by row.</summary>
public sealed class PublishedPeriodTests
{
    [Theory]
    // label, year type, label as stored, start, end, revised, the service period it is compared with
    [InlineData("2016", PublishedYearType.FinancialYear, "2015/16", "2015-04-01", "2016-03-31", false, "2015-16")]
    [InlineData("2023/24", PublishedYearType.FinancialYear, "2023/24", "2023-04-01", "2024-03-31", false, "2023-24")]
    [InlineData("2023-24", PublishedYearType.FinancialYear, "2023/24", "2023-04-01", "2024-03-31", false, "2023-24")]
    [InlineData("2023/2024", PublishedYearType.FinancialYear, "2023/24", "2023-04-01", "2024-03-31", false, "2023-24")]
    [InlineData("202324", PublishedYearType.FinancialYear, "2023/24", "2023-04-01", "2024-03-31", false, "2023-24")]
    [InlineData("1999/00", PublishedYearType.FinancialYear, "1999/00", "1999-04-01", "2000-03-31", false, "1999-00")]
    [InlineData("2022/23 (Rev)", PublishedYearType.FinancialYear, "2022/23 (Rev)", "2022-04-01", "2023-03-31", true, "2022-23")]
    [InlineData("2022/23 (revised)", PublishedYearType.FinancialYear, "2022/23 (Rev)", "2022-04-01", "2023-03-31", true, "2022-23")]
    [InlineData("2023 [r]", PublishedYearType.EndOfMarch, "31 March 2023 (Rev)", "2023-03-31", "2023-03-31", true, "2022-23")]
    [InlineData("2016", PublishedYearType.AcademicYear, "2015/16", "2015-09-01", "2016-08-31", false, "2015-16")]
    [InlineData("2023/24", PublishedYearType.AcademicYear, "2023/24", "2023-09-01", "2024-08-31", false, "2023-24")]
    [InlineData("2023", PublishedYearType.CalendarYear, "2023", "2023-01-01", "2023-12-31", false, "2023-24")]
    [InlineData("2016", PublishedYearType.EndOfMarch, "31 March 2016", "2016-03-31", "2016-03-31", false, "2015-16")]
    [InlineData("2015/16", PublishedYearType.EndOfMarch, "31 March 2016", "2016-03-31", "2016-03-31", false, "2015-16")]
    [InlineData("2016", PublishedYearType.EndOfSeptember, "30 September 2016", "2016-09-30", "2016-09-30", false, "2016-17")]
    [InlineData("2018-20", PublishedYearType.CalendarYear, "2018-20", "2018-01-01", "2020-12-31", false, "2020-21")]
    [InlineData("2018-2020", PublishedYearType.FinancialYear, "2018-20", "2017-04-01", "2020-03-31", false, "2019-20")]
    [InlineData("2018-20 (Rev)", PublishedYearType.AcademicYear, "2018-20 (Rev)", "2017-09-01", "2020-08-31", true, "2019-20")]
    public void Label_MapsToAPublishedPeriod(string label, PublishedYearType type, string stored, string start, string end, bool revised, string comparable)
    {
        var period = PublishedPeriodLabels.Parse(label, type, out var problem);
        problem.ShouldBeNull();
        period.ShouldNotBeNull();
        (period.Label, period.Start, period.End, period.Revised, period.ComparablePeriod.ToString())
            .ShouldBe((stored, DateOnly.Parse(start), DateOnly.Parse(end), revised, comparable));
    }

    [Theory]
    [InlineData("2023/24", PublishedYearType.CalendarYear, "calendar year")]
    [InlineData("2023/24", PublishedYearType.EndOfSeptember, "ambiguous")]
    [InlineData("2018-20", PublishedYearType.EndOfMarch, "snapshot")]
    [InlineData("2024/23", PublishedYearType.FinancialYear, "ends before it starts")]
    [InlineData("2000-2015", PublishedYearType.CalendarYear, "more than 10 years")]
    [InlineData("0", PublishedYearType.FinancialYear, "not a year label")]
    [InlineData("1066", PublishedYearType.CalendarYear, "between 1990 and 2100")]
    [InlineData("FY23", PublishedYearType.FinancialYear, "not a year label")]
    [InlineData("", PublishedYearType.FinancialYear, "not a year label")]
    public void UnreadableOrAmbiguousLabel_IsAProblem(string label, PublishedYearType type, string expected)
    {
        PublishedPeriodLabels.Parse(label, type, out var problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(expected);
    }

    [Theory]
    [InlineData("Financial Year", PublishedYearType.FinancialYear)]
    [InlineData("Academic Year", PublishedYearType.AcademicYear)]
    [InlineData("Annual", PublishedYearType.EndOfMarch)]
    [InlineData("Annual (end of Sept)", PublishedYearType.EndOfSeptember)]
    [InlineData("Calendar Year", PublishedYearType.CalendarYear)]
    public void LaitYearTypeWords_AreRead(string words, PublishedYearType expected) =>
        PublishedPeriodLabels.LaitYearType(words).ShouldBe(expected);

    [Theory]
    [InlineData("2021-09", "2021-09")]
    [InlineData("2021-22-Q2", "2021-22-Q2")]
    [InlineData("2021-22", "2021-22")]
    public void ServicePeriod_ComparesWithItself(string text, string expected) =>
        PublishedPeriod.Of(Period.Parse(text)).ComparablePeriod.ToString().ShouldBe(expected);

    [Theory]
    [InlineData("202324", "Financial year", PublishedYearType.FinancialYear, "2023/24", "2023-04-01", "2024-03-31")]
    [InlineData("202324", "Academic year", PublishedYearType.FinancialYear, "2023/24", "2023-09-01", "2024-08-31")]
    [InlineData("2023", "Calendar year", PublishedYearType.FinancialYear, "2023", "2023-01-01", "2023-12-31")]
    [InlineData("2024", "Reporting year", PublishedYearType.EndOfMarch, "31 March 2024", "2024-03-31", "2024-03-31")]
    [InlineData("2024", "Reporting year", PublishedYearType.EndOfSeptember, "30 September 2024", "2024-09-30", "2024-09-30")]
    [InlineData("2024", "Reporting year", PublishedYearType.FinancialYear, "2023/24", "2023-04-01", "2024-03-31")]
    [InlineData("202324", "Financial year Q2", PublishedYearType.FinancialYear, "2023/24 Q2", "2023-07-01", "2023-09-30")]
    [InlineData("2023", "Calendar year Q1", PublishedYearType.FinancialYear, "2023 Q1", "2023-01-01", "2023-03-31")]
    [InlineData("2023", "September", PublishedYearType.FinancialYear, "September 2023", "2023-09-01", "2023-09-30")]
    public void EesTimePeriod_MapsToAPublishedPeriod(string timePeriod, string identifier, PublishedYearType measureType, string label, string start, string end)
    {
        var period = EesTime.Period(timePeriod, identifier, measureType, out var problem);
        problem.ShouldBeNull();
        (period!.Label, period.Start, period.End).ShouldBe((label, DateOnly.Parse(start), DateOnly.Parse(end)));
    }

    [Theory]
    [InlineData("2023", "Financial year", "6 digits")]
    [InlineData("202324", "Calendar year", "4 digits")]
    [InlineData("202324", "Spring term", "not a period the service compares")]
    public void EesTimePeriod_ThatDoesNotFit_IsAProblem(string timePeriod, string identifier, string expected)
    {
        EesTime.Period(timePeriod, identifier, PublishedYearType.FinancialYear, out var problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(expected);
    }
}
