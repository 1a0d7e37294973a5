namespace KpiService.Features.Figures;

/// <summary>Where a figure lives, for Location headers.</summary>
public static class FigureLocation
{
    public static string Of(string authority, string measure, string period, string? breakdown) =>
        $"/api/v1/authorities/{Uri.EscapeDataString(authority)}/measures/{Uri.EscapeDataString(measure)}/figures/{Uri.EscapeDataString(period)}"
        + (breakdown is null ? "" : "?breakdown=" + Uri.EscapeDataString(breakdown));
}
