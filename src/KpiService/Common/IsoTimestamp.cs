using System.Globalization;

namespace KpiService.Common;

/// <summary>
/// Timestamps in requests (<c>asAt</c>) are ISO 8601 only: <c>2021-12-01</c>, <c>2021-12-01T09:30:00Z</c>,
/// <c>2021-12-01T09:30:00.123+01:00</c>. A culture-aware parse read <c>12/01/2021</c> as 1 December, which a
/// council in England means as 12 January; an ambiguous date is refused instead of guessed. No offset means UTC.
/// </summary>
public static class IsoTimestamp
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    /// <summary>The timestamp, null for none, or a 400 naming <paramref name="field"/>.</summary>
    public static DateTimeOffset? Parse(string field, string? text) =>
        string.IsNullOrEmpty(text) ? null
        : TryParse(text, out var value) ? value
        : throw ValidationFailedException.Of(field, $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not an ISO 8601 date or time: use 2021-12-01 or 2021-12-01T09:30:00Z.");

    /// <summary>A calendar date as <c>2021-12-01</c>, null for none, or a 400 naming <paramref name="field"/>.</summary>
    public static DateOnly? ParseDate(string field, string? text) =>
        string.IsNullOrEmpty(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw ValidationFailedException.Of(field, $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not an ISO 8601 date: use 2021-12-01.");
}
