using System.Text.Json;
using System.Text.RegularExpressions;

namespace KpiService.Tests.Contract;

/// <summary>
/// The conventions in Api/OpenApi hold for every operation the service maps, including ones added after these tests
/// were written: each has a PascalCase operationId, a summary and a description, a description on every parameter, an
/// example on every request and success body (never Swagger UI's zeros or "string"), every problem status it can
/// answer, X-Correlation-Id on every success and Location on every 201. A new endpoint that slips past the
/// conventions fails here, naming itself and what it lacks.
/// </summary>
public sealed partial class OpenApiConventionTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private async Task<JsonElement> DocumentAsync() => await (await service.Factory.CreateClient().GetAsync("/swagger/v1/swagger.json")).Json();

    private static IEnumerable<(string Where, string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Name, path.Name, op.Value)));

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    [Fact]
    public async Task EveryOperation_HasAUniquePascalCaseOperationId_ASummary_ADescription_AndDescribedParameters()
    {
        var document = await DocumentAsync();
        var problems = new List<string>();
        var ids = new Dictionary<string, string>();
        foreach (var (where, _, _, operation) in Operations(document))
        {
            var id = Text(operation, "operationId");
            if (id is null || !PascalCase().IsMatch(id)) problems.Add($"{where}: operationId '{id}' is not a PascalCase use-case name");
            else if (!ids.TryAdd(id, where)) problems.Add($"{where}: operationId {id} is also {ids[id]}'s");
            if (string.IsNullOrWhiteSpace(Text(operation, "summary"))) problems.Add($"{where}: no summary");
            if (string.IsNullOrWhiteSpace(Text(operation, "description"))) problems.Add($"{where}: no description");
            if (operation.TryGetProperty("parameters", out var parameters))
                foreach (var parameter in parameters.EnumerateArray())
                    if (string.IsNullOrWhiteSpace(Text(parameter, "description")))
                        problems.Add($"{where}: parameter {Text(parameter, "name")} has no description (add it to ParameterDescriptions, or [Description] on the endpoint's parameter)");
        }
        foreach (var tag in document.GetProperty("tags").EnumerateArray())
            if (Text(tag, "description")!.EndsWith("see each operation.", StringComparison.Ordinal))
                problems.Add($"tag {Text(tag, "name")} has no description of its own (DocumentConventions.Tags)");
        ids.Count.ShouldBeGreaterThan(40);
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryRequestAndSuccessBody_HasARealExample_NeverZerosOrPlaceholders()
    {
        var document = await DocumentAsync();
        var problems = new List<string>();
        foreach (var (where, _, _, operation) in Operations(document))
        {
            if (operation.TryGetProperty("requestBody", out var body))
                foreach (var media in body.GetProperty("content").EnumerateObject())
                {
                    if (!media.Value.TryGetProperty("example", out var example)) problems.Add($"{where}: the {media.Name} request body has no example");
                    else problems.AddRange(Placeholders(example, $"{where} request example"));
                }
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')))
                if (response.Value.TryGetProperty("content", out var content))
                    // A binary file (a spreadsheet) has nothing to show inline; Swagger UI offers the download.
                    foreach (var media in content.EnumerateObject().Where(m => !m.Value.TryGetProperty("example", out _) && !IsBinary(m.Value)))
                        problems.Add($"{where}: the {response.Name} {media.Name} answer has no example");
        }
        problems.ShouldBeEmpty();
    }

    private static bool IsBinary(JsonElement media) =>
        media.TryGetProperty("schema", out var schema) && schema.TryGetProperty("format", out var format) && format.GetString() == "binary";

    /// <summary>What Swagger UI invents without an example: 0 for numbers (0/0 would be accepted as a figure) and "string".</summary>
    private static IEnumerable<string> Placeholders(JsonElement example, string where)
    {
        if (example.ValueKind == JsonValueKind.Object)
        {
            if (example.TryGetProperty("numerator", out var n) && example.TryGetProperty("denominator", out var d) && n.ValueKind == JsonValueKind.Number
                && d.ValueKind == JsonValueKind.Number && d.GetDouble() == 0)
                yield return $"{where}: numerator {n} of denominator 0";
            foreach (var property in example.EnumerateObject())
                foreach (var found in Placeholders(property.Value, $"{where}.{property.Name}")) yield return found;
        }
        else if (example.ValueKind == JsonValueKind.Array)
        {
            foreach (var (item, i) in example.EnumerateArray().Select((item, i) => (item, i)))
                foreach (var found in Placeholders(item, $"{where}[{i}]")) yield return found;
        }
        else if (example.ValueKind == JsonValueKind.String && example.GetString() == "string")
            yield return $"{where}: the placeholder \"string\"";
    }

    [Fact]
    public async Task EveryOperation_DocumentsEveryProblemItCanAnswer_AndTheHeadersOfItsAnswers()
    {
        var document = await DocumentAsync();
        var problems = new List<string>();
        foreach (var (where, method, path, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            var statuses = responses.EnumerateObject().Select(r => r.Name).ToHashSet();
            var expected = new List<string> { "401", "403", "429", "503" };
            if (operation.TryGetProperty("requestBody", out _)) expected.AddRange(["400", "413", "415"]);
            if (path.Contains('{')) expected.Add("404");
            if (method is "put" or "post" or "delete") expected.Add("409");
            if (operation.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(p => Text(p, "name") == "If-Match")) expected.Add("412");
            problems.AddRange(expected.Except(statuses).Select(s => $"{where}: does not document {s}"));
            if (!statuses.Any(s => s.StartsWith('2'))) problems.Add($"{where}: documents no success answer");
            foreach (var response in responses.EnumerateObject())
            {
                if (response.Name[0] is '4' or '5')
                {
                    if (!Text(response.Value, "$ref")!.StartsWith("#/components/responses/", StringComparison.Ordinal))
                        problems.Add($"{where}: {response.Name} is not one of the shared problem responses");
                    continue;
                }
                var headers = response.Value.TryGetProperty("headers", out var h) ? h.EnumerateObject().Select(x => x.Name).ToHashSet() : [];
                if (!headers.Contains("X-Correlation-Id")) problems.Add($"{where}: {response.Name} does not declare X-Correlation-Id");
                if (response.Name == "201" && !headers.Contains("Location")) problems.Add($"{where}: 201 does not declare Location");
            }
        }
        var shared = document.GetProperty("components").GetProperty("responses");
        shared.GetProperty("Unauthorized").GetProperty("headers").TryGetProperty("WWW-Authenticate", out _).ShouldBeTrue();
        shared.GetProperty("TooManyRequests").GetProperty("headers").TryGetProperty("Retry-After", out _).ShouldBeTrue();
        shared.GetProperty("ServiceUnavailable").GetProperty("headers").TryGetProperty("Retry-After", out _).ShouldBeTrue();
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryExampleFile_IsUsed_AndEverySchemaHasAName()
    {
        var document = await DocumentAsync();
        var operationIds = Operations(document).Select(o => Text(o.Operation, "operationId")!).ToHashSet();
        var schemas = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToList();
        var orphans = Api.OpenApi.Examples.Names()
            .Where(file => file.Split('.')[0] is var owner && owner != "Problem" && !operationIds.Contains(owner) && !schemas.Contains(owner)).ToList();
        orphans.ShouldBeEmpty("example files named after no operation or schema (renamed use case?)");
        schemas.Where(s => !PascalCase().IsMatch(s)).ShouldBeEmpty();
        (await service.Factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).ShouldNotContain("AnonymousType");
    }

    [GeneratedRegex("^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$")]
    private static partial Regex PascalCase();
}
