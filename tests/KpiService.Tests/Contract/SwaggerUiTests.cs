using System.Text.Json;
using Xunit.Abstractions;

namespace KpiService.Tests.Contract;

/// <summary>
/// What a vendor's developer sees in Swagger UI (headless Chromium, tests/contract/swagger-ui.mjs): the submit-figure
/// operation opened by its deep link shows its operationId, a description with the scope it needs, a description for
/// each parameter, and Gloucestershire's 104 of 125 as the request body — not the 0/0 Swagger UI invents without one.
/// </summary>
public sealed class SwaggerUiTests(KestrelServiceFixture service, ITestOutputHelper output) : IClassFixture<KestrelServiceFixture>
{
    [Fact]
    public async Task SubmitFigure_InSwaggerUi_ShowsItsDescriptionAndTheSeedExample()
    {
        var outcome = await ContractTools.RunAsync("node", [Path.Combine(ContractTools.Harness, "swagger-ui.mjs"), service.RestUrl, "Figures/SubmitFigure"],
            timeout: TimeSpan.FromMinutes(2));
        output.WriteLine(outcome.Output);
        outcome.ExitCode.ShouldBe(0);

        var seen = JsonDocument.Parse(outcome.Output.Trim().Split('\n')[^1]).RootElement;
        seen.GetProperty("operationId").GetString().ShouldBe("SubmitFigure");
        seen.GetProperty("summary").GetString().ShouldBe("Submit or revise one figure");
        seen.GetProperty("description").GetString()!.ShouldContain("Needs the submit scope for the authority.");
        var example = JsonDocument.Parse(seen.GetProperty("example").GetString()!).RootElement;
        (example.GetProperty("numerator").GetInt32(), example.GetProperty("denominator").GetInt32()).ShouldBe((104, 125));
        seen.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()).ShouldBe(["authority", "measure", "period", "breakdown", "If-Match", "If-None-Match"]);
    }
}
