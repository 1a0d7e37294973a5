using System.Reflection;
using System.Text.Json;
using MediatR;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KpiService.Api.OpenApi;

/// <summary>
/// Required as it really is. An answer's property is required when its C# type is not nullable: the service leaves
/// nulls out, so a nullable property is optional (and nullable where a request may send null). A request body's
/// property is required when the use case's validator insists on it unconditionally (NotNull / NotEmpty without When):
/// the request records are all-nullable so that a missing field is named in a 400 rather than failing to bind.
/// </summary>
public sealed class SchemaConventions(IServiceScopeFactory scopes) : ISchemaFilter
{
    public static OpenApiSchema PeriodSchema() => new()
    {
        Type = JsonSchemaType.String, Pattern = "^[0-9]{4}-[0-9]{2}(-Q[1-4])?$",
        Description = "A month (2021-09), a financial quarter (2021-22-Q2) or a financial year (2021-22).",
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is not { Count: > 0 } properties || context.Type.IsPrimitive) return;
        // A request that is its own body (RegisterClient.Command) shows IAuthorized's RequiredScope: not part of the JSON read.
        if (typeof(Features.Access.IAuthorized).IsAssignableFrom(context.Type))
            foreach (var member in typeof(Features.Access.IAuthorized).GetProperties())
            {
                properties.Remove(JsonNamingPolicy.CamelCase.ConvertName(member.Name));
                concrete.Required?.Remove(JsonNamingPolicy.CamelCase.ConvertName(member.Name));
            }
        var required = concrete.Required ??= new HashSet<string>();
        var validated = ValidatorRequirements.Of(scopes, RequestOf(context.Type)).Where(p => p.DeclaringType == context.Type).ToHashSet();
        // One per call: NullabilityInfoContext is not thread-safe, and a shared one corrupted by two documents generated
        // at once (two Swagger UI tabs) failed every later request for the document.
        var nullability = new NullabilityInfoContext();
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!properties.ContainsKey(name)) continue;
            var notNull = nullability.Create(property).ReadState == NullabilityState.NotNull;
            if (notNull || validated.Contains(property)) required.Add(name);
            else required.Remove(name);
        }
        if (required.Count == 0) concrete.Required = null;
    }

    /// <summary>The use case request <paramref name="type"/> is, or is part of (its Body).</summary>
    private static Type? RequestOf(Type type) => typeof(IBaseRequest).IsAssignableFrom(type) ? type
        : type.DeclaringType?.GetNestedTypes().FirstOrDefault(t => typeof(IBaseRequest).IsAssignableFrom(t));
}
