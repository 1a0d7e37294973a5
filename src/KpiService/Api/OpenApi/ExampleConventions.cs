using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KpiService.Api.OpenApi;

/// <summary>
/// Puts an example on every request body and every success body (<see cref="Examples"/> says where they come from),
/// and gives an inline JSON body (a dictionary, say) a name of its own (<c>{OperationId}Body</c>,
/// <c>{OperationId}Response</c>) so a generated client has a type to call it by.
/// </summary>
public sealed class ExampleConventions : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var id = operation.OperationId ?? "";
        if (operation.RequestBody is OpenApiRequestBody { Content: { } requestContent })
            foreach (var (mediaType, content) in requestContent)
                if (content is OpenApiMediaType media)
                {
                    Name(media, mediaType, id + "Body", context);
                    media.Example ??= Examples.Find($"{id}.request", mediaType) ?? FromSchema(media.Schema, mediaType);
                }

        foreach (var (status, response) in operation.Responses ?? [])
            if (status.StartsWith('2') && response is OpenApiResponse { Content: { } responseContent })
                foreach (var (mediaType, content) in responseContent)
                    if (content is OpenApiMediaType media)
                    {
                        Name(media, mediaType, id + "Response", context);
                        media.Example ??= Examples.Find($"{id}.{status}", mediaType)
                            // A use case answers the same type on 200 and 201 (created or replaced): either example shows it.
                            ?? Examples.Find($"{id}.200", mediaType) ?? Examples.Find($"{id}.201", mediaType) ?? FromSchema(media.Schema, mediaType);
                    }
    }

    /// <summary>The example of a named schema, or a one-element array of it for a list of them.</summary>
    private static JsonNode? FromSchema(IOpenApiSchema? schema, string mediaType) => schema switch
    {
        OpenApiSchemaReference { Reference.Id: { } name } => Examples.Find(name, mediaType),
        { Type: JsonSchemaType.Array, Items: OpenApiSchemaReference { Reference.Id: { } item } } when Examples.Find(item, mediaType) is { } one => new JsonArray(one),
        _ => null,
    };

    private static void Name(OpenApiMediaType media, string mediaType, string name, OperationFilterContext context)
    {
        if (mediaType != "application/json" || media.Schema is not OpenApiSchema { Type: JsonSchemaType.Object } inline) return;
        media.Schema = context.SchemaRepository.AddDefinition(name, inline);
    }
}
