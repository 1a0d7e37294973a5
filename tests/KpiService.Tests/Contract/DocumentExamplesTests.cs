using Xunit.Abstractions;

namespace KpiService.Tests.Contract;

/// <summary>
/// Every operation called with the document's own examples on a fresh service (tests/contract/run-examples.py): the
/// request examples are accepted (Swagger UI's default bodies are real figures), and every answer is what the
/// document says: a documented status and media type, X-Correlation-Id, the ETag and Location it declares (and a
/// Location that reads back), 401 with WWW-Authenticate without a key, a documented problem for an unknown authority.
/// </summary>
public sealed class DocumentExamplesTests(KestrelServiceFixture service, ITestOutputHelper output) : IClassFixture<KestrelServiceFixture>
{
    [Fact]
    public async Task EveryOperation_AnswersItsOwnExamples_AsTheDocumentSays()
    {
        var outcome = await ContractTools.RunAsync("/usr/bin/python3",
            [Path.Combine(ContractTools.Harness, "run-examples.py"), service.RestUrl, KestrelServiceFixture.AdminKey]);
        output.WriteLine(outcome.Output);

        outcome.Output.ShouldNotContain("FAILED");
        outcome.Output.ShouldMatch(@"examples: \d{2} operations called, 0 failures");
        outcome.ExitCode.ShouldBe(0);
    }
}
