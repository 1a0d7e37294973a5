using KpiService.ReadModels.Reference;
using MediatR;

namespace KpiService.Features.Access;

/// <summary>
/// Checks scopes before validation or any work, so a client acting outside its scopes gets 403 and nothing is
/// stored. An authority the service does not know is left to validation (which names it).
/// </summary>
public sealed class AuthorizationBehaviour<TRequest, TResponse>(CurrentClient client, ReferenceStore reference) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IAuthorized authorized)
        {
            var authority = authorized.AuthorityCode is { } code ? reference.Current.FindAuthority(code) : null;
            client.Require(authorized.RequiredScope, authority?.LaNumber, authority?.Name);
        }
        return next();
    }
}
