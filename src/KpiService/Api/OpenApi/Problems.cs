namespace KpiService.Api.OpenApi;

/// <summary>
/// Every problem status the service answers, once: the shared response component each operation refers to, with the
/// headers that status carries. The sentences are what a vendor's developer reads next to the status in Swagger UI.
/// </summary>
public static class Problems
{
    public sealed record Status(int Code, string Component, string Description, bool Validation = false);

    public static readonly IReadOnlyDictionary<int, Status> All = new Status[]
    {
        new(400, "BadRequest", "The request is invalid: `errors` names every field (or CSV row) in error, and nothing was stored.", Validation: true),
        new(401, "Unauthorized", "No X-Api-Key, or a key this service did not issue. WWW-Authenticate says how to authenticate."),
        new(403, "Forbidden", "The key's scopes do not cover this use case for this authority; nothing was stored."),
        new(404, "NotFound", "No such authority, measure, figure or other resource as the path names."),
        new(406, "NotAcceptable", "Nothing in Accept is a representation this read offers: `offered` lists them (or use ?format=json|csv|xlsx|html)."),
        new(409, "Conflict", "Another writer changed it at the same moment; nothing was stored. Read it again and retry (with If-Match to be sure)."),
        new(412, "PreconditionFailed", "If-Match no longer matches the current ETag (or If-None-Match: * found it already there); nothing was stored."),
        new(413, "PayloadTooLarge", "The body is larger than this operation accepts (1 MB; returns and imports: Limits:MaxRequestBodyBytes, 16 MB by default)."),
        new(415, "UnsupportedMediaType", "The body's Content-Type is not one this operation reads (see its request body)."),
        new(422, "UnprocessableContent", "Well formed, but a rule forbids it (a unit change under stored figures, a band table with a gap, an Idempotency-Key reused for a different body): `errors`, where present, names each rule broken; nothing was stored."),
        new(429, "TooManyRequests", "The key's rate limit is spent: retry after Retry-After seconds."),
        new(503, "ServiceUnavailable", "The database cannot be reached just now; nothing was stored. Retry after Retry-After seconds."),
    }.ToDictionary(s => s.Code);

    public const string ProblemSchema = "Problem";
    public const string ValidationProblemSchema = "ValidationProblem";
}
