namespace KpiService.Common;

/// <summary>The endpoint writes an ETag header on these statuses (all its 2xx when none are named).</summary>
public sealed record ETagMetadata(int[] Statuses);

/// <summary>The endpoint writes this response header on every 2xx (the OpenAPI document must describe it).</summary>
public sealed record ResponseHeaderMetadata(string Name);

/// <summary>
/// What an endpoint declares about its answers when the OpenAPI conventions cannot see it: an ETag written although its
/// answer's type has no ETag property (the ETag belongs to a result the body is part of), or a header of its own. Here,
/// beside the features that declare them, so a use case never reaches up into the API layer.
/// </summary>
public static class ResponseDeclarations
{
    public static TBuilder WritesETag<TBuilder>(this TBuilder endpoint, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ETagMetadata(statuses));

    /// <summary>A header only this endpoint writes (ExportEvents' X-Export-Ceiling).</summary>
    public static TBuilder WritesHeader<TBuilder>(this TBuilder endpoint, string name) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ResponseHeaderMetadata(name));
}
