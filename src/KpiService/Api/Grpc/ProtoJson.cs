using System.Text.Json;
using Google.Protobuf;
using KpiService.Api.Grpc.Mapping;

namespace KpiService.Api.Grpc;

/// <summary>
/// The JSON bridge (record → REST's JSON → proto message) that kpi.v1.Peers still answers through, until its replies
/// are mapped field by field as every other service's are (Api/Grpc/Mapping). It relies on the proto fields being named
/// so that protobuf's JSON mapping (lowerCamel) equals the REST field names.
/// </summary>
public static class ProtoJson
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>REST's JSON options, except that "ETag" is "etag" (a proto field cannot be spelt eTag).</summary>
    private static readonly JsonSerializerOptions Options = new(Api.ApiJson.Options) { PropertyNamingPolicy = new ProtoNames() };

    public static T To<T>(object response) where T : IMessage<T>, new() =>
        Parser.Parse<T>(JsonSerializer.Serialize(response, response.GetType(), Options));

    public static string? Text(string value) => Proto.Text(value);

    private sealed class ProtoNames : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name == "ETag" ? "etag" : CamelCase.ConvertName(name);
    }
}
