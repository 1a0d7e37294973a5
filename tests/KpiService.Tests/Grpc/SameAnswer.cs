using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace KpiService.Tests.Grpc;

/// <summary>
/// Compares a gRPC reply with REST's answer to the same question: every value REST gives must be in the reply, under
/// the same JSON name (protobuf's JSON mapping). A value REST gives as false, 0, "" or [] may be absent from the reply,
/// since proto3 leaves defaults out; "eTag" is "etag" on gRPC.
/// </summary>
public static class SameAnswer
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    public static void ShouldMatch(this IMessage reply, JsonElement rest, params string[] ignoring)
    {
        var problems = new List<string>();
        Compare(JsonNode.Parse(rest.GetRawText()), JsonNode.Parse(Formatter.Format(reply)), "$", problems, ignoring);
        problems.ShouldBeEmpty();
    }

    private static void Compare(JsonNode? rest, JsonNode? grpc, string path, List<string> problems, string[] ignoring)
    {
        switch (rest)
        {
            case null:
                return;
            case JsonObject restObject:
                if (grpc is not JsonObject grpcObject) { if (restObject.Count > 0) problems.Add($"{path}: REST has an object, gRPC {grpc?.ToJsonString() ?? "nothing"}"); return; }
                foreach (var (name, value) in restObject)
                {
                    if (ignoring.Contains(name)) continue;
                    var grpcName = name == "eTag" ? "etag" : name;
                    if (grpcObject[grpcName] is null && IsDefault(value)) continue;
                    Compare(value, grpcObject[grpcName], $"{path}.{name}", problems, ignoring);
                }
                return;
            case JsonArray restArray:
                var grpcArray = grpc as JsonArray ?? [];
                if (restArray.Count != grpcArray.Count) { problems.Add($"{path}: REST has {restArray.Count} items, gRPC {grpcArray.Count}"); return; }
                for (var i = 0; i < restArray.Count; i++) Compare(restArray[i], grpcArray[i], $"{path}[{i}]", problems, ignoring);
                return;
            case JsonValue restValue when restValue.GetValueKind() == JsonValueKind.Number:
                // int64 travels as a JSON string in protobuf's mapping; every number compares as a double.
                var grpcNumber = grpc is JsonValue g && g.GetValueKind() == JsonValueKind.String ? double.Parse(g.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
                    : grpc?.GetValue<double>();
                if (grpcNumber is not { } n || Math.Abs(n - restValue.GetValue<double>()) > 1e-9) problems.Add($"{path}: REST {restValue}, gRPC {grpc?.ToJsonString() ?? "nothing"}");
                return;
            default:
                if (rest.ToJsonString() != grpc?.ToJsonString()) problems.Add($"{path}: REST {rest.ToJsonString()}, gRPC {grpc?.ToJsonString() ?? "nothing"}");
                return;
        }
    }

    private static bool IsDefault(JsonNode? value) => value switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False => true,
            JsonValueKind.Number => v.GetValue<double>() == 0,
            JsonValueKind.String => v.GetValue<string>().Length == 0,
            _ => false,
        },
        _ => false,
    };
}
