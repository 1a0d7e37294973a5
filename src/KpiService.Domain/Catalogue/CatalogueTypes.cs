using KpiService.Domain.Ratings;

namespace KpiService.Domain.Catalogue;

/// <summary>
/// Where an expected figure stands: <c>Received</c>, or why it is absent. Councils' packs print these instead of a
/// blank row ("data due", "awaiting Health", "schools closed").
/// </summary>
public enum DataState { Received, Due, Overdue, NotApplicable, AwaitingPartner, DefinitionChanged }

/// <summary>An action agreed on a measure: what, who owns it, by when.</summary>
public sealed record CommentaryAction(string Text, string? Owner, DateOnly? Due);

/// <summary>Commentary on a measure for a period: plain text, an optional action, who wrote it and when.</summary>
public sealed record Commentary(string Text, CommentaryAction? Action, string Author, DateTimeOffset At, int Revision);

/// <summary>A council's display name and colour for a status (Slough's amber is "Yellow").</summary>
public sealed record StatusLabel(string Name, string Colour);

/// <summary>An authority's label scheme over the four statuses; the national default when it has none.</summary>
public sealed record LabelScheme(IReadOnlyDictionary<RagStatus, StatusLabel> Labels)
{
    public static readonly LabelScheme Default = new(new Dictionary<RagStatus, StatusLabel>
    {
        [RagStatus.Green] = new("Green", "#00703c"),
        [RagStatus.Amber] = new("Amber", "#ffdd00"),
        [RagStatus.Red] = new("Red", "#d4351c"),
        [RagStatus.Unrated] = new("Not rated", "#b1b4b6"),
    });

    public StatusLabel For(RagStatus status) => Labels.TryGetValue(status, out var label) ? label : Default.Labels[status];
}
