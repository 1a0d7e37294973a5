using System.Text.Json;
using KpiService.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace KpiService.Api.Rest;

/// <summary>
/// The one place exceptions become RFC 9457 problem details. Anything it does not know is a bug and stays a 500
/// (without a stack trace in the body): no catch-all turns a failure into a 404.
/// </summary>
public sealed class ProblemDetailsMapper(ILogger<ProblemDetailsMapper> logger) : IExceptionHandler
{
    public const string TypeBase = "https://kpi-service.example/problems/";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception, context);
        if (problem.Status >= 500 && problem.Status != 503)
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        else if (problem.Status == 503)
            logger.LogWarning("Database unavailable on {Method} {Path}: {Message}", context.Request.Method, context.Request.Path, exception.Message);
        if (context.Response.HasStarted) return false;
        context.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == 503) context.Response.Headers.RetryAfter = "5";
        await WriteAsync(context, problem);
        return true;
    }

    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? 500;
        context.Response.ContentType = "application/problem+json";
        problem.Instance ??= context.Request.Path;
        problem.Extensions["traceId"] = CorrelationIds.Of(context);
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, problem.GetType(), Json.Options);
    }

    public static ProblemDetails Problem(int status, string type, string title, string detail) =>
        new() { Status = status, Type = TypeBase + type, Title = title, Detail = detail };

    private static ProblemDetails Map(Exception exception, HttpContext context) => exception switch
    {
        ValidationFailedException v => new ValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = 400, Type = TypeBase + "validation", Title = "The request is invalid.", Detail = v.Message,
        },
        BadHttpRequestException { StatusCode: 413 } => Problem(413, "too-large", "The request body is too large.", exception.Message),
        BadHttpRequestException b => BadBody(b),
        NotFoundException => Problem(404, "not-found", "Not found.", exception.Message),
        NotAcceptableException n => new ProblemDetails
        {
            Status = 406, Type = TypeBase + "not-acceptable", Title = "No acceptable representation.", Detail = n.Message, Extensions = { ["offered"] = n.Offered },
        },
        ConflictException => Problem(409, "conflict", "Changed by another writer.", exception.Message),
        PreconditionFailedException => Problem(412, "precondition-failed", "The figure has changed since you read it.", exception.Message),
        UnauthenticatedException => Problem(401, "unauthenticated", "A valid X-Api-Key is required.", exception.Message),
        ForbiddenException => Problem(403, "forbidden", "Outside this client's scopes.", exception.Message),
        RuleViolatedException { Errors: { } errors } => new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = 422, Type = TypeBase + "rule-violated", Title = "A rule forbids this.", Detail = exception.Message,
        },
        RuleViolatedException => Problem(422, "rule-violated", "A rule forbids this.", exception.Message),
        _ when StoreFailures.IsConflict(exception) => Problem(409, "conflict", "Changed by another writer.", "Another writer changed this at the same moment; nothing was stored. Read it again and retry."),
        UnsupportedMediaTypeException => Problem(415, "unsupported-media-type", "Unsupported media type.", exception.Message),
        _ when StoreFailures.IsUnavailable(exception) =>
            Problem(503, "unavailable", "The database is unavailable.", "The service cannot reach its database just now; nothing was stored. Retry after the interval given."),
        OperationCanceledException when context.RequestAborted.IsCancellationRequested => Problem(499, "cancelled", "Cancelled.", "The client went away."),
        _ => Problem(500, "internal", "Internal error.", "An unexpected error occurred; it has been logged with this trace id."),
    };

    // Malformed JSON (wrong types, bad syntax, invalid UTF-8) surfaces here from minimal API binding.
    private static ProblemDetails BadBody(BadHttpRequestException exception)
    {
        var json = exception.InnerException as JsonException;
        // Query and route values that do not bind ("Failed to bind parameter \"DateOnly? from\" from \"x\"") name the parameter.
        var parameter = System.Text.RegularExpressions.Regex.Match(exception.Message, "parameter \"[^\"]*?(\\w+)\" from");
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$', '.') : parameter.Success ? parameter.Groups[1].Value : "body";
        var message = json is RefusedTextException refused ? refused.Message
            : json?.Message.StartsWith("Duplicate", StringComparison.Ordinal) == true ? "appears twice in one object: send each field once."
            : json is not null
            ? $"is not valid JSON for this request{(json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "")}."
            : exception.Message;
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [message] })
        {
            Status = 400, Type = TypeBase + "validation", Title = "The request body could not be read.", Detail = $"{field}: {message}",
        };
    }
}
