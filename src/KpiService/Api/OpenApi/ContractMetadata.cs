using KpiService.Common;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace KpiService.Api.OpenApi;

/// <summary>Reads what endpoints declare about their answers (<see cref="ResponseDeclarations"/>) for the document.</summary>
public static class ContractMetadata
{
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
