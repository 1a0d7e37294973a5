using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KpiService.Api.OpenApi;

/// <summary>
/// Names and words of every operation: the operationId is the use case's name (SubmitFigure), the endpoint's own
/// summary becomes the description (with the scope it needs) and its first clause the summary; every parameter is
/// described (<see cref="ParameterDescriptions"/>); path parameters carry a seed example so "Try it out" is ready;
/// the headers a use case reads are declared from its request type (and If-None-Match on a read that answers 304); a
/// query parameter the use case's validator insists on is required; a CSV body is text, not the JSON schema.
/// </summary>
public sealed class OperationConventions(IServiceScopeFactory scopes) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var useCase = UseCase.Of(context.ApiDescription);
        if (useCase.Name.Length > 0) operation.OperationId = useCase.Name;
        Describe(operation, useCase);
        if ((operation.Tags?.Count ?? 0) == 0 && useCase.DeclaringClass?.Namespace?.Split('.') is [.., "Features", var area])
            operation.Tags = new HashSet<OpenApiTagReference> { new(area, context.Document) };

        var validated = ValidatorRequirements.Of(scopes, useCase.Request).Where(p => p.DeclaringType == useCase.Request)
            .Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            var name = parameter.Name ?? "";
            var declared = context.MethodInfo?.GetParameters().FirstOrDefault(p => p.Name == name);
            parameter.Description ??= declared?.GetCustomAttribute<DescriptionAttribute>()?.Description
                                      ?? ParameterDescriptions.Find(useCase.Name, name, useCase.Request);
            if (parameter.In == ParameterLocation.Path && Examples.PathValue(useCase.Name, name) is { } example)
                parameter.Example = parameter.Schema?.Type == JsonSchemaType.Integer ? JsonValue.Create(int.Parse(example, System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(example);
            // Bound as optional so that a missing value is named in a 400 with the others, but the use case refuses to go without it.
            if (parameter.In == ParameterLocation.Query && validated.Contains(name)) parameter.Required = true;
            // Repeated query parameters (?group=a&group=b) are form-exploded: say so, a generator needs it.
            if (parameter.Schema?.Type?.HasFlag(JsonSchemaType.Array) == true && parameter.In == ParameterLocation.Query)
                (parameter.Style, parameter.Explode) = (ParameterStyle.Form, true);
        }

        if (useCase.ReadsPreconditions)
        {
            AddHeader(operation, "If-Match");
            AddHeader(operation, "If-None-Match");
        }
        if (useCase.ReadsIdempotencyKey) AddHeader(operation, "Idempotency-Key");
        // A read that can answer 304 compares If-None-Match with the ETag of what it would send.
        if (context.ApiDescription.HttpMethod == "GET"
            && context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == StatusCodes.Status304NotModified))
            AddHeader(operation, "If-None-Match", ParameterDescriptions.ByName["If-None-Match.read"]);

        // Accepts<T>("application/json", "text/csv") gives the CSV body T's JSON schema; a CSV body is text with a header row.
        if (operation.RequestBody is OpenApiRequestBody body)
        {
            // A body bound to a nullable parameter (RotateClientKey's Body?) may be left out; every other body is read.
            body.Required = !context.ApiDescription.ParameterDescriptions.Any(p => p.Source == BindingSource.Body && !p.IsRequired);
            foreach (var (mediaType, content) in body.Content ?? new Dictionary<string, IOpenApiMediaType>())
                if (mediaType != "application/json" && content is OpenApiMediaType media)
                    media.Schema = TextBody(mediaType);
        }
    }

    public static OpenApiSchema TextBody(string mediaType) => mediaType switch
    {
        "application/x-ndjson" => new OpenApiSchema { Type = JsonSchemaType.String, Description = "Newline-delimited JSON in UTF-8: one JSON object a line." },
        "text/csv" => new OpenApiSchema { Type = JsonSchemaType.String, Description = "RFC 4180 CSV in UTF-8 with a header row." },
        "text/html" => new OpenApiSchema { Type = JsonSchemaType.String, Description = "An HTML page." },
        "image/svg+xml" => new OpenApiSchema { Type = JsonSchemaType.String, Description = "A standalone SVG document." },
        _ => new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = $"A {mediaType} file." },
    };

    private static void Describe(OpenApiOperation operation, UseCase useCase)
    {
        var text = operation.Description ?? operation.Summary ?? "";
        if (operation.Description is null && operation.Summary is { } summary)
            operation.Summary = FirstClause(summary);
        var scope = useCase.RequiredScope is { } s
            ? $"\n\nNeeds the `{s}` scope{(useCase.ActsForAuthority && s != Features.Access.Scopes.Admin ? " for the authority" : "")}."
            : "";
        operation.Description = text.Length == 0 ? null : text + scope;
    }

    /// <summary>"Submit or revise one figure: 201 new, …" → "Submit or revise one figure": the line Swagger UI shows beside the path.</summary>
    public static string FirstClause(string text)
    {
        var cut = new[] { ": ", ". ", "; ", " (" }.Select(m => text.IndexOf(m, StringComparison.Ordinal)).Where(i => i > 0).DefaultIfEmpty(text.Length).Min();
        return text[..cut].TrimEnd('.');
    }

    /// <summary>
    /// An optional request header, described but without an example: Swagger UI's "Try it out" sends parameter examples,
    /// and a made-up If-Match or If-None-Match: * would turn every trial submission into a 412.
    /// </summary>
    private static void AddHeader(OpenApiOperation operation, string name, string? description = null)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.Name == name && p.In == ParameterLocation.Header)) return;
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name, In = ParameterLocation.Header, Required = false, Description = description ?? ParameterDescriptions.ByName[name],
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = name == "Idempotency-Key" ? 200 : null },
        });
    }
}
