using KpiService.Domain.Catalogue;
using static KpiService.Domain.Tests.Catalogue.CatalogueFixtures;

namespace KpiService.Domain.Tests.Catalogue;

public sealed class CommentaryTests
{
    private static readonly CommentaryKey Key = new(Darlington, "children-entering-care", Period.Parse("2021-22-Q2"));
    private static readonly DateTimeOffset October = new(2021, 10, 20, 9, 0, 0, TimeSpan.Zero);

    // seeds/002 line 456, as the pack's analysis reads once its HTML is taken out.
    private const string Analysis = "21 children came into care in Q2 2021/22, which is a 8.7% decrease when compared with the 23 children coming into care in Q2 2020/21.";

    private static CommentaryThread Apply(CommentaryThread state, CommentaryCommand command) =>
        CommentaryDecider.Decide(state, Key, command).ShouldBeOfType<Decision<CommentaryEvent>.Accepted>().Events.Aggregate(state, CommentaryThread.Evolve);

    [Fact]
    public void Commentary_IsWrittenRevisedAndWithdrawn_KeepingEveryRevision()
    {
        var action = new CommentaryAction("Review entries with the edge-of-care panel", "Head of Service", new DateOnly(2021, 11, 30));
        var first = Apply(CommentaryThread.None, new WriteCommentary(Analysis, action, "performance@darlington", October));
        first.Visible.ShouldBe(new Commentary(Analysis, action, "performance@darlington", October, 1));

        CommentaryDecider.Decide(first, Key, new WriteCommentary(Analysis + "  ", action, "someone else", October.AddDays(1)))
            .ShouldBe(Decision<CommentaryEvent>.Nothing);

        var revised = Apply(first, new WriteCommentary(Analysis, action with { Owner = "Service Manager" }, "performance@darlington", October.AddDays(2)));
        revised.Visible!.Revision.ShouldBe(2);
        revised.Revisions.Select(r => r.Action!.Owner).ShouldBe(["Head of Service", "Service Manager"]);

        var withdrawn = Apply(revised, new WithdrawCommentary("performance@darlington", October.AddDays(3)));
        withdrawn.Visible.ShouldBeNull();
        CommentaryDecider.Decide(withdrawn, Key, new WithdrawCommentary("x", October)).ShouldBe(Decision<CommentaryEvent>.Nothing);
        Apply(withdrawn, new WriteCommentary(Analysis, null, "performance@darlington", October.AddDays(4))).Visible!.Revision.ShouldBe(3);
    }

    public static TheoryData<string, WriteCommentary, string> Invalid => new()
    {
        { "the pack's HTML", new("<p>21 children came into care in Q2 2021/22</p> <ul style=\"list-style-type: none\">", null, "a", October), "text" },
        { "a NUL byte", new("21 children\0", null, "a", October), "text" },
        { "a terminal escape in the owner", new(Analysis, new("Act", "Head\u001b]0;pwned\u0007", null), "a", October), "action.owner" },
        { "markup in the action", new(Analysis, new("<script>alert(1)</script>", null, null), "a", October), "action.text" },
        { "an empty action", new(Analysis, new(" ", null, null), "a", October), "action.text" },
        { "too long", new(new string('x', CommentaryDecider.MaxText + 1), null, "a", October), "text" },
        { "no text", new("", null, "a", October), "text" },
        { "no author", new(Analysis, null, " ", October), "author" },
        { "an action due before the quarter began", new(Analysis, new("Act", null, new DateOnly(2020, 11, 30)), "a", October), "action.due" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidCommentary_IsRefusedNamingTheField(string scenario, WriteCommentary command, string field) =>
        CommentaryDecider.Decide(CommentaryThread.None, Key, command).ShouldBeOfType<Decision<CommentaryEvent>.Rejected>(scenario)
            .Problems.Select(p => p.Field).ShouldContain(field, scenario);

    [Fact]
    public void Keys_SeparateBreakdownsAndPeriods() =>
        new[]
        {
            Key.StreamId,
            (Key with { Breakdown = new KpiService.Domain.Figures.Breakdown("locality", "Cotswolds") }).StreamId,
            (Key with { Period = Period.Parse("2021-22-Q3") }).StreamId,
        }.Distinct().Count().ShouldBe(3);
}
