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
        options.Converters.Add(new NamedEnums());
        options.MaxDepth = 32;
        // {"value": 1, "value": 900} is ambiguous: which one did the sender mean? Refused, naming the key.
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
