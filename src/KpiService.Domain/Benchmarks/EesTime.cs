using System.Globalization;
using KpiService.Domain.Measures;

namespace KpiService.Domain.Benchmarks;

/// <summary>EES's <c>time_period</c> and <c>time_identifier</c> (its open data standards) as a published period.</summary>
public static class EesTime
{
    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    public static PublishedPeriod? Period(string timePeriod, string timeIdentifier, PublishedYearType measureYearType, out string? problem)
    {
        problem = null;
        var identifier = FormatReader.Normalise(timeIdentifier);
        switch (identifier)
        {
            case "financial year": return Whole(timePeriod, 6, PublishedYearType.FinancialYear, out problem);
            case "academic year": return Whole(timePeriod, 6, PublishedYearType.AcademicYear, out problem);
            case "calendar year": return Whole(timePeriod, 4, PublishedYearType.CalendarYear, out problem);
            // A reporting year is the year a return reports: CLA's ends 31 March, the workforce census's is at 30 September.
            case "reporting year": return Whole(timePeriod, 4, measureYearType, out problem);
        }
        if (identifier.StartsWith("financial year q", StringComparison.Ordinal) && Quarter(identifier) is { } fq
            && Whole(timePeriod, 6, PublishedYearType.FinancialYear, out problem) is { } year)
        {
            var start = year.Start.AddMonths((fq - 1) * 3);
            return new($"{year.Label} Q{fq}", PublishedYearType.FinancialYear, start, start.AddMonths(3).AddDays(-1));
        }
        if (identifier.StartsWith("calendar year q", StringComparison.Ordinal) && Quarter(identifier) is { } cq
            && Whole(timePeriod, 4, PublishedYearType.CalendarYear, out problem) is { } calendar)
        {
            var start = calendar.Start.AddMonths((cq - 1) * 3);
            return new($"{calendar.Label} Q{cq}", PublishedYearType.CalendarYear, start, start.AddMonths(3).AddDays(-1));
        }
        var month = Array.FindIndex(Months, m => m.Equals(identifier, StringComparison.OrdinalIgnoreCase));
        if (month >= 0 && Whole(timePeriod, 4, PublishedYearType.CalendarYear, out problem) is { } inYear)
        {
            var start = new DateOnly(inYear.Start.Year, month + 1, 1);
            return new($"{Months[month]} {inYear.Start.Year}", PublishedYearType.CalendarYear, start, start.AddMonths(1).AddDays(-1));
        }
        problem ??= $"time_identifier '{timeIdentifier}' is not a period the service compares (financial, academic, calendar or reporting year, a quarter or a month).";
        return null;
    }

    private static PublishedPeriod? Whole(string timePeriod, int digits, PublishedYearType yearType, out string? problem)
    {
        var text = timePeriod.Trim();
        if (text.Length != digits || !text.All(char.IsAsciiDigit))
        {
            problem = $"'{text}' must be {digits} digits for this time_identifier ({(digits == 6 ? "201920 for 2019/20" : "2019")}).";
            return null;
        }
        return PublishedPeriodLabels.Parse(text, yearType, out problem);
    }

    private static int? Quarter(string identifier) => identifier[^1] is >= '1' and <= '4' && identifier[^2] == 'q' ? identifier[^1] - '0' : null;
}
