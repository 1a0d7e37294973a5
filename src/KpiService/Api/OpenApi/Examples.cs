using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace KpiService.Api.OpenApi;

/// <summary>
/// Example bodies, one file each under Api/OpenApi/Examples (embedded in the assembly), named for what they show:
/// <c>{OperationId}.request.json</c> / <c>.csv</c> for a request body, <c>{OperationId}.{status}.json</c> for one answer,
/// <c>{Schema}.json</c> for every body of that schema (a new endpoint answering a known type gets its example free), and
/// <c>Problem.{status}.json</c>. The values come from the seed reports (Gloucestershire, Southampton, Darlington), so
/// Swagger UI's "Try it out" starts from a real figure, never from a 0/0 that would be accepted and distort a chart.
/// </summary>
public static class Examples
{
    public const string ResourcePrefix = "KpiService.Examples.";

    /// <summary>
    /// Path parameters for "Try it out", by name or <c>{OperationId}.{name}</c>: Gloucestershire's timeliness of
    /// assessments in September 2021 (seeds/000), Darlington's population (seeds/002), re-referrals in 2023-24 for
    /// comparisons (the published figures loaded on first start), and Gloucestershire's benchmarking club with
    /// Worcestershire as the data-sharing agreement.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> PathValues = new Dictionary<string, string>
    {
        ["DefineMeasure.measure"] = "cic-review-participation",
        ["DefineLocalMeasure.measure"] = "initial-cin-reviews-timely",
        ["SetPopulation.authority"] = "841",
        ["GetClient.id"] = "7c34fc17a0b3",
        ["RotateClientKey.id"] = "7c34fc17a0b3",
        ["RevokeClient.id"] = "7c34fc17a0b3",
        ["SaveDataSharingAgreement.id"] = "glos-worcs",
        ["GetDataSharingAgreement.id"] = "glos-worcs",
        ["EndDataSharingAgreement.id"] = "glos-worcs",
        ["GetComparison.measure"] = "re-referrals",
        ["GetComparison.period"] = "2023-24",
        ["GetLeague.measure"] = "re-referrals",
        ["GetLeague.period"] = "2023-24",
        ["WithdrawBenchmarks.source"] = "import",
        ["authority"] = "916",
        ["measure"] = "assessments-within-45-wd",
        ["period"] = "2021-09",
        ["fromPeriod"] = "2021-04",
        ["dimension"] = "locality",
        ["kind"] = "trend",
        ["id"] = "south-east-comparators",
        ["year"] = "2021",
    };

    public static string? PathValue(string operationId, string name) =>
        PathValues.GetValueOrDefault($"{operationId}.{name}") ?? PathValues.GetValueOrDefault(name);

    private static readonly ConcurrentDictionary<string, string?> Texts = new(StringComparer.Ordinal);

    /// <summary>The file extension of an example of this media type; null for a binary file (a workbook), which has none to show.</summary>
    public static string? Extension(string mediaType) => mediaType switch
    {
        "text/csv" => ".csv",
        "text/html" => ".html",
        "image/svg+xml" => ".svg",
        "text/plain" => ".txt",
        "application/x-ndjson" => ".ndjson",
        _ when ResponseConventions.IsJson(mediaType) => ".json",
        _ => null,
    };

    /// <summary>The example named <paramref name="name"/> for a body of <paramref name="mediaType"/>, or null if there is no such file.</summary>
    public static JsonNode? Find(string name, string mediaType)
    {
        if (Extension(mediaType) is not { } extension || Text(name + extension) is not { } text) return null;
        return extension == ".json" ? JsonNode.Parse(text) : JsonValue.Create(text);
    }

    public static string? Text(string file) => Texts.GetOrAdd(file, f =>
    {
        using var stream = typeof(Examples).Assembly.GetManifestResourceStream(ResourcePrefix + f);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static IEnumerable<string> Names() =>
        typeof(Examples).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Select(n => n[ResourcePrefix.Length..]);
}
