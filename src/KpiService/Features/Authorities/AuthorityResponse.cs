using KpiService.Domain.Authorities;

namespace KpiService.Features.Authorities;

public sealed record RegionResponse(string Code, string Name);

/// <summary>An authority with both its codes, its region and whether it still exists (reorganisations retire authorities).</summary>
public sealed record AuthorityResponse(string? Code, int LaNumber, string Name, RegionResponse Region, string Type, bool Active)
{
    public static AuthorityResponse From(Authority a) => new(a.GssCode, a.LaNumber, a.Name, new RegionResponse(a.Region.Code, a.Region.Name), a.Type, a.Active);
}
