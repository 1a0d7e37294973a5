using System.Globalization;

namespace KpiService.Domain.Benchmarks;

public enum AreaLevel { England, Region, Authority }

/// <summary>
/// Where a published figure belongs: England (<c>E92000001</c>), a region (its GSS code) or an authority (its LA
/// number, as figures are keyed). <c>Ranked</c>: false for an authority that did not exist on the period's last day,
/// whose figure is kept for history but never ranked or banded against the authorities of that year.
/// </summary>
public sealed record PublishedArea(AreaLevel Level, string Code, bool Ranked = true)
{
    public const string EnglandCode = "E92000001";

    public static readonly PublishedArea England = new(AreaLevel.England, EnglandCode);

    public int? LaNumber => Level == AreaLevel.Authority ? int.Parse(Code, CultureInfo.InvariantCulture) : null;
}

/// <summary>The English regions as DfE files name and number them, and the London split the service does not rank.</summary>
public static class Geography
{
    /// <summary>LAIT's number for England.</summary>
    public const int LaitEngland = 970;

    /// <summary>LAIT numbers the nine regions 980–990; 987 and 988 are its own split of London into Inner and Outer.</summary>
    public static readonly IReadOnlyDictionary<int, string> LaitRegions = new Dictionary<int, string>
    {
        [980] = "E12000001", [981] = "E12000002", [982] = "E12000003", [983] = "E12000004", [984] = "E12000005",
        [985] = "E12000006", [986] = "E12000007", [989] = "E12000008", [990] = "E12000009",
    };

    public static readonly IReadOnlySet<int> LaitLondonSplit = new HashSet<int> { 987, 988 };

    public static readonly IReadOnlyDictionary<string, string> RegionsByName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["North East"] = "E12000001", ["North West"] = "E12000002", ["Yorkshire and The Humber"] = "E12000003",
        ["East Midlands"] = "E12000004", ["West Midlands"] = "E12000005", ["East of England"] = "E12000006",
        ["London"] = "E12000007", ["South East"] = "E12000008", ["South West"] = "E12000009",
    };

    /// <summary>Inner and Outer London (GSS <c>E13000001</c>/<c>E13000002</c>, LAIT 987/988): published, not ranked.</summary>
    public static readonly IReadOnlySet<string> LondonSplit = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "E13000001", "E13000002", "Inner London", "Outer London", "London (Inner)", "London (Outer)",
    };

    /// <summary>A region by GSS code or name; null when neither.</summary>
    public static string? Region(string codeOrName)
    {
        var text = codeOrName.Trim();
        if (RegionsByName.Values.Contains(text, StringComparer.OrdinalIgnoreCase)) return text.ToUpperInvariant();
        return RegionsByName.GetValueOrDefault(text);
    }

    /// <summary>
    /// An area by LAIT's number: 970 England, 980–990 a region, otherwise an authority <paramref name="findAuthority"/> knows.
    /// Null with a skip reason for Inner/Outer London; null with a problem for a number nothing answers to.
    /// </summary>
    public static PublishedArea? FromLaitNumber(int number, Func<string, int?> findAuthority, DateOnly periodEnd, out string? skipped, out string? problem)
    {
        skipped = problem = null;
        if (number == LaitEngland) return PublishedArea.England;
        if (LaitRegions.TryGetValue(number, out var region)) return new PublishedArea(AreaLevel.Region, region);
        if (LaitLondonSplit.Contains(number)) { skipped = SkipReasons.LondonSplit; return null; }
        if (findAuthority(number.ToString(CultureInfo.InvariantCulture)) is { } laNumber) return Authority(laNumber, periodEnd);
        problem = $"{number} is not a known authority, a region (980–990) or England (970).";
        return null;
    }

    public static PublishedArea Authority(int laNumber, DateOnly periodEnd) =>
        new(AreaLevel.Authority, laNumber.ToString(CultureInfo.InvariantCulture), AuthorityLifespans.IsCurrent(laNumber, periodEnd));
}
