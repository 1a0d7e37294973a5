using System.Globalization;
using System.Text.RegularExpressions;

namespace KpiService.Domain.Catalogue;

/// <summary>
/// A council's own measure is named <c>{laNumber}.{slug}</c> (<c>916.cic-sdq-up-to-date</c>). National ids are
/// lower-case words joined by hyphens and never contain a dot, so a local id can never equal a national one, and
/// the LA number keeps two councils' measures apart even when they choose the same slug. Both parts are URL-safe.
/// </summary>
public static partial class LocalMeasureIds
{
    public const int MaxSlugLength = 72;

    /// <summary>Lower-case words joined by hyphens, as national ids are: <c>cic-sdq-up-to-date</c>.</summary>
    public static bool IsSlug(string? text) => text is { Length: > 0 and <= MaxSlugLength } && Slug().IsMatch(text);

    public static string Qualify(int laNumber, string slug) => $"{laNumber.ToString(CultureInfo.InvariantCulture)}.{slug}";

    /// <summary>Splits <c>916.cic-sdq</c> into its authority and slug; false for a national id or anything malformed.</summary>
    public static bool TryParse(string? id, out int laNumber, out string slug)
    {
        laNumber = 0;
        slug = "";
        var dot = id?.IndexOf('.') ?? -1;
        if (dot != 3 || !int.TryParse(id.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out laNumber))
            return false;
        slug = id![(dot + 1)..];
        return IsSlug(slug);
    }

    public static bool IsLocal(string id) => TryParse(id, out _, out _);

    /// <summary>True when <paramref name="id"/> is a local measure of <paramref name="laNumber"/>.</summary>
    public static bool BelongsTo(string id, int laNumber) => TryParse(id, out var owner, out _) && owner == laNumber;

    /// <summary>
    /// The qualified id for what a council typed: its own slug (<c>cic-sdq</c>) or its own qualified id
    /// (<c>916.cic-sdq</c>); null for another council's id or something that is not a slug.
    /// </summary>
    public static string? ForAuthority(int laNumber, string idOrSlug) =>
        IsSlug(idOrSlug) ? Qualify(laNumber, idOrSlug)
        : TryParse(idOrSlug, out var owner, out _) && owner == laNumber ? idOrSlug
        : null;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
