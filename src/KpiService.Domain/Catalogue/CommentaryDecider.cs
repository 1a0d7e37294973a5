using KpiService.Domain.Figures;

namespace KpiService.Domain.Catalogue;

public abstract record CommentaryCommand;

/// <summary>Write or revise commentary (with an optional action); <c>At</c> comes from the clock, <c>Author</c> from the client.</summary>
public sealed record WriteCommentary(string Text, CommentaryAction? Action, string Author, DateTimeOffset At) : CommentaryCommand;

public sealed record WithdrawCommentary(string Author, DateTimeOffset At) : CommentaryCommand;

/// <summary>
/// Commentary and actions, as performance packs print them beside a measure ("Performance analysis", "Actions",
/// seeds/002). Plain text with limits, so a dashboard can show it without escaping surprises; writing the same
/// text and action again is a no-op, not a new revision.
/// </summary>
public static class CommentaryDecider
{
    public const int MaxText = 4000, MaxActionText = 1000, MaxOwner = 100, MaxAuthor = 100;

    public static Decision<CommentaryEvent> Decide(CommentaryThread state, CommentaryKey key, CommentaryCommand command) => command switch
    {
        WriteCommentary write => Write(state, key, write),
        WithdrawCommentary withdraw => state.Current is null || state.Withdrawn
            ? Decision<CommentaryEvent>.Nothing
            : Decision<CommentaryEvent>.Append(new CommentaryWithdrawn(key, withdraw.Author, withdraw.At)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown commentary command"),
    };

    private static Decision<CommentaryEvent> Write(CommentaryThread state, CommentaryKey key, WriteCommentary command)
    {
        var problems = new List<FieldProblem>();
        PlainText.Check(problems, "text", command.Text, MaxText, multiline: true);
        PlainText.Check(problems, "author", command.Author, MaxAuthor);
        if (command.Action is { } action)
        {
            PlainText.Check(problems, "action.text", action.Text, MaxActionText, multiline: true);
            PlainText.Check(problems, "action.owner", action.Owner, MaxOwner, required: false);
            // An action agreed on September's figures cannot have been due before September began: a typed year.
            if (action.Due is { } due && due < key.Period.Start)
                problems.Add(new("action.due", $"{due:yyyy-MM-dd} is before the period {key.Period} begins."));
        }
        if (problems.Count > 0) return Decision<CommentaryEvent>.Reject(problems);

        var text = command.Text.Trim();
        var normalised = command.Action is { } a ? new CommentaryAction(a.Text.Trim(), PlainText.NullIfBlank(a.Owner), a.Due) : null;
        if (state is { Current: { } current, Withdrawn: false } && current.Text == text && current.Action == normalised)
            return Decision<CommentaryEvent>.Nothing;
        var revision = (state.Current?.Revision ?? 0) + 1;
        return Decision<CommentaryEvent>.Append(new CommentaryWritten(key, text, normalised, command.Author.Trim(), command.At, revision));
    }
}
