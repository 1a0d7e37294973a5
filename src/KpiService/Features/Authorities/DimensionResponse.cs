namespace KpiService.Features.Authorities;

/// <summary>A breakdown dimension an authority declared (locality, team, ageBand) and its allowed values.</summary>
public sealed record DimensionResponse(AuthorityReference Authority, string Dimension, IReadOnlyList<string> Values);
