using System.Net.Http.Json;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Tests.Grpc;

/// <summary>
/// REST's authorization matrix over gRPC: every kpi.v1 method × every scope × in and out of the client's authorities.
/// PERMISSION_DENIED exactly where REST answers 403, and nothing stored then.
/// </summary>
public sealed class AuthorizationMatrixTests(ServiceFixture service, ITestOutputHelper output) : IClassFixture<ServiceFixture>
{
    private sealed record Method(string Name, Func<KpiGrpcClient, Task> Call, string Scope, bool AuthorityBound);

    private static Method M<T>(string name, IMessage request, string scope, bool authorityBound) where T : class, IMessage<T>, new() =>
        new(name, client => client.Call<T>(name, request, timeout: TimeSpan.FromSeconds(30)), scope, authorityBound);

    // Gloucestershire (916) is the authority every method acts on; clients are bound to it or to Darlington (841).
    private static readonly Method[] Methods =
    [
        M<V1.AuthorityList>("ReferenceData/ListAuthorities", new V1.ListAuthoritiesRequest(), "read", false),
        M<V1.GetAuthorityResponse>("ReferenceData/GetAuthority", new V1.GetAuthorityRequest { Authority = "916" }, "read", false),
        M<V1.GetNeighboursResponse>("ReferenceData/GetNeighbours", new V1.GetNeighboursRequest { Authority = "916" }, "read", false),
        M<V1.SetPopulationResponse>("ReferenceData/SetPopulation", new V1.SetPopulationRequest { Authority = "916", Year = 2021, Aged0To17 = 131_000 }, "admin", false),
        M<V1.DeclareDimensionResponse>("ReferenceData/DeclareDimension", new V1.DeclareDimensionRequest { Authority = "916", Dimension = "team", Values = { "Assessment", "Permanence" } }, "targets", true),
        M<V1.MeasureList>("ReferenceData/ListMeasures", new V1.ListMeasuresRequest(), "read", false),
        M<V1.GetMeasureResponse>("ReferenceData/GetMeasure", new V1.GetMeasureRequest { Measure = "re-referrals" }, "read", false),
        M<V1.DefineMeasureResponse>("ReferenceData/DefineMeasure", new V1.DefineMeasureRequest { Measure = "matrix-measure",
            Definition = new V1.MeasureDefinition { Title = "Matrix", Area = "Test", Unit = "count", Polarity = "neutral", DecimalPlaces = 0, Aggregation = "flow" } }, "admin", false),
        // The group is kept by Gloucestershire: only targets over 916 may change it.
        M<V1.SaveComparatorGroupResponse>("ReferenceData/SaveComparatorGroup", new V1.SaveComparatorGroupRequest { Id = "matrix-group", Name = "Matrix", Members = { "916", "841" } }, "targets", true),
        M<V1.GetComparatorGroupResponse>("ReferenceData/GetComparatorGroup", new V1.GetComparatorGroupRequest { Id = "matrix-group" }, "read", false),
        M<V1.SetTargetResponse>("Targets/SetTarget", new V1.SetTargetRequest { Authority = "916", Measure = "re-referrals", FromPeriod = "2021-04", Rule = new V1.RuleDefinition { Target = 22.5, Tolerance = 2.5 } }, "targets", true),
        M<V1.GetTargetsResponse>("Targets/GetTargets", new V1.GetTargetsRequest { Authority = "916", Measure = "re-referrals" }, "read", true),
        M<V1.RegisterClientResponse>("Administration/RegisterClient", new V1.RegisterClientRequest { Name = "matrix", Scopes = { "read" }, Authorities = { "916" } }, "admin", false),
        M<V1.GetActivityResponse>("Administration/GetActivity", new V1.GetActivityRequest(), "admin", false),
        M<V1.ListClientsResponse>("Administration/ListClients", new V1.ListClientsRequest(), "admin", false),
        M<V1.SaveDataSharingAgreementResponse>("Administration/SaveDataSharingAgreement", new V1.SaveDataSharingAgreementRequest { Id = "matrix-club", Name = "Matrix club", Members = { "916", "841" } }, "admin", false),
        M<V1.ListDataSharingAgreementsResponse>("Administration/ListDataSharingAgreements", new V1.ListDataSharingAgreementsRequest(), "read", false),
        M<V1.GetDataSharingAgreementResponse>("Administration/GetDataSharingAgreement", new V1.GetDataSharingAgreementRequest { Id = "matrix-club" }, "read", false),
        M<V1.SubmitFigureResponse>("Figures/SubmitFigure", new V1.SubmitFigureRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09", Numerator = 207, Denominator = 967 }, "submit", true),
        M<V1.SubmitReturnResponse>("Figures/SubmitReturn", new V1.SubmitReturnRequest { Authority = "916", Figures = { new V1.ReturnFigure { Measure = "referrals", Period = "2021-09", Value = 967 } } }, "submit", true),
        M<V1.Figure>("Figures/WithdrawFigure", new V1.WithdrawFigureRequest { Authority = "916", Measure = "contacts", Period = "2021-09" }, "submit", true),
        M<V1.FigureSeries>("Figures/GetFigures", new V1.GetFiguresRequest { Authority = "916", Measure = "re-referrals" }, "read", true),
        M<V1.FigureHistory>("Figures/GetFigureHistory", new V1.GetFigureHistoryRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09" }, "read", true),
        M<V1.GetFigureResponse>("Figures/GetFigure", new V1.GetFigureRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09" }, "read", true),
        M<V1.Rating>("Ratings/GetRating", new V1.GetRatingRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09" }, "read", true),
        M<V1.GetSpcResponse>("Ratings/GetSpc", new V1.GetSpcRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09" }, "read", true),
        M<V1.Scorecard>("Ratings/GetScorecard", new V1.GetScorecardRequest { Authority = "916", Period = "2021-09" }, "read", true),
        M<V1.GetBreakdownRatingsResponse>("Ratings/GetBreakdownRatings", new V1.GetBreakdownRatingsRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09", Dimension = "team" }, "read", true),
        new("Ratings/WatchRatings", async client =>
        {
            // A refusal ends the stream at once; an allowed watch runs until its deadline.
            using var watch = client.Stream<V1.RatingUpdate>("Ratings/WatchRatings", new V1.WatchRatingsRequest { Authorities = { "916" } }, timeout: TimeSpan.FromSeconds(1));
            try { while (await watch.ResponseStream.MoveNext()) { } }
            catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded) { }
        }, "read", true),
        M<V1.Comparison>("Peers/GetComparison", new V1.GetComparisonRequest { Measure = "re-referrals", Period = "2023-24", Authority = "916" }, "read", true),
        M<V1.League>("Peers/GetLeague", new V1.GetLeagueRequest { Measure = "re-referrals", Period = "2023-24" }, "read", false),
        M<V1.ImportBenchmarksResponse>("Peers/ImportBenchmarks", new V1.ImportBenchmarksRequest { Csv = ByteString.CopyFromUtf8("measure,period,level,code,value\nre-referrals,2024-25,authority,916,19.5\n") }, "admin", false),
        M<V1.ListBenchmarksResponse>("Peers/ListBenchmarks", new V1.ListBenchmarksRequest { Source = "LAIT", Measure = "re-referrals" }, "read", false),
        // What ImportBenchmarks stored (source "import"): the admin withdraws it, nobody else may.
        M<V1.WithdrawBenchmarksResponse>("Peers/WithdrawBenchmarks", new V1.WithdrawBenchmarksRequest { Source = "import", Measure = "re-referrals", Reason = "matrix" }, "admin", false),
        // A council's own catalogue: its catalogue scope, for its own authority only.
        M<V1.DefineLocalMeasureResponse>("Catalogue/DefineLocalMeasure", new V1.DefineLocalMeasureRequest { Authority = "916", Measure = "matrix-local",
            Definition = new V1.MeasureDefinition { Title = "Matrix local", Area = "Test", Unit = "count", Polarity = "neutral", DecimalPlaces = 0, Aggregation = "flow" } }, "catalogue", true),
        M<V1.SetLocalNameResponse>("Catalogue/SetLocalName", new V1.SetLocalNameRequest { Authority = "916", Measure = "re-referrals", Code = "M 1" }, "catalogue", true),
        M<V1.SetPerformanceGroupsResponse>("Catalogue/SetPerformanceGroups", new V1.SetPerformanceGroupsRequest { Authority = "916", Measure = "re-referrals",
            Bands = { new V1.PerformanceGroup { Group = 1, From = 20 }, new V1.PerformanceGroup { Group = 2 } } }, "catalogue", true),
        M<V1.SetLabelSchemeResponse>("Catalogue/SetLabelScheme", new V1.SetLabelSchemeRequest { Authority = "916", Labels = { ["amber"] = new V1.StatusLabel { Name = "Yellow" } } }, "catalogue", true),
        M<V1.SetScheduleResponse>("Catalogue/SetSchedule", new V1.SetScheduleRequest { Authority = "916",
            Entries = { new V1.ScheduleEntry { Measure = "re-referrals", Frequency = "monthly", DueWorkingDay = 10 } } }, "catalogue", true),
        M<V1.MarkPeriodsResponse>("Catalogue/MarkPeriods", new V1.MarkPeriodsRequest { Authority = "916", Measure = "re-referrals", From = "2021-09", Kind = "notApplicable", Reason = "matrix" }, "catalogue", true),
        M<V1.GetAuthorityCatalogueResponse>("Catalogue/GetAuthorityCatalogue", new V1.GetAuthorityCatalogueRequest { Authority = "916" }, "read", true),
        M<V1.ListAuthorityMeasuresResponse>("Catalogue/ListAuthorityMeasures", new V1.ListAuthorityMeasuresRequest { Authority = "916" }, "read", true),
        M<V1.GetScheduleResponse>("Catalogue/GetSchedule", new V1.GetScheduleRequest { Authority = "916" }, "read", true),
        M<V1.GetOverdueResponse>("Catalogue/GetOverdue", new V1.GetOverdueRequest(), "admin", false),
        M<V1.WriteCommentaryResponse>("Catalogue/WriteCommentary", new V1.WriteCommentaryRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09", Text = "Matrix commentary" }, "submit", true),
        M<V1.GetCommentaryResponse>("Catalogue/GetCommentary", new V1.GetCommentaryRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09" }, "read", true),
        M<V1.WithdrawCommentaryResponse>("Catalogue/WithdrawCommentary", new V1.WithdrawCommentaryRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09" }, "submit", true),
        // Last: a rebuild swaps the read models in, which the other methods read.
        M<V1.RebuildProjectionsResponse>("Administration/RebuildProjections", new V1.RebuildProjectionsRequest(), "admin", false),
    ];

    [Fact]
    public async Task EveryMethodScopeAndAuthority_IsAllowedOrDeniedAsOnRest()
    {
        // Figures for the reads and the withdrawal to find.
        (await service.Admin.Put("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 200, denominator = 967 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/contacts/figures/2021-09", new { value = 2900 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/comparator-groups/matrix-group", new { name = "Matrix", members = new[] { "916" }, owner = "916" })).EnsureSuccessStatusCode();

        var clients = new List<(string Name, string Scope, bool Gloucestershire, KpiGrpcClient Grpc)>();
        foreach (var scope in new[] { "read", "submit", "targets", "catalogue" })
            foreach (var own in new[] { true, false })
                clients.Add(($"{scope}@{(own ? "916" : "841")}", scope, own, await ClientAsync([scope], own ? "E10000013" : "841")));
        clients.Add(("admin", "admin", true, await ClientAsync(["admin"])));

        var wrong = new List<string>();
        var checks = 0;
        foreach (var method in Methods)
            foreach (var (name, scope, own, grpc) in clients)
            {
                var allowed = scope == method.Scope && (!method.AuthorityBound || own);
                var before = await EventsAsync();
                var status = StatusCode.OK;
                try { await method.Call(grpc); }
                catch (RpcException e) { status = e.StatusCode; }
                checks++;
                var denied = status == StatusCode.PermissionDenied;
                if (status == StatusCode.Unauthenticated || denied == allowed)
                    wrong.Add($"{name} {method.Name}: {status}, expected {(allowed ? "allowed" : "PERMISSION_DENIED")}");
                if (denied && await EventsAsync() != before) wrong.Add($"{name} {method.Name}: stored something when denied");
            }
        output.WriteLine($"gRPC authorization matrix: {checks} checks");
        checks.ShouldBe(Methods.Length * clients.Count);
        wrong.ShouldBeEmpty();
    }

    private async Task<KpiGrpcClient> ClientAsync(string[] scopes, params string[] authorities)
    {
        var response = await service.Admin.PostAsJsonAsync("/api/v1/clients", new { name = $"grpc {string.Join("+", scopes)}", scopes, authorities });
        response.EnsureSuccessStatusCode();
        return KpiGrpcClient.InProcess(service.Factory.Server, (await response.Json()).GetProperty("key").GetString());
    }

    private async Task<long> EventsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM kpi.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
