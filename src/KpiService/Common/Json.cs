using System.Text.Json;
using System.Text.Json.Serialization;

namespace KpiService.Common;

public static class Json
{
    /// <summary>camelCase names and lowerCamel enum strings, as the API contract says; nulls left out.</summary>
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MaxDepth = 32;
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
