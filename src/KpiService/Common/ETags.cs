namespace KpiService.Common;

/// <summary>An entity's ETag is its stream's version, quoted as RFC 9110 wants.</summary>
public static class ETags
{
    public static string Of(long version) => $"\"{version}\"";
}
