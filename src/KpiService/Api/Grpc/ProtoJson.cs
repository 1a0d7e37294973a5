using System.Text.Json;
using Google.Protobuf;
using KpiService.Common;

namespace KpiService.Api.Grpc;

/// <summary>
/// Maps a use case's response to its proto message through JSON: the proto fields are named so that protobuf's JSON
/// mapping (lowerCamel) equals the REST field names, which keeps REST and gRPC answers identical by construction.
/// </summary>
public static class ProtoJson
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static T To<T>(object response) where T : IMessage<T>, new() =>
        Parser.Parse<T>(JsonSerializer.Serialize(response, response.GetType(), ApiJson.Options));

    public static string? Text(string value) => string.IsNullOrEmpty(value) ? null : value;
}
