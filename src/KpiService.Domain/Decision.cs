using KpiService.Domain.Figures;

namespace KpiService.Domain;

/// <summary>
/// What a decide returns: the events to append (none when the command changes nothing, so a repeated PUT is a
/// no-op), or every rule the command breaks, each naming its field, so the answer lists all problems at once.
/// </summary>
public abstract record Decision<TEvent>
{
    private Decision() { }

    public sealed record Accepted(IReadOnlyList<TEvent> Events) : Decision<TEvent>;

    public sealed record Rejected(IReadOnlyList<FieldProblem> Problems) : Decision<TEvent>;

    public static Decision<TEvent> Nothing { get; } = new Accepted([]);

    public static Decision<TEvent> Append(TEvent @event) => new Accepted([@event]);

    public static Decision<TEvent> Reject(IReadOnlyList<FieldProblem> problems) => new Rejected(problems);

    public static Decision<TEvent> Reject(string field, string message) => new Rejected([new FieldProblem(field, message)]);
}
