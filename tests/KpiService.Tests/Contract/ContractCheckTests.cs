using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace KpiService.Tests.Contract;

/// <summary>
/// The served OpenAPI document held to account the way a vendor would (issue 19): Redocly CLI and Spectral with the
/// checked-in rulesets (tests/contract/redocly.yaml, .spectral.yaml) report nothing, openapi-typescript turns it into
/// types, tsc type-checks the vendor's script (submit a return, submit a figure with If-Match, read the rating) against
/// them, and the script runs against this service. A breaking change to a type the vendor reads fails the type-check.
/// </summary>
public sealed class ContractCheckTests(KestrelServiceFixture service, ITestOutputHelper output) : IClassFixture<KestrelServiceFixture>
{
    [Fact]
    public async Task ServedDocument_PassesBothLintersAndTheVendorsGeneratedClient_WhichRunsAgainstTheService()
    {
        ContractTools.RequireInstalled();
        using var admin = new HttpClient { BaseAddress = new Uri(service.RestUrl) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", KestrelServiceFixture.AdminKey);
        var key = await ContractTools.VendorKeyAsync(admin);
        await ServedDocumentAsync(); // a 500 here names the server's error, which check.sh's curl cannot
        using var reports = new TempDirectory();

        var outcome = await ContractTools.RunAsync("bash", [Path.Combine(ContractTools.Harness, "check.sh"), "--run", $"{service.RestUrl}/swagger/v1/swagger.json"],
            new Dictionary<string, string> { ["BASE_URL"] = service.RestUrl, ["API_KEY"] = key, ["CONTRACT_REPORTS"] = reports.Path });
        output.WriteLine(outcome.Output);

        outcome.Output.ShouldContain("Redocly CLI 2.77.0                       ok    0 errors, 0 warnings");
        outcome.Output.ShouldContain("Spectral 6.16.3                          ok    0 errors, 0 warnings");
        outcome.Output.ShouldContain("type-checks against the generated types");
        outcome.Output.ShouldMatch(@"vendor flow\s+ok\s+\d+ passed, 0 failed");
        outcome.ExitCode.ShouldBe(0, "CONTRACT CHECK FAILED: see the output above");
    }

    [Fact]
    public async Task RenamingARatingFieldTheVendorReads_FailsTheTypeCheck()
    {
        ContractTools.RequireInstalled();
        var document = JsonNode.Parse(await ServedDocumentAsync())!;
        var rating = document["components"]!["schemas"]!["RatingResponse"]!.AsObject();
        var properties = rating["properties"]!.AsObject();
        properties["ragStatus"] = properties["status"]!.DeepClone();
        properties.Remove("status");
        var required = rating["required"]!.AsArray();
        required.Remove(required.First(r => (string?)r == "status"));
        required.Add("ragStatus");
        using var work = new TempDirectory();
        var file = Path.Combine(work.Path, "renamed.json");
        await File.WriteAllTextAsync(file, document.ToJsonString());

        var outcome = await ContractTools.RunAsync("bash", [Path.Combine(ContractTools.Harness, "check.sh"), file],
            new Dictionary<string, string> { ["CONTRACT_REPORTS"] = Path.Combine(work.Path, "reports") });
        output.WriteLine(outcome.Output);

        outcome.ExitCode.ShouldBe(1);
        outcome.Output.ShouldMatch(@"tsc client/\*\.ts\s+FAIL");
        outcome.Output.ShouldContain("Property 'status' does not exist");
    }

    private async Task<string> ServedDocumentAsync()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync($"{service.RestUrl}/swagger/v1/swagger.json");
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"swagger.json answered {(int)response.StatusCode}: {body}\nThe server logged:\n{string.Join("\n", service.Errors.Lines)}");
        return body;
    }
}

/// <summary>A directory that is gone when the test is.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kpi-contract-{Guid.NewGuid():N}")).FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
