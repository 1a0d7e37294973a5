using System.Text.Json;
using System.Text.Json.Serialization;
using KpiService.Common;
using KpiService.Domain.Peers;
using KpiService.ReadModels;

namespace KpiService.Api;

/// <summary>
/// The JSON of the API: camelCase, lowerCamel enums, nulls left out (Common/Json), periods as "2021-09", and quartile
/// bands as the capital letters LAIT prints (A–D), not lowerCamel names; every string read is text (<see cref="TextOnlyStrings"/>).
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        Json.Configure(options);
        options.Converters.Insert(0, new JsonStringEnumConverter<QuartileBand>());
        options.Converters.Add(new PeriodConverter());
        options.Converters.Add(new TextOnlyStrings());
        return options;
    }
}
