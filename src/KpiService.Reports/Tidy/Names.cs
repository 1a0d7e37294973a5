namespace KpiService.Reports.Tidy;

/// <summary>The wire names of the enums in exports: the API's camelCase, so a CSV and the JSON read agree.</summary>
public static class Names
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
