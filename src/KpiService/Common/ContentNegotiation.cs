using Microsoft.Net.Http.Headers;

namespace KpiService.Common;

/// <summary>One way a read can answer: a short name for <c>?format=</c> and the media type it is sent as.</summary>
public sealed record Representation(string Format, string MediaType)
{
    public static readonly Representation Json = new("json", "application/json");
    public static readonly Representation Csv = new("csv", "text/csv");
    public static readonly Representation Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    public static readonly Representation Html = new("html", "text/html");
    public static readonly Representation Svg = new("svg", "image/svg+xml");

    public static readonly IReadOnlyList<Representation> Known = [Json, Csv, Xlsx, Html, Svg];
}

/// <summary>
/// Server-driven content negotiation (RFC 9110 §12.5.1): <c>?format=</c> wins where given (links and browsers cannot
/// set Accept), else each offered representation gets the quality of the most specific Accept range that matches it,
/// and the highest wins, ties going to the read's own order (JSON first). No Accept means the first offered. Nothing
/// acceptable is a 406 naming what is offered, never a silent JSON answer the client said it cannot read.
/// </summary>
public static class ContentNegotiation
{
    public static Representation Choose(HttpRequest request, IReadOnlyList<Representation> offered)
    {
        if (request.Query.TryGetValue("format", out var formats) && formats.Count > 0)
        {
            var format = formats[^1] ?? "";
            var known = Representation.Known.FirstOrDefault(r => string.Equals(r.Format, format, StringComparison.OrdinalIgnoreCase));
            if (known is null)
                throw ValidationFailedException.Of("format", $"'{(format.Length > 20 ? format[..20] + "…" : format)}' is not a format: use {string.Join(", ", offered.Select(o => o.Format))}.");
            return offered.FirstOrDefault(o => o.Format == known.Format)
                ?? throw NotAcceptable($"This read is not offered as {known.Format}", offered);
        }

        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0) return offered[0];
        Representation? best = null;
        var bestQuality = 0.0;
        foreach (var representation in offered)
        {
            var quality = QualityOf(new MediaTypeHeaderValue(representation.MediaType), ranges);
            if (quality > bestQuality) (best, bestQuality) = (representation, quality);
        }
        return best ?? throw NotAcceptable($"Nothing in Accept ({Shorten(accept.ToString())}) is offered", offered);
    }

    /// <summary>The quality of the most specific range that matches (type/subtype over type/* over */*); 0 for none.</summary>
    private static double QualityOf(MediaTypeHeaderValue offered, IList<MediaTypeHeaderValue> ranges)
    {
        var (specificity, quality) = (-1, 0.0);
        foreach (var range in ranges)
        {
            // Type and subtype only: parameters such as charset do not decide whether a range covers a representation.
            var matches = range.MatchesAllTypes
                || (range.Type.Equals(offered.Type, StringComparison.OrdinalIgnoreCase)
                    && (range.MatchesAllSubTypes || range.SubType.Equals(offered.SubType, StringComparison.OrdinalIgnoreCase)));
            if (!matches) continue;
            var rank = range.MatchesAllTypes ? 0 : range.MatchesAllSubTypes ? 1 : 2;
            if (rank > specificity) (specificity, quality) = (rank, range.Quality ?? 1.0);
        }
        return quality;
    }

    private static NotAcceptableException NotAcceptable(string why, IReadOnlyList<Representation> offered) =>
        new($"{why}: it answers as {string.Join(", ", offered.Select(o => o.MediaType))} (or ?format={string.Join("|", offered.Select(o => o.Format))}).",
            [.. offered.Select(o => o.MediaType)]);

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
