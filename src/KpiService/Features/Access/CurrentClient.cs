using KpiService.Domain.Reference;
using KpiService.Common;

namespace KpiService.Features.Access;

public static class Scopes
{
    public const string Read = "read";
    public const string Submit = "submit";
    public const string Targets = "targets";
    public const string Admin = "admin";
    /// <summary>A council's own catalogue: local measures, local codes and titles, bands, labels, reporting schedule.</summary>
    public const string Catalogue = "catalogue";
    public static readonly string[] All = [Read, Submit, Targets, Catalogue, Admin];
}

/// <summary>Who is calling, for this request (REST or gRPC). Set once by the transport after the key is checked.</summary>
public sealed class CurrentClient
{
    public string? Id { get; private set; }
    public string Name { get; private set; } = "anonymous";
    public bool IsOperator { get; private set; }
    private IReadOnlyList<ScopeGrant> _grants = [];

    public bool IsAuthenticated => Id is not null;

    /// <summary>Correlates the events a request causes with its logs and answers: the W3C trace id of the request (X-Correlation-Id).</summary>
    public string? CorrelationId { get; set; }

    public void SignIn(string id, string name, IReadOnlyList<ScopeGrant> grants, bool isOperator = false) =>
        (Id, Name, _grants, IsOperator) = (id, name, grants, isOperator);

    /// <summary>The bootstrap admin key is the operator: every scope over every authority.</summary>
    public bool Has(string scope, int? laNumber = null) =>
        IsOperator || _grants.Any(g => g.Scope == scope && (laNumber is null || g.AllAuthorities || g.Authorities.Contains(laNumber.Value)));

    /// <summary>The LA numbers a scope covers for this client; null when it covers every authority.</summary>
    public IReadOnlyList<int>? AuthoritiesFor(string scope) =>
        IsOperator || _grants.Any(g => g.Scope == scope && g.AllAuthorities) ? null
        : [.. _grants.Where(g => g.Scope == scope).SelectMany(g => g.Authorities).Distinct()];

    public void Require(string scope, int? laNumber = null, string? authorityName = null)
    {
        if (!IsAuthenticated) throw new UnauthenticatedException("Send a valid API key in the X-Api-Key header.");
        if (!Has(scope, laNumber))
            throw new ForbiddenException(laNumber is null
                ? $"This client does not have the '{scope}' scope."
                : $"This client does not have the '{scope}' scope for {authorityName ?? laNumber.ToString()}.");
    }
}

/// <summary>A request that needs a scope, optionally for one authority (named as the client named it).</summary>
public interface IAuthorized
{
    string RequiredScope { get; }
    string? AuthorityCode => null;
}
