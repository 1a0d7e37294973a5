using System.Runtime.CompilerServices;
using System.Text.Json;

namespace KpiService.Common;

/// <summary>
/// The JSON of an answer the read caches hand out again and again (a cached rating is the same object until a write
/// invalidates it): serialised on first use and kept exactly as long as the object itself, so a cached
/// read is a copy of bytes rather than a serialisation. An uncached answer is serialised once and forgotten with it.
/// Not for reads that are also exported (ExportNegotiation turns the answer object into CSV or XLSX).
/// </summary>
public static class SerializedOnce
{
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly ConditionalWeakTable<object, byte[]> Bytes = new();

    /// <summary>Always the service's API options (one JsonSerializerOptions per process), so the bytes cannot differ by caller.</summary>
    public static byte[] Json<T>(T answer, JsonSerializerOptions options) where T : class
    {
        if (Bytes.TryGetValue(answer, out var json)) return json;
        json = JsonSerializer.SerializeToUtf8Bytes(answer, options);
        Bytes.AddOrUpdate(answer, json);
        return json;
    }

    /// <summary>A 200 with the answer's JSON, as minimal APIs would write it (declare the type with <c>.Produces&lt;T&gt;(200)</c>).</summary>
    public static IResult Result<T>(T answer, JsonSerializerOptions options) where T : class => Results.Bytes(Json(answer, options), ContentType);
}
