namespace KpiService.Common;

/// <summary>The small vocabulary of failures a use case can report. Each maps to one status (REST) and code (gRPC).</summary>
public abstract class KpiException(string message) : Exception(message);

/// <summary>Bad input: every problem, keyed by the field (JSON path, or CSV row) it concerns.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : KpiException($"The request has {errors.Values.Sum(v => v.Length)} problem(s): " + string.Join("; ", errors.Take(5).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) + (errors.Count > 5 ? "; …" : ""))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException Of(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>At most this many fields are listed; a 50,000-row file with one systematic mistake needs 200 examples, not 50,000.</summary>
    public const int MaxListed = 200;

    public static ValidationFailedException Of(IEnumerable<(string Field, string Message)> problems)
    {
        var byField = problems.GroupBy(p => p.Field).ToList();
        var errors = byField.Take(MaxListed).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        if (byField.Count > MaxListed) errors["more"] = [$"{byField.Count - MaxListed} more fields have problems; fix these and send again."];
        return new(errors);
    }
}

/// <summary>The body is in a format this operation does not read.</summary>
public sealed class UnsupportedMediaTypeException(string message) : KpiException(message);

public sealed class NotFoundException(string message) : KpiException(message);

/// <summary>None of the representations the client accepts (Accept, or <c>?format=</c>) is one this read offers; <c>Offered</c> lists them.</summary>
public sealed class NotAcceptableException(string message, IReadOnlyList<string> offered) : KpiException(message)
{
    public IReadOnlyList<string> Offered { get; } = offered;
}

/// <summary>Another writer changed what this request meant to change; nothing was stored.</summary>
public sealed class ConflictException(string message) : KpiException(message);

/// <summary>The client's <c>If-Match</c> no longer matches the figure's current ETag.</summary>
public sealed class PreconditionFailedException(string message) : KpiException(message);

public sealed class UnauthenticatedException(string message) : KpiException(message);

public sealed class ForbiddenException(string message) : KpiException(message);

/// <summary>The request is well formed but a domain rule forbids it (a unit change under stored figures); <c>Errors</c> names each.</summary>
public sealed class RuleViolatedException(string message, IReadOnlyDictionary<string, string[]>? errors = null) : KpiException(message)
{
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    public static RuleViolatedException Of(IEnumerable<(string Field, string Message)> problems)
    {
        var errors = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return new(string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))), errors);
    }
}
