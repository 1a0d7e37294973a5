using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KpiService.Api.OpenApi;

/// <summary>
/// What the document says once: who to ask, the licence, the server, what each tag is for, and the shared pieces
/// every operation refers to (problem schemas, problem responses, headers) so operations carry a $ref, not a copy.
/// </summary>
public sealed class DocumentConventions : IDocumentFilter
{
    /// <summary>One sentence per tag. A new tag without one is described by its feature area (and the convention test says so).</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Figures"] = "Submit, revise, withdraw and read monthly figures and whole returns (JSON or CSV); each figure has an ETag.",
        ["Ratings"] = "RAG ratings, scorecards and SPC charts of figures against the rule in force.",
        ["Breakdowns"] = "Figures and ratings by locality, team or category, and the dimensions an authority declares.",
        ["Peers"] = "Comparisons with statistical neighbours, region and England, league tables, and published-figure imports.",
        ["Dashboard"] = "Monthly performance dashboards and board packs (JSON, CSV, XLSX and printable HTML), and charts of a measure as SVG.",
        ["Targets"] = "Rating rules: targets with tolerances, band tables, benchmarks and trajectories, dated from a period.",
        ["Measures"] = "The national measure catalogue: units, polarity, decimal places, aggregation.",
        ["Reference data"] = "Authorities (GSS codes and LA numbers), regions, statistical neighbours and populations.",
        ["Comparator groups"] = "Named sets of authorities to compare with.",
        ["Catalogue"] = "An authority's own catalogue: local measures, local names, performance groups, status labels, reporting schedule.",
        ["Commentary"] = "Commentary and actions on a figure, with every revision.",
        ["Working days"] = "Working days between dates in England (bank holidays included).",
        ["Access"] = "Client systems and their API keys (register, rotate, revoke), client activity, and operator tasks.",
        ["Data sharing"] = "Agreements under which authorities see each other's in-year figures; without one, only aggregates.",
        ["Admin"] = "Operator tasks on the event log: the NDJSON export for audit and migration.",
        ["Health"] = "Liveness, readiness and projection progress, open without a key.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Info.Contact = new OpenApiContact
        {
            Name = "KpiService maintainers", Url = new Uri("https://kpi-service.example/support"), Email = "kpi-service@kpi-service.example",
        };
        document.Info.License = new OpenApiLicense
        {
            Name = "Open Government Licence v3.0", Url = new Uri("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "The host serving this document." }];

        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().Distinct().ToList();
        // In the order a vendor meets them: figures first, operator tasks last.
        var order = Tags.Keys.ToList();
        document.Tags = new HashSet<OpenApiTag>(used.OrderBy(t => order.IndexOf(t) is var i and >= 0 ? i : order.Count)
            .Select(t => new OpenApiTag { Name = t, Description = Tags.GetValueOrDefault(t, $"{t}: see each operation.") }));

        var components = document.Components ??= new OpenApiComponents();
        components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        components.Schemas[Problems.ProblemSchema] = ProblemSchema();
        components.Schemas[Problems.ValidationProblemSchema] = ValidationProblemSchema(document);
        components.Schemas.Remove("ProblemDetails");
        components.Schemas.Remove("HttpValidationProblemDetails");

        components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var (name, header) in Headers.All) components.Headers[name] = header;

        components.Responses ??= new Dictionary<string, IOpenApiResponse>();
        foreach (var status in Problems.All.Values)
        {
            var response = new OpenApiResponse
            {
                Description = status.Description,
                Headers = new Dictionary<string, IOpenApiHeader> { ["X-Correlation-Id"] = Headers.Ref("X-Correlation-Id", document) },
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchemaReference(status.Validation ? Problems.ValidationProblemSchema : Problems.ProblemSchema, document),
                        Example = ProblemExample(status),
                    },
                },
            };
            if (status.Code is 401) response.Headers["WWW-Authenticate"] = Headers.Ref("WWW-Authenticate", document);
            if (status.Code is 429 or 503) response.Headers["Retry-After"] = Headers.Ref("Retry-After", document);
            components.Responses[status.Component] = response;
        }
    }

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem: what went wrong, and the correlation id to quote when asking about it.",
        Required = new HashSet<string> { "type", "title", "status", "traceId" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI naming the kind of problem (https://kpi-service.example/problems/validation)."),
            ["title"] = Text("A short summary of the kind of problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
            ["detail"] = Text("What went wrong this time, in a sentence."),
            ["instance"] = Text("The request path."),
            ["traceId"] = Text("The W3C trace id of the request: the same as the X-Correlation-Id header (32 hex digits)."),
            ["errors"] = Errors("Where the problem concerns fields (400, and 422 when a rule names them): each field in error, with its messages."),
            ["offered"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String },
                Description = "On 406: the media types the read answers in (ask for one in Accept, or use ?format=).",
            },
        },
    };

    private static OpenApiSchema Errors(string description) => new()
    {
        Type = JsonSchemaType.Object, Description = description,
        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
    };

    private static OpenApiSchema ValidationProblemSchema(OpenApiDocument document) => new()
    {
        Description = "A problem naming every field in error: JSON paths (figures[3].numerator), CSV rows (row 4.numerator), parameters or headers.",
        AllOf =
        [
            new OpenApiSchemaReference(Problems.ProblemSchema, document),
            new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "errors" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["errors"] = Errors("Each field in error, with its messages."),
                },
            },
        ],
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    /// <summary>An example problem per status, from Examples/Problem.{status}.json (real answers of the service, trimmed).</summary>
    private static JsonNode? ProblemExample(Problems.Status status) => Examples.Find($"Problem.{status.Code}", "application/problem+json");
}
