using KpiService.Common;

namespace KpiService.Features.Access;

/// <summary>A client may look after its own key (read it, rotate it); any other client's needs admin.</summary>
public static class ClientAccess
{
    public static void RequireSelfOrAdmin(CurrentClient client, string clientId)
    {
        if (!client.IsAuthenticated) throw new UnauthenticatedException("Send a valid API key in the X-Api-Key header.");
        if (client.Id != clientId && !client.Has(Scopes.Admin))
            throw new ForbiddenException("A client may read and rotate only its own key; other clients need the 'admin' scope.");
    }
}
