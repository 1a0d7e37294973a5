using System.Text.Json;
using System.Text.Json.Serialization;
using KpiService.Domain.Figures;
using KpiService.Domain.Periods;
using KpiService.Domain.Reference;
using KpiService.EventStore;

namespace KpiService.Infrastructure;

/// <summary>Maps event records to stored type names and JSON, and back. Type names are the record names: never rename one.</summary>
public static class EventSerializer
{
    private static readonly Dictionary<string, Type> Types = typeof(FigureEvent).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && (typeof(FigureEvent).IsAssignableFrom(t) || typeof(ReferenceEvent).IsAssignableFrom(t)))
        .ToDictionary(t => t.Name);

    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = Json.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.Converters.Add(new PeriodConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }

    public static NewEvent ToNew(object @event) =>
        new(@event.GetType().Name, JsonSerializer.Serialize(@event, @event.GetType(), Options), @event);

    public static object Deserialize(RecordedEvent recorded) =>
        Types.TryGetValue(recorded.Type, out var type)
            ? JsonSerializer.Deserialize(recorded.Data, type, Options)!
            : throw new InvalidOperationException($"Unknown event type '{recorded.Type}'.");
}

public sealed class PeriodConverter : JsonConverter<Period>
{
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Period.TryParse(reader.GetString(), out var period) ? period : throw new JsonException("not a period (2021-09, 2021-22-Q2 or 2021-22)");

    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
