namespace KpiService.Domain.Tests.Periods;

public sealed class YearBasisTests
{
    [Theory]
    // Financial year: April–March, the default (DOMAIN.md).
    [InlineData(YearBasis.Financial, "2021-09", "2021-04", "2022-03")]
    [InlineData(YearBasis.Financial, "2022-02", "2021-04", "2022-03")]
    // Calendar year: the seeds' "CYTD" (seeds/000 lines 227–228) and "so far in 2021" (line 108).
    [InlineData(YearBasis.Calendar, "2021-09", "2021-01", "2021-12")]
    [InlineData(YearBasis.Calendar, "2021-01", "2021-01", "2021-12")]
    // Academic year: September–August; seeds/000 line 237's school moves restart at 8% in Sep-21 after 21% in Jul-21.
    [InlineData(YearBasis.Academic, "2021-09", "2021-09", "2022-08")]
    [InlineData(YearBasis.Academic, "2021-07", "2020-09", "2021-08")]
    [InlineData(YearBasis.Academic, "2021-08", "2020-09", "2021-08")]
    public void FirstAndLastMonth_OfTheYearHoldingTheMonth(YearBasis basis, string month, string first, string last)
    {
        basis.FirstMonth(Period.Parse(month)).ToString().ShouldBe(first);
        basis.LastMonth(Period.Parse(month)).ToString().ShouldBe(last);
    }

    [Theory]
    [InlineData("2021-09", "2020-09")]
    [InlineData("2021-22-Q2", "2020-21-Q2")]
    [InlineData("2021-22", "2020-21")]
    public void YearEarlier_IsTheSamePeriodLastYear(string period, string expected) =>
        Period.Parse(period).YearEarlier.ToString().ShouldBe(expected);

    [Theory]
    [InlineData("2020-12", "2023-03", 27)]
    [InlineData("2021-09", "2021-09", 0)]
    [InlineData("2021-09", "2021-03", -6)]
    public void MonthsUntil_CountsCalendarMonths(string from, string to, int expected) =>
        Period.Parse(from).MonthsUntil(Period.Parse(to)).ShouldBe(expected);
}
