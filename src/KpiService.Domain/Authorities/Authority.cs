namespace KpiService.Domain.Authorities;

public sealed record Region(string Code, string Name);

/// <summary>A local authority with children's services, known by both its GSS code and its DfE LA number.</summary>
public sealed record Authority(int LaNumber, string? GssCode, string Name, Region Region, string Type, bool Active = true);

public sealed record Neighbour(int Rank, int LaNumber, string Closeness);
