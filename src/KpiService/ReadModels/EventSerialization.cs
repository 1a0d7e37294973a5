using System.Text.Json;
using System.Text.Json.Serialization;
using KpiService.Common;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Figures;
using KpiService.Domain.Periods;
using KpiService.Domain.Reference;

namespace KpiService.ReadModels;

/// <summary>
/// How events are stored: type names are the record names (never rename one: the log keeps them), JSON is camelCase
/// with enums as lowerCamel strings and periods as "2021-09", nulls left out — the shape the service has always written.
/// </summary>
public static class EventSerialization
{
    /// <summary>Every event type the service writes, closed hierarchies of the domain.</summary>
    public static readonly IReadOnlyList<Type> EventTypes = [.. typeof(FigureEvent).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && EventRoots.Any(root => root.IsAssignableFrom(t)))
        .OrderBy(t => t.Name, StringComparer.Ordinal)];

    private static Type[] EventRoots => [typeof(FigureEvent), typeof(ReferenceEvent), typeof(CatalogueEvent), typeof(ScheduleEvent), typeof(CommentaryEvent)];

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        Json.Configure(options);
        options.Converters.Add(new PeriodConverter());
        return options;
    }
}

public sealed class PeriodConverter : JsonConverter<Period>
{
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Period.TryParse(reader.GetString(), out var period) ? period : throw new JsonException("not a period (2021-09, 2021-22-Q2 or 2021-22)");

    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
