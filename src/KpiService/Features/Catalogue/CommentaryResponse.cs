using KpiService.Domain.Catalogue;

namespace KpiService.Features.Catalogue;

/// <summary>The commentary on one figure: the current text (none once withdrawn) and every revision, newest last.</summary>
public sealed record CommentaryResponse(
    AuthorityReference Authority, string Measure, string Period, string? Breakdown, Commentary? Current, bool Withdrawn, IReadOnlyList<Commentary> Revisions, string ETag)
{
    public static CommentaryResponse From(Domain.Authorities.Authority authority, CommentaryKey key, CommentaryThread thread) => new(
        authority.ToReference(), key.MeasureId, key.Period.ToString(), key.Breakdown?.ToString(), thread.Visible, thread.Withdrawn, thread.Revisions,
        Common.ETags.Of(thread.Version));
}
