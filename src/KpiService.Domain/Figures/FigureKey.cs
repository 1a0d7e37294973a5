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
    /// <summary>The stored form of the breakdown; empty for the authority total, so it can sit in a primary key.</summary>
    public string BreakdownKey => Breakdown?.ToString() ?? "";

    public string StreamId => Breakdown is null
        ? $"figure:{LaNumber}:{MeasureId}:{Period}"
        : $"figure:{LaNumber}:{MeasureId}:{Period}:{Breakdown}";
}
