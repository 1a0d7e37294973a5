using KpiService.Common;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KpiService.Api.OpenApi;

/// <summary>
/// Every status an operation can answer, from what it is: every /api call can be refused by the key (401, 403), the
/// rate limit (429) or an unreachable database (503); anything with parameters or a body can be invalid (400); a body
/// can be too large (413) or of a type not read (415); a path names things that may not exist (404); a write can
/// meet a concurrent writer (409); a use case that reads If-Match can fail it (412); one that reads an Idempotency-Key
/// refuses it reused (422). Endpoint metadata adds the rest (<c>.ProducesProblem(422)</c>). Problems are $refs to the
/// shared responses. Every answer carries X-Correlation-Id, every 201 a Location, and ETag is declared where the
/// endpoint writes one (its answer has an ETag, or it says <see cref="ResponseDeclarations.WritesETag"/>); a 304 carries
/// both, and no body; a header only one endpoint writes is declared by it (<see cref="ResponseDeclarations.WritesHeader"/>).
/// </summary>
public sealed class ResponseConventions : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var api = context.ApiDescription;
        var useCase = UseCase.Of(api);
        var metadata = api.ActionDescriptor.EndpointMetadata;
        var responses = operation.Responses ??= new OpenApiResponses();

        var statuses = new SortedSet<int>();
        if (api.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true) statuses.UnionWith([401, 403, 429, 503]);
        var hasBody = operation.RequestBody is not null;
        if (hasBody || (operation.Parameters?.Count ?? 0) > 0) statuses.Add(400);
        if (hasBody) statuses.UnionWith([413, 415]);
        var write = api.HttpMethod is "PUT" or "POST" or "DELETE" or "PATCH";
        // A path names things (an authority, a measure) that may not exist. Most writes answer 404 for them too; a few
        // list an unknown name among their 400 problems instead, and documenting 404 there as well costs a client nothing.
        if (api.ParameterDescriptions.Any(p => p.Source.Id == "Path")) statuses.Add(404);
        if (write) statuses.Add(409);
        if (useCase.ReadsPreconditions) statuses.Add(412);
        if (useCase.ReadsIdempotencyKey) statuses.Add(422);
        statuses.UnionWith(metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).Where(s => s >= 400));
        foreach (var status in statuses)
            responses[Code(status)] = Problems.All.TryGetValue(status, out var problem)
                ? new OpenApiResponseReference(problem.Component, context.Document)
                : throw new InvalidOperationException($"{useCase.Name} answers {status}, which Problems.All does not describe.");

        // Statuses in numeric order, as a reader scans them.
        var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        responses.Clear();
        foreach (var (key, value) in sorted) responses[key] = value;

        var writesETag = ContractMetadata.WritesETagOn(metadata, api, useCase);
        var ownHeaders = metadata.OfType<ResponseHeaderMetadata>().Select(h => h.Name).Distinct().ToList();
        if (ownHeaders.FirstOrDefault(h => !Headers.All.ContainsKey(h)) is { } undescribed)
            throw new InvalidOperationException($"{useCase.Name} writes {undescribed}, which Headers.All does not describe.");
        foreach (var (key, response) in responses.Where(r => r.Key.StartsWith('2') && r.Value is OpenApiResponse).Select(r => (r.Key, (OpenApiResponse)r.Value)))
        {
            var status = int.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[Headers.CorrelationId] = Headers.Ref(Headers.CorrelationId, context.Document);
            if (status == 201)
            {
                response.Headers["Location"] = Headers.Ref("Location", context.Document);
                response.Description = "Created: Location says where to read it.";
            }
            if (writesETag(status)) response.Headers["ETag"] = Headers.Ref("ETag", context.Document);
            foreach (var name in ownHeaders) response.Headers[name] = Headers.Ref(name, context.Document);
            if (status == 200 && response.Description == "OK" && write) response.Description = "Done: the resource as it now stands.";
            // Only JSON and the exported formats: Swashbuckle's text/plain and text/json mirrors of JSON are not answers the service gives.
            foreach (var mediaType in (response.Content?.Keys ?? []).Where(m => m is "text/plain" or "text/json").ToList()) response.Content!.Remove(mediaType);
            foreach (var (mediaType, content) in response.Content ?? new Dictionary<string, IOpenApiMediaType>())
                // .Produces(200, typeof(T), "application/json", "text/csv") gives every type T's JSON schema, and .Produces<string>(200,
                // "image/svg+xml") a bare string: the others are text or files, described as what they are.
                if (!IsJson(mediaType) && content is OpenApiMediaType media)
                    media.Schema = OperationConventions.TextBody(mediaType);
        }

        // A conditional read (.Produces(304)): no body, and the correlation id and the ETag still current, as on its 200.
        if (responses.TryGetValue("304", out var notModified) && notModified is OpenApiResponse unchanged)
        {
            unchanged.Description = "Not modified: the ETag sent in If-None-Match is still current. No body: use the copy you hold.";
            unchanged.Content = null;
            unchanged.Headers = new Dictionary<string, IOpenApiHeader>
            {
                [Headers.CorrelationId] = Headers.Ref(Headers.CorrelationId, context.Document),
                ["ETag"] = Headers.Ref("ETag", context.Document),
            };
        }
    }

    /// <summary>A JSON body (application/json, application/problem+json); NDJSON is a stream of lines, text to a client.</summary>
    public static bool IsJson(string mediaType) => mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    public static string Code(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
