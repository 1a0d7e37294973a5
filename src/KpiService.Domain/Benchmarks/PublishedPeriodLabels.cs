using System.Globalization;
using System.Text.RegularExpressions;
using KpiService.Domain.Measures;

namespace KpiService.Domain.Benchmarks;

/// <summary>
/// Reads the year labels DfE publishes (docs/catalogue.md "Year types"): <c>2016</c>, <c>2023/24</c>, <c>2023-24</c>,
/// <c>2023/2024</c>, EES's <c>202324</c>, multi-year <c>2018-20</c>, any of them with <c>(Rev)</c>. A two-year label
/// whose years follow on (<c>2018-19</c>) is one financial or academic year, never a two-year span.
/// </summary>
public static partial class PublishedPeriodLabels
{
    public const int EarliestYear = 1990, LatestYear = 2100, MaxSpanYears = 10;

    public static PublishedPeriod? Parse(string? label, PublishedYearType yearType, out string? problem)
    {
        problem = null;
        var text = (label ?? "").Trim();
        var revised = false;
        if (Revision().Match(text) is { Success: true } revision)
        {
            revised = true;
            text = text[..revision.Index].TrimEnd();
        }
        if (SingleYear().Match(text) is { Success: true } single)
            return InRange(Int(single.Groups[1].Value), ref problem) is { } year ? PublishedPeriod.Year(year, yearType, revised) : null;

        var pair = TwoYears().Match(text) is { Success: true } two ? two : EesSixDigits().Match(text);
        if (!pair.Success)
        {
            problem = $"'{Clip(label)}' is not a year label: write 2023, 2023/24, 202324, 2018-20 or 2022/23 (Rev).";
            return null;
        }
        if (InRange(Int(pair.Groups[1].Value), ref problem) is not { } first) return null;
        var second = pair.Groups[2].Value;
        var last = second.Length == 4 ? Int(second) : FollowingYear(first, Int(second));
        if (last <= first)
        {
            problem = $"'{Clip(label)}' ends before it starts.";
            return null;
        }
        if (last == first + 1)
            return yearType switch
            {
                PublishedYearType.FinancialYear or PublishedYearType.AcademicYear or PublishedYearType.EndOfMarch => PublishedPeriod.Year(last, yearType, revised),
                PublishedYearType.CalendarYear => Fail(ref problem, $"'{Clip(label)}' names two years, but this measure is published by calendar year: write {last - 1} or {last}."),
                _ => Fail(ref problem, $"'{Clip(label)}' is ambiguous for a 30 September snapshot: write the year of the September (e.g. {first})."),
            };
        if (yearType is PublishedYearType.EndOfMarch or PublishedYearType.EndOfSeptember)
            return Fail(ref problem, $"'{Clip(label)}' spans several years, but this measure is a snapshot on one day.");
        if (last - first + 1 > MaxSpanYears)
            return Fail(ref problem, $"'{Clip(label)}' spans more than {MaxSpanYears} years.");
        return InRange(last, ref problem) is null ? null : PublishedPeriod.Span(first, last, yearType, revised);
    }

    /// <summary>LAIT's year type words (<c>Year_Type</c>): Financial Year, Academic Year, Annual (31 March), Annual (end of Sept).</summary>
    public static PublishedYearType? LaitYearType(string? words) => (words ?? "").Trim().ToLowerInvariant() switch
    {
        "financial year" or "financial" => PublishedYearType.FinancialYear,
        "academic year" or "academic" => PublishedYearType.AcademicYear,
        "calendar year" or "calendar" => PublishedYearType.CalendarYear,
        "annual" or "annual (end of march)" or "annual (31 march)" => PublishedYearType.EndOfMarch,
        "annual (end of sept)" or "annual (end of september)" or "annual (30 september)" => PublishedYearType.EndOfSeptember,
        _ => null,
    };

    private static int? InRange(int year, ref string? problem)
    {
        if (year is >= EarliestYear and <= LatestYear) return year;
        problem = $"{year} is not a year between {EarliestYear} and {LatestYear}.";
        return null;
    }

    private static PublishedPeriod? Fail(ref string? problem, string message)
    {
        problem = message;
        return null;
    }

    /// <summary>
    /// The year ending in <paramref name="twoDigits"/> soon after <paramref name="first"/> (1999/00 ends in 2000);
    /// otherwise the same century's, so a reversed label (2024/23) reads as ending before it starts.
    /// </summary>
    private static int FollowingYear(int first, int twoDigits)
    {
        var year = first / 100 * 100 + twoDigits;
        return year < first && year + 100 - first < MaxSpanYears ? year + 100 : year;
    }

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Clip(string? text) => text is null ? "" : text.Length <= 30 ? text : text[..30] + "…";

    [GeneratedRegex(@"\s*(\((rev|revised|r)\)|\[r\])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Revision();

    [GeneratedRegex(@"^([0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex SingleYear();

    [GeneratedRegex(@"^([0-9]{4})\s*[/-]\s*([0-9]{2}|[0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex TwoYears();

    [GeneratedRegex(@"^([0-9]{4})([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex EesSixDigits();
}
