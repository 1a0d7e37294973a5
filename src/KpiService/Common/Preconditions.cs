namespace KpiService.Common;

/// <summary>
/// Conditional writes as RFC 9110 defines them: <c>If-Match</c> names the version the client last saw (<c>*</c>:
/// "only if it exists"); <c>If-None-Match: *</c> means "only if it does not exist yet". A failed condition changes
/// nothing and answers 412.
/// </summary>
public sealed record Preconditions(string? IfMatch, string? IfNoneMatch)
{
    public static readonly Preconditions None = new(null, null);

    public bool Any => IfMatch is not null || IfNoneMatch is not null;

    public void Check(string? currentETag, string what)
    {
        if (IfMatch is { } ifMatch)
        {
            if (currentETag is null)
                throw new PreconditionFailedException($"If-Match {ifMatch}: {what} does not exist.");
            if (ifMatch != "*" && !ifMatch.Split(',').Select(t => t.Trim()).Contains(currentETag))
                throw new PreconditionFailedException($"If-Match {ifMatch} does not match the current ETag {currentETag} of {what}; read it again.");
        }
        if (IfNoneMatch is { } ifNoneMatch && currentETag is not null && (ifNoneMatch == "*" || ifNoneMatch.Split(',').Select(t => t.Trim()).Contains(currentETag)))
            throw new PreconditionFailedException($"If-None-Match {ifNoneMatch}: {what} already exists (ETag {currentETag}).");
    }
}
