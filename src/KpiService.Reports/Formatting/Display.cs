using System.Globalization;
using KpiService.Domain.Measures;
using KpiService.Domain.Periods;
using KpiService.Domain.Ratings;

namespace KpiService.Reports.Formatting;

/// <summary>
/// How values read on a page: percentages with the measure's decimal places and a % sign ("92.7%"), counts with
/// thousands separators, months as the seed reports head their columns ("Sep-21", seeds/000 line 137), and movements
/// in points for percentages ("down 13.5 points"). Rounding happens here, on display, never before.
/// </summary>
public static class Display
{
    // The service runs with invariant globalisation; the invariant culture's month names and separators are English.
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public static string Value(double value, Unit unit, int decimalPlaces)
    {
        var rounded = Math.Round(value, decimalPlaces, MidpointRounding.AwayFromZero);
        var text = rounded.ToString("N" + decimalPlaces, English);
        return unit switch
        {
            Unit.Percentage => text + "%",
            Unit.RatePer1k => text + " per 1,000",
            Unit.RatePer10k => text + " per 10,000",
            Unit.RatePer100k => text + " per 100,000",
            _ => text,
        };
    }

    public static string Value(double? value, Unit unit, int decimalPlaces) =>
        value is { } v ? Value(v, unit, decimalPlaces) : "";

    /// <summary>A number without its unit, for axis labels and table cells whose header names the unit.</summary>
    public static string Number(double value, int decimalPlaces) =>
        Math.Round(value, decimalPlaces, MidpointRounding.AwayFromZero).ToString("N" + decimalPlaces, English);

    /// <summary>A signed difference: "+2.5 points", "−1.1 points" for percentages; "+12" for counts.</summary>
    public static string Difference(double difference, Unit unit, int decimalPlaces)
    {
        var magnitude = Number(Math.Abs(difference), decimalPlaces);
        var sign = Math.Round(difference, decimalPlaces, MidpointRounding.AwayFromZero) switch { > 0 => "+", < 0 => "\u2212", _ => "" };
        return sign + magnitude + (unit == Unit.Percentage ? (magnitude == "1" || magnitude == "1.0" ? " point" : " points") : "");
    }

    /// <summary>The amount of a movement without its sign, with its unit: "13.5 points", "12".</summary>
    public static string Amount(double difference, Unit unit, int decimalPlaces)
    {
        var magnitude = Number(Math.Abs(difference), decimalPlaces);
        return unit == Unit.Percentage ? magnitude + (magnitude is "1" or "1.0" ? " point" : " points") : magnitude;
    }

    /// <summary>"Sep-21" for a month (the seeds' column heads), "2021-22 Q2" for a quarter, "2021-22" for a year.</summary>
    public static string ShortPeriod(Period period) => period.Kind switch
    {
        PeriodKind.Month => period.Start.ToString("MMM-yy", English),
        PeriodKind.Quarter => period.ToString().Replace("-Q", " Q"),
        _ => period.ToString(),
    };

    /// <summary>"September 2021" for a month; quarters and years as <see cref="ShortPeriod"/>.</summary>
    public static string LongPeriod(Period period) =>
        period.Kind == PeriodKind.Month ? period.Start.ToString("MMMM yyyy", English) : ShortPeriod(period);

    public static string DateTime(DateTimeOffset at) => at.ToString("d MMMM yyyy, HH:mm 'UTC'zzz", English).Replace("UTC+00:00", "UTC");

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", English);

    /// <summary>The arrow the seeds print in their D.o.T. column (seeds/000 line 137): ↑ ↓ →.</summary>
    public static string Arrow(Direction direction) => direction switch
    {
        Direction.Up => "\u2191",
        Direction.Down => "\u2193",
        _ => "\u2192",
    };

    public static string Word(Direction direction) => direction switch
    {
        Direction.Up => "up",
        Direction.Down => "down",
        _ => "flat",
    };

    public static string Word(Judgement judgement) => judgement switch
    {
        Judgement.Improving => "improving",
        Judgement.Declining => "declining",
        Judgement.Stable => "stable",
        _ => "no better or worse direction",
    };

    /// <summary>
    /// The seeds' trend column in words, computed: "Declining for 6 months, down 13.5 points since Mar-21"
    /// (seeds/000 line 139 prints "6th month, down 14% points since March").
    /// </summary>
    public static string Trend(TrendRun trend, Polarity polarity, Unit unit, int decimalPlaces)
    {
        var periods = trend.Periods == 1 ? "1 month" : $"{trend.Periods} months";
        if (trend.Direction == Direction.Flat) return $"Flat for {periods} since {ShortPeriod(trend.Since)}";
        var judgement = Movement.JudgementOf(trend.Direction, polarity);
        var lead = judgement switch
        {
            Judgement.Improving => "Improving",
            Judgement.Declining => "Declining",
            _ => trend.Direction == Direction.Up ? "Rising" : "Falling",
        };
        return $"{lead} for {periods}, {Word(trend.Direction)} {Amount(trend.Change, unit, decimalPlaces)} since {ShortPeriod(trend.Since)}";
    }

    public static string Word(Polarity polarity) => polarity switch
    {
        Polarity.Higher => "higher is better",
        Polarity.Lower => "lower is better",
        _ => "no better direction",
    };
}
