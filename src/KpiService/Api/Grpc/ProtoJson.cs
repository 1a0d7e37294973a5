using System.Text.Json;
using Google.Protobuf;
using KpiService.Common;

namespace KpiService.Api.Grpc;

/// <summary>
/// Maps between use-case records and proto messages through JSON: the proto fields are named so that protobuf's JSON
/// mapping (lowerCamel) equals the REST field names, which keeps REST and gRPC answers alike by construction (a
/// test walks every response record against its message). Replies go record → JSON → message; request bodies go
/// message → JSON → REST's own body record, so they meet the same converters and validators as REST.
/// </summary>
public static class ProtoJson
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    // Leaves out unset fields, so an absent value reaches the body record as null, as it would from REST JSON.
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    /// <summary>REST's JSON options, except that "ETag" is "etag" (a proto field cannot be spelt eTag).</summary>
    public static readonly JsonSerializerOptions Options = new(Api.ApiJson.Options) { PropertyNamingPolicy = new ProtoNames() };

    public static T To<T>(object response) where T : IMessage<T>, new() =>
        Parser.Parse<T>(JsonSerializer.Serialize(response, response.GetType(), Options));

    /// <summary>A REST body record read from a proto message (none: an empty body, which validation then names).</summary>
    public static T Body<T>(IMessage? message) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(message is null ? "{}" : Formatter.Format(message), Api.ApiJson.Options)!;
        }
        catch (JsonException e)
        {
            // The same rules as REST: a control character in a text field, a status that is not one, named by field.
            var field = e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
            throw ValidationFailedException.Of(field, e is RefusedTextException ? e.Message : "has a value this field does not accept.");
        }
    }

    public static string? Text(string value) => string.IsNullOrEmpty(value) ? null : value;

    public static Preconditions Conditions(string ifMatch, string ifNoneMatch = "") => new(Text(ifMatch), Text(ifNoneMatch));

    private sealed class ProtoNames : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name == "ETag" ? "etag" : CamelCase.ConvertName(name);
    }
}
