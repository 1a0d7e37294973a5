using System.Globalization;

namespace KpiService.Domain.Periods;

public enum PeriodKind { Month, Quarter, FinancialYear }

/// <summary>
/// A reporting period: a calendar month (<c>2021-09</c>), a financial quarter (<c>2021-22-Q2</c>, Q1 = Apr–Jun)
/// or a financial year (<c>2021-22</c>, 1 April – 31 March). Annual published statistics belong to financial years.
/// </summary>
public readonly record struct Period(PeriodKind Kind, DateOnly Start) : IComparable<Period>
{
    public DateOnly End => Kind switch
    {
        PeriodKind.Month => Start.AddMonths(1).AddDays(-1),
        PeriodKind.Quarter => Start.AddMonths(3).AddDays(-1),
        _ => Start.AddYears(1).AddDays(-1),
    };

    /// <summary>The calendar year in which the financial year containing this period starts (2021 for 2021-22).</summary>
    public int FinancialYearStart => Start.Month >= 4 ? Start.Year : Start.Year - 1;

    public Period FinancialYear => new(PeriodKind.FinancialYear, new DateOnly(FinancialYearStart, 4, 1));

    public Period FinancialQuarter => new(PeriodKind.Quarter, new DateOnly(Start.Year, ((Start.Month - 1) / 3) * 3 + 1, 1));

    public Period Previous => Kind switch
    {
        PeriodKind.Month => new(Kind, Start.AddMonths(-1)),
        PeriodKind.Quarter => new(Kind, Start.AddMonths(-3)),
        _ => new(Kind, Start.AddYears(-1)),
    };

    public Period Next => Kind switch
    {
        PeriodKind.Month => new(Kind, Start.AddMonths(1)),
        PeriodKind.Quarter => new(Kind, Start.AddMonths(3)),
        _ => new(Kind, Start.AddYears(1)),
    };

    /// <summary>The same month, quarter or year a year earlier: "the same time last year" in the seed reports.</summary>
    public Period YearEarlier => new(Kind, Start.AddYears(-1));

    /// <summary>Calendar months from this period's start to <paramref name="later"/>'s start (negative when it is earlier).</summary>
    public int MonthsUntil(Period later) => (later.Start.Year - Start.Year) * 12 + later.Start.Month - Start.Month;

    /// <summary>The calendar months this period covers, in order.</summary>
    public IEnumerable<Period> Months()
    {
        for (var month = Start; month <= End; month = month.AddMonths(1))
            yield return Month(month.Year, month.Month);
    }

    public static Period Month(int year, int month) => new(PeriodKind.Month, new DateOnly(year, month, 1));

    public static Period FinancialYearStarting(int year) => new(PeriodKind.FinancialYear, new DateOnly(year, 4, 1));

    public int CompareTo(Period other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : End.CompareTo(other.End);
    }

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;
    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;
    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    public override string ToString()
    {
        var fy = FinancialYearStart;
        var fyLabel = $"{fy:D4}-{(fy + 1) % 100:D2}";
        return Kind switch
        {
            PeriodKind.Month => $"{Start.Year:D4}-{Start.Month:D2}",
            PeriodKind.Quarter => $"{fyLabel}-Q{((Start.Month + 8) % 12) / 3 + 1}",
            _ => fyLabel,
        };
    }

    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrEmpty(text) || text.Length > 10) return false;
        var parts = text.Split('-');
        if (parts.Length is < 2 or > 3 || parts[0].Length != 4 || !TryNumber(parts[0], out var year) || year < 1990 || year > 2200)
            return false;
        if (parts.Length == 2 && parts[1].Length == 2 && TryNumber(parts[1], out var second))
        {
            // "2021-09" is a month; "2021-22" is a financial year (the second part is the next year's last two digits).
            // Only 2000–2011 could read both ways ("2011-12"); those read as months, and predate every dataset here.
            if (second == (year + 1) % 100 && year > 2011)
            {
                period = FinancialYearStarting(year);
                return true;
            }
            if (second is >= 1 and <= 12)
            {
                period = Month(year, second);
                return true;
            }
            return false;
        }
        if (parts.Length == 3 && parts[1].Length == 2 && TryNumber(parts[1], out var next) && next == (year + 1) % 100
            && parts[2].Length == 2 && parts[2][0] == 'Q' && parts[2][1] is >= '1' and <= '4')
        {
            var quarter = parts[2][1] - '0';
            var start = new DateOnly(year, 4, 1).AddMonths((quarter - 1) * 3);
            period = new Period(PeriodKind.Quarter, start);
            return true;
        }
        return false;
    }

    public static Period Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a period (2021-09, 2021-22-Q2 or 2021-22).");

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
