using KpiService.Domain.Periods;

namespace KpiService.Domain.Figures;

/// <summary>A breakdown below the authority total: <c>locality:Cheltenham</c>, <c>team:Assessment</c>, <c>ageBand:10-15</c>.</summary>
public sealed record Breakdown(string Dimension, string Value)
{
    public override string ToString() => $"{Dimension}:{Value}";

    public static bool TryParse(string? text, out Breakdown? breakdown)
    {
        breakdown = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        breakdown = new Breakdown(text[..colon].Trim(), text[(colon + 1)..].Trim());
        return IsDimensionName(breakdown.Dimension) && breakdown.Value.Length is > 0 and <= 100 && !breakdown.Value.Any(char.IsControl);
    }

    /// <summary>A dimension is a short camelCase identifier: <c>locality</c>, <c>team</c>, <c>ageBand</c>.</summary>
    public static bool IsDimensionName(string name) =>
        name.Length is > 0 and <= 40 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);
}

/// <summary>What identifies one figure: authority, measure, period and (optionally) a breakdown.</summary>
public sealed record FigureKey(int LaNumber, string MeasureId, Period Period, Breakdown? Breakdown = null)
{
    // The stream id is asked for several times per figure on every write and read (a back-load of 9,000 figures built
    // it ~100,000 times, 16 % of the bytes the request allocated), so it is built once. The cache is not part of the
    // key: equality and `with` look at the four parts only.
    private string? _streamId;

    private FigureKey(FigureKey original) => (LaNumber, MeasureId, Period, Breakdown) = (original.LaNumber, original.MeasureId, original.Period, original.Breakdown);

    /// <summary>The stored form of the breakdown; empty for the authority total, so it can sit in a primary key.</summary>
    public string BreakdownKey => Breakdown?.ToString() ?? "";

    public string StreamId => _streamId ??= Breakdown is null
        ? $"figure:{LaNumber}:{MeasureId}:{Period}"
        : $"figure:{LaNumber}:{MeasureId}:{Period}:{Breakdown}";

    public bool Equals(FigureKey? other) =>
        other is not null && LaNumber == other.LaNumber && MeasureId == other.MeasureId && Period.Equals(other.Period) && Equals(Breakdown, other.Breakdown);

    public override int GetHashCode() => HashCode.Combine(LaNumber, MeasureId, Period, Breakdown);
}
