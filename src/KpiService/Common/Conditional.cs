namespace KpiService.Common;

/// <summary>The conditional-request headers of a write.</summary>
public static class Conditional
{
    public static Preconditions From(HttpRequest request)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        return new Preconditions(ifMatch.Length == 0 ? null : ifMatch, ifNoneMatch.Length == 0 ? null : ifNoneMatch);
    }
}
