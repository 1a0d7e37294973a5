namespace KpiService.Domain.Tests.Periods;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2021-09", PeriodKind.Month, "2021-09-01", "2021-09-30")]
    [InlineData("2021-22", PeriodKind.FinancialYear, "2021-04-01", "2022-03-31")]
    [InlineData("2021-22-Q1", PeriodKind.Quarter, "2021-04-01", "2021-06-30")]
    [InlineData("2021-22-Q2", PeriodKind.Quarter, "2021-07-01", "2021-09-30")]
    [InlineData("2021-22-Q4", PeriodKind.Quarter, "2022-01-01", "2022-03-31")]
    [InlineData("2099-00", PeriodKind.FinancialYear, "2099-04-01", "2100-03-31")]
    public void Parse_RoundTrips(string text, PeriodKind kind, string start, string end)
    {
        var period = Period.Parse(text);
        (period.Kind, period.Start, period.End).ShouldBe((kind, DateOnly.Parse(start), DateOnly.Parse(end)));
        period.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("2021-13")]
    [InlineData("2021-00")]
    [InlineData("2021-23")]
    [InlineData("2021-22-Q5")]
    [InlineData("21-09")]
    [InlineData("2021/09")]
    [InlineData("")]
    [InlineData("2021-09-01")]
    [InlineData("١٢٣٤-09")]
    public void Parse_RejectsWhatIsNotAPeriod(string text) => Period.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void FinancialYearAndQuarterOfAMonth()
    {
        Period.Month(2022, 2).FinancialYear.ToString().ShouldBe("2021-22");
        Period.Month(2021, 4).FinancialYear.ToString().ShouldBe("2021-22");
        Period.Month(2021, 3).FinancialYear.ToString().ShouldBe("2020-21");
        Period.Parse("2021-22-Q3").Months().Select(m => m.ToString()).ShouldBe(["2021-10", "2021-11", "2021-12"]);
    }

    [Theory]
    [InlineData("2021-09-01", "2021-11-03", 46)]  // the API.md example
    [InlineData("2021-12-24", "2021-12-31", 4)]   // Christmas and Boxing Day substitutes on 27 and 28 December
    [InlineData("2021-09-04", "2021-09-04", 0)]   // a Saturday
    [InlineData("2021-09-06", "2021-09-06", 1)]   // the start date is day 1
    public void WorkingDays_CountMondayToFridayLessBankHolidays(string from, string to, int expected)
    {
        var holidays = new[] { "2021-08-30", "2021-12-27", "2021-12-28", "2022-01-03" }.Select(DateOnly.Parse);
        new WorkingDays(holidays).Count(DateOnly.Parse(from), DateOnly.Parse(to)).ShouldBe(expected);
    }
}
