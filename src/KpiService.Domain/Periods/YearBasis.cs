namespace KpiService.Domain.Periods;

/// <summary>
/// Which year a "year to date" runs over. Councils use three: the financial year (April–March, the default and the
/// year of published statistics), the calendar year ("CYTD" in seeds/000 lines 227–228, "so far in 2021" line 108) and
/// the academic year, September–August, for school measures ("so far this academic year", seeds/000 line 88).
/// </summary>
public enum YearBasis { Financial, Calendar, Academic }

public static class YearBases
{
    /// <summary>The first month of the year (on the basis) that contains <paramref name="month"/>.</summary>
    public static Period FirstMonth(this YearBasis basis, Period month) => basis switch
    {
        YearBasis.Calendar => Period.Month(month.Start.Year, 1),
        YearBasis.Academic => Period.Month(month.Start.Month >= 9 ? month.Start.Year : month.Start.Year - 1, 9),
        _ => Period.Month(month.FinancialYearStart, 4),
    };

    /// <summary>The last month of that year: March, December or August.</summary>
    public static Period LastMonth(this YearBasis basis, Period month)
    {
        var first = basis.FirstMonth(month).Start.AddMonths(11);
        return Period.Month(first.Year, first.Month);
    }
}
