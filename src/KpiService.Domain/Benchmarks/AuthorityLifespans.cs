namespace KpiService.Domain.Benchmarks;

/// <summary>An authority created or abolished by a reorganisation, with the authorities that took over its area.</summary>
public sealed record AuthorityLifespan(int LaNumber, string Name, DateOnly? Created, DateOnly? Ceased, IReadOnlyList<int> Successors);

/// <summary>
/// Reorganisations since the data begins. LAIT keeps publishing the old authorities (Cafcass and Ofsted still
/// report for "Dorset (Pre LG)" and Northamptonshire years after they ceased) and lists the new ones before they
/// existed: neither is ranked for a period that ends outside its life. Dates are the structural changes orders'.
/// </summary>
public static class AuthorityLifespans
{
    private static readonly DateOnly April2019 = new(2019, 4, 1), April2021 = new(2021, 4, 1), April2023 = new(2023, 4, 1);

    public static readonly IReadOnlyList<AuthorityLifespan> Known =
    [
        new(835, "Dorset (county, pre-2019)", null, April2019, [838]),
        new(836, "Poole", null, April2019, [839]),
        new(837, "Bournemouth", null, April2019, [839]),
        new(838, "Dorset", April2019, null, []),
        new(839, "Bournemouth, Christchurch and Poole", April2019, null, []),
        new(928, "Northamptonshire", null, April2021, [940, 941]),
        new(940, "North Northamptonshire", April2021, null, []),
        new(941, "West Northamptonshire", April2021, null, []),
        new(909, "Cumbria", null, April2023, [942, 943]),
        new(942, "Cumberland", April2023, null, []),
        new(943, "Westmorland and Furness", April2023, null, []),
    ];

    private static readonly Dictionary<int, AuthorityLifespan> ByNumber = Known.ToDictionary(l => l.LaNumber);

    /// <summary>True when the authority existed on <paramref name="date"/>; every authority not listed always has.</summary>
    public static bool IsCurrent(int laNumber, DateOnly date) =>
        !ByNumber.TryGetValue(laNumber, out var life) || ((life.Created is not { } created || created <= date) && (life.Ceased is not { } ceased || date < ceased));

    /// <summary>Why the authority's value for a period ending on <paramref name="date"/> is not ranked; null when it is.</summary>
    public static string? WhyNotRanked(int laNumber, DateOnly date)
    {
        if (IsCurrent(laNumber, date) || !ByNumber.TryGetValue(laNumber, out var life)) return null;
        var when = life.Ceased is { } ceased && date >= ceased
            ? $"ceased on {Words(ceased)} (succeeded by LA {string.Join(" and ", life.Successors)})"
            : $"was created on {Words(life.Created!.Value)}";
        return $"{life.Name} (LA {laNumber}) {when}: its figures for a period ending {Words(date)} are kept for history, not ranked against the authorities of that time.";
    }

    private static string Words(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Abolished by a reorganisation: kept for history, never ranked against today's authorities.</summary>
    public static bool IsRetired(int laNumber) => ByNumber.TryGetValue(laNumber, out var life) && life.Ceased is not null;
}
