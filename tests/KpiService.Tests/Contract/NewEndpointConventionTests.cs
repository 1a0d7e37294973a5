using System.Text.Json;
using KpiService.Api.Rest;
using KpiService.Common;
using KpiService.Features.Access;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;

namespace KpiService.Tests.Contract;

/// <summary>
/// A use case written the house way and nothing else (below: no operationId, no statuses, no headers declared) is
/// documented by the conventions alone, as another helper's new endpoint would be: its name becomes the operationId,
/// its request's Preconditions become If-Match / If-None-Match and a 412, its scope is in the description, every
/// problem status is there, and its answer's ETag is declared.
/// </summary>
public sealed class NewEndpointConventionTests
{
    public static class CompareLocalities
    {
        public sealed record Command(string Authority, Body Body, Preconditions Preconditions) : IRequest<Answer>, IAuthorized
        {
            public string RequiredScope => Scopes.Targets;
            public string? AuthorityCode => Authority;
        }

        public sealed record Body(string? Dimension);

        /// <param name="Note">Left out when there is nothing to say.</param>
        public sealed record Answer(string Authority, int Localities, string? Note, string ETag);

        public static void Map(IEndpointRouteBuilder api) =>
            api.MapPut("/api/v1/authorities/{authority}/locality-comparisons", (string authority, Body body) => new Answer(authority, 6, null, "\"1\""))
                .WithTags("Breakdowns").WithSummary("Compare localities: each against the authority's total.");
    }

    /// <summary>An export in several formats, the way a dashboard endpoint declares them.</summary>
    public static class GetLocalityBoard
    {
        public sealed record Query(string Authority) : IRequest<CompareLocalities.Answer>, IAuthorized
        {
            public string RequiredScope => Scopes.Read;
            public string? AuthorityCode => Authority;
        }

        public static void Map(IEndpointRouteBuilder api) =>
            api.MapGet("/api/v1/authorities/{authority}/locality-board", (string authority) => Results.Ok())
                .Produces<CompareLocalities.Answer>(200, "application/json", "text/csv", Spreadsheet)
                .WithTags("Breakdowns").WithSummary("The localities as a board: JSON, CSV or a workbook.");
    }

    private const string Spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task AUseCaseMappedTheHouseWay_IsDocumentedByTheConventionsAlone()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddRestApiDocumentation();
        await using var app = builder.Build();
        CompareLocalities.Map(app);
        GetLocalityBoard.Map(app);
        app.UseRestApiDocumentation();
        await app.StartAsync();

        var document = JsonDocument.Parse(await app.GetTestClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var operation = document.GetProperty("paths").GetProperty("/api/v1/authorities/{authority}/locality-comparisons").GetProperty("put");

        operation.GetProperty("operationId").GetString().ShouldBe("CompareLocalities");
        operation.GetProperty("summary").GetString().ShouldBe("Compare localities");
        operation.GetProperty("description").GetString().ShouldBe("Compare localities: each against the authority's total.\n\nNeeds the `targets` scope for the authority.");
        var parameters = operation.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        parameters.Keys.ShouldBe(["authority", "If-Match", "If-None-Match"], ignoreOrder: true);
        parameters.Values.ShouldAllBe(p => p.GetProperty("description").GetString()!.Length > 20);
        operation.GetProperty("responses").EnumerateObject().Select(r => r.Name)
            .ShouldBe(["200", "400", "401", "403", "404", "409", "412", "413", "415", "429", "503"]);
        var ok = operation.GetProperty("responses").GetProperty("200");
        ok.GetProperty("headers").EnumerateObject().Select(h => h.Name).ShouldBe(["X-Correlation-Id", "ETag"], ignoreOrder: true);
        var answer = document.GetProperty("components").GetProperty("schemas").GetProperty("Answer");
        answer.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ShouldBe(["authority", "localities", "eTag"], ignoreOrder: true);

        // Every format the board is served in, each described as what it is: CSV as text, the workbook as a file.
        var board = document.GetProperty("paths").GetProperty("/api/v1/authorities/{authority}/locality-board").GetProperty("get");
        board.GetProperty("operationId").GetString().ShouldBe("GetLocalityBoard");
        var formats = board.GetProperty("responses").GetProperty("200").GetProperty("content");
        formats.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString().ShouldBe("#/components/schemas/Answer");
        formats.GetProperty("text/csv").GetProperty("schema").GetProperty("type").GetString().ShouldBe("string");
        formats.GetProperty(Spreadsheet).GetProperty("schema").GetProperty("format").GetString().ShouldBe("binary");
        board.GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
    }
}
