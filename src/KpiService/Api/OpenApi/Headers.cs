using Microsoft.OpenApi;

namespace KpiService.Api.OpenApi;

/// <summary>The response headers the service writes, declared once as components and referred to by name.</summary>
public static class Headers
{
    public const string CorrelationId = "X-Correlation-Id";

    public static readonly IReadOnlyDictionary<string, OpenApiHeader> All = new Dictionary<string, OpenApiHeader>
    {
        [CorrelationId] = Header("The W3C trace id of this request (32 hex digits): the trace id of an incoming traceparent if one was sent, else a new one. " +
                                 "Problem documents carry it as traceId; quote it when asking about an answer.", "4bf92f3577b34da6a3ce929d0e0e4736"),
        ["ETag"] = Header("The version of what was read or written (\"3\"). Send it back as If-Match to change it only if no one else has since.", "\"3\""),
        ["Location"] = Header("Where the created resource can be read (a GET on this URL answers it).",
                              "/api/v1/authorities/916/measures/assessments-within-45-wd/figures/2021-09"),
        ["Retry-After"] = new OpenApiHeader
        {
            Description = "Seconds to wait before retrying.", Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" }, Example = System.Text.Json.Nodes.JsonValue.Create(5),
        },
        ["X-Export-Ceiling"] = new OpenApiHeader
        {
            Description = "The highest sequence number this export could include: every event at or below it had committed when the export began. " +
                          "Events after it wait for the next export (from = the last sequence received + 1).",
            Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" }, Example = System.Text.Json.Nodes.JsonValue.Create(2305),
        },
        ["WWW-Authenticate"] = Header("How to authenticate: an API key in the X-Api-Key header (scheme ApiKey).", "ApiKey realm=\"KpiService\", header=\"X-Api-Key\""),
    };

    private static OpenApiHeader Header(string description, string example) => new()
    {
        Description = description, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = System.Text.Json.Nodes.JsonValue.Create(example),
    };

    public static OpenApiHeaderReference Ref(string name, OpenApiDocument document) => new(name, document);
}
