using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace KpiService.Common;

/// <summary>
/// Sends a rendered representation (CSV, XLSX, HTML, SVG, or JSON bytes already serialised): with a file name in
/// Content-Disposition where it is a download (RFC 6266, with the UTF-8 <c>filename*</c> form), an ETag answered with 304
/// when the client already holds it, <c>nosniff</c>, and for HTML and SVG a Content-Security-Policy that allows no
/// script and no request at all, so a page or chart the service renders can never run anything or call out.
/// </summary>
public static class Downloads
{
    public const string NoRequestsPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

    public static IResult Send(HttpContext http, byte[] body, string contentType, string? fileName = null, bool attachment = true, string? etag = null)
    {
        var response = http.Response.Headers;
        if (etag is not null)
        {
            response.ETag = etag;
            // Private (it was read with a key) and revalidated every time: a 304 costs a round trip but never shows stale figures.
            response.CacheControl = "private, no-cache";
            if (Matches(http.Request.Headers.IfNoneMatch.ToString(), etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        if (fileName is not null)
        {
            var disposition = new ContentDispositionHeaderValue(attachment ? "attachment" : "inline");
            disposition.SetHttpFileName(fileName);
            response.ContentDisposition = disposition.ToString();
        }
        response.XContentTypeOptions = "nosniff";
        if (contentType.StartsWith("text/html", StringComparison.Ordinal) || contentType.StartsWith("image/svg+xml", StringComparison.Ordinal))
            response.ContentSecurityPolicy = NoRequestsPolicy;
        return Results.Bytes(body, contentType);
    }

    /// <summary>A strong ETag for bytes: the first 16 hex digits of their SHA-256, with a suffix naming the representation.</summary>
    public static string ETagOf(ReadOnlySpan<byte> body, string representation) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 8))}-{representation}\"";

    /// <summary>"quartz-2021-09": lower-case letters, digits and hyphens, for file names built from authority and measure names.</summary>
    public static string FileSafe(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c == '.' ? c : '-').ToArray();
        var name = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return name.Length == 0 ? "export" : name;
    }

    private static bool Matches(string ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Length == 0) return false;
        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (candidate == "*" || candidate == etag || (candidate.StartsWith("W/", StringComparison.Ordinal) && candidate[2..] == etag))
                return true;
        return false;
    }
}
