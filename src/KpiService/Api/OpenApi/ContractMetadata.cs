using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace KpiService.Api.OpenApi;

/// <summary>The endpoint writes an ETag header on these statuses (all its 2xx when none are named).</summary>
public sealed record ETagMetadata(int[] Statuses);

/// <summary>The endpoint writes this response header (one of <see cref="Headers.All"/>) on every 2xx.</summary>
public sealed record ResponseHeaderMetadata(string Name);

/// <summary>
/// What an endpoint declares about itself when the conventions cannot see it: an ETag written although its answer's
/// type has no ETag property (the ETag belongs to a result the body is part of), or a header of its own.
/// </summary>
public static class ContractMetadata
{
    public static TBuilder WritesETag<TBuilder>(this TBuilder endpoint, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ETagMetadata(statuses));

    /// <summary>A header only this endpoint writes (ExportEvents' X-Export-Ceiling); it must be described in <see cref="Headers.All"/>.</summary>
    public static TBuilder WritesHeader<TBuilder>(this TBuilder endpoint, string name) where TBuilder : IEndpointConventionBuilder =>
        Headers.All.ContainsKey(name) ? endpoint.WithMetadata(new ResponseHeaderMetadata(name))
            : throw new ArgumentException($"{name} is not described in Headers.All.", nameof(name));

    /// <summary>
    /// Whether the endpoint writes ETag on a 2xx status: declared; or what its use case answers carries an ETag (the
    /// endpoint puts it in the header: GetMeasure's Result(Measure, ETag)); or the body on that status has one.
    /// </summary>
    public static Func<int, bool> WritesETagOn(IList<object> metadata, ApiDescription api, UseCase useCase)
    {
        if (metadata.OfType<ETagMetadata>().LastOrDefault() is { } declared)
            return status => status is >= 200 and < 300 && (declared.Statuses.Length == 0 || declared.Statuses.Contains(status));
        var answered = useCase.Request?.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MediatR.IRequest<>))?.GetGenericArguments()[0];
        if (answered?.GetProperty("ETag") is not null) return status => status is >= 200 and < 300;
        return status => api.SupportedResponseTypes.Any(r => r.StatusCode == status && r.Type?.GetProperty("ETag") is not null);
    }
}
