using System.Reflection;
using System.Runtime.CompilerServices;
using MediatR;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace KpiService.Api.OpenApi;

/// <summary>
/// What the document can learn about an endpoint from the use case that maps it (STYLE.md: one file per use case, the
/// endpoint mapped inside it): the use case's name (the operationId) and its request type, whose shape says which
/// headers it reads (a <c>Preconditions</c> property: If-Match / If-None-Match; an <c>IdempotencyKey</c>: Idempotency-Key)
/// and which scope it needs. So a new endpoint is documented by being written the house way, not by a second list.
/// </summary>
public sealed record UseCase(string Name, Type? DeclaringClass, Type? Request)
{
    public static UseCase Of(ApiDescription api)
    {
        var metadata = api.ActionDescriptor.EndpointMetadata;
        var explicitName = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        var handler = metadata.OfType<MethodInfo>().FirstOrDefault();
        var declaring = handler is null ? null : Outermost(handler.DeclaringType);
        var request = declaring?.GetNestedTypes().FirstOrDefault(t => typeof(IBaseRequest).IsAssignableFrom(t));
        var name = explicitName ?? (declaring is null ? "" : Verbed(declaring.Name, api.HttpMethod));
        return new UseCase(name, declaring, request);
    }

    /// <summary>The lambda lives in a compiler-generated closure class (SubmitFigure+&lt;&gt;c): the use case is the class around it.</summary>
    private static Type? Outermost(Type? type)
    {
        while (type is not null && (type.IsDefined(typeof(CompilerGeneratedAttribute)) || type.Name.StartsWith('<')) && type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }

    private static readonly string[] Verbs =
    [
        "Get", "List", "Count", "Submit", "Set", "Save", "Define", "Declare", "Register", "Import", "Export", "Withdraw", "Write",
        "Mark", "Rebuild", "Render", "Rotate", "Revoke", "Delete", "Create", "Update", "Watch", "Compare",
    ];

    /// <summary>Use cases are named by verb (STYLE.md); a class that maps a read without one (ProjectionHealth) reads as Get….</summary>
    private static string Verbed(string name, string? method) =>
        method == "GET" && !Verbs.Any(v => name.StartsWith(v, StringComparison.Ordinal) && name.Length > v.Length && char.IsUpper(name[v.Length])) ? "Get" + name : name;

    /// <summary>The scope the request needs, read from its <c>RequiredScope</c> (a constant in every use case), or null.</summary>
    public string? RequiredScope
    {
        get
        {
            if (Request is null || !typeof(Features.Access.IAuthorized).IsAssignableFrom(Request)) return null;
            try
            {
                // The getter returns a constant (Scopes.Submit): an uninitialised instance is enough to ask it.
                var instance = (Features.Access.IAuthorized)RuntimeHelpers.GetUninitializedObject(Request);
                return instance.RequiredScope;
            }
            catch (Exception e) when (e is NullReferenceException or InvalidOperationException)
            {
                return null;
            }
        }
    }

    /// <summary>The request names the authority it acts for (scopes are granted per authority).</summary>
    public bool ActsForAuthority => Request?.GetProperty("AuthorityCode") is not null || Request?.GetProperty("Authority") is not null;

    public bool ReadsPreconditions => Request?.GetProperties().Any(p => p.PropertyType == typeof(Common.Preconditions)) == true;

    public bool ReadsIdempotencyKey => Request?.GetProperty("IdempotencyKey") is not null;
}
