using System.Globalization;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;

namespace KpiService.Domain.Benchmarks;

/// <summary>
/// A published statistic's period as its publisher dates it: a label, first and last day (one day for a snapshot
/// such as "at 31 March"), and whether it is a revision (<c>2022/23 (Rev)</c>), which is stored beside the first
/// publication rather than over it. <see cref="ComparablePeriod"/> is the service period it is set against.
/// </summary>
public sealed record PublishedPeriod(string Label, PublishedYearType YearType, DateOnly Start, DateOnly End, bool Revised = false)
{
    public bool IsSnapshot => Start == End;

    /// <summary>Longer than a year: pooled data such as <c>2018-20</c>.</summary>
    public bool IsMultiYear => End > Start.AddYears(1).AddDays(-1);

    /// <summary>
    /// The service period beside which a monthly figure reads this one (DOMAIN.md: a September 2021 figure is set
    /// against the 2020-21 outturn). Months and financial quarters map to themselves; a snapshot to the financial
    /// year holding its date; any other span to the financial year holding the middle of its last twelve months,
    /// which is the financial year it overlaps most (academic 2023/24 → 2023-24; calendar 2023 → 2023-24).
    /// </summary>
    public Period ComparablePeriod
    {
        get
        {
            if (Start.Day == 1 && End == Start.AddMonths(1).AddDays(-1)) return Period.Month(Start.Year, Start.Month);
            if (Start.Day == 1 && Start.Month % 3 == 1 && End == Start.AddMonths(3).AddDays(-1)) return new Period(PeriodKind.Quarter, Start);
            var anchor = IsSnapshot ? Start : End.AddDays(1).AddMonths(-6);
            return Period.Month(anchor.Year, anchor.Month).FinancialYear;
        }
    }

    public override string ToString() => Label;

    /// <summary>A service period (<c>2021-09</c>, <c>2021-22-Q2</c>, <c>2021-22</c>) as a published period.</summary>
    public static PublishedPeriod Of(Period period) =>
        new(period.ToString(), period.Kind == PeriodKind.Month ? PublishedYearType.CalendarYear : PublishedYearType.FinancialYear, period.Start, period.End);

    /// <summary>
    /// One year of <paramref name="yearType"/> named by a single year <paramref name="year"/>, as LAIT and EES
    /// "reporting year" write it: the financial or academic year ending in it (2016 → 2015/16), the calendar year,
    /// or the snapshot at 31 March or 30 September of it.
    /// </summary>
    public static PublishedPeriod Year(int year, PublishedYearType yearType, bool revised = false)
    {
        var (start, end, label) = yearType switch
        {
            PublishedYearType.FinancialYear => (new DateOnly(year - 1, 4, 1), new DateOnly(year, 3, 31), TwoYear(year - 1)),
            PublishedYearType.AcademicYear => (new DateOnly(year - 1, 9, 1), new DateOnly(year, 8, 31), TwoYear(year - 1)),
            PublishedYearType.CalendarYear => (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), Number(year)),
            PublishedYearType.EndOfMarch => (new DateOnly(year, 3, 31), new DateOnly(year, 3, 31), $"31 March {Number(year)}"),
            PublishedYearType.EndOfSeptember => (new DateOnly(year, 9, 30), new DateOnly(year, 9, 30), $"30 September {Number(year)}"),
            _ => throw new ArgumentOutOfRangeException(nameof(yearType), yearType, "unknown year type"),
        };
        return new(label + (revised ? " (Rev)" : ""), yearType, start, end, revised);
    }

    /// <summary>Years <paramref name="first"/> through <paramref name="last"/> pooled, each read as <see cref="Year"/> reads it.</summary>
    public static PublishedPeriod Span(int first, int last, PublishedYearType yearType, bool revised = false) =>
        new($"{Number(first)}-{last % 100:D2}" + (revised ? " (Rev)" : ""), yearType, Year(first, yearType).Start, Year(last, yearType).End, revised);

    internal static string TwoYear(int startYear) => $"{Number(startYear)}/{(startYear + 1) % 100:D2}";

    private static string Number(int year) => year.ToString(CultureInfo.InvariantCulture);
}
