using System.Net.Http.Json;
using Google.Rpc;
using Grpc.Core;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Tests.Grpc;

/// <summary>The write use cases over gRPC: the same commands as REST, with etags, conditions and REST's validation.</summary>
public sealed class WriteUseCaseTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private KpiGrpcClient Grpc => KpiGrpcClient.InProcess(service.Factory.Server, ServiceFixture.AdminKey);

    [Fact]
    public async Task ReferenceDataWrites_StoreWhatRestThenReads()
    {
        // decimal_places 0 is a value, not "unset": it must reach the use case as 0.
        var defined = await Grpc.Call<V1.DefineMeasureResponse>("ReferenceData/DefineMeasure", new V1.DefineMeasureRequest
        {
            Measure = "grpc-defined", IfNoneMatch = "*",
            Definition = new V1.MeasureDefinition { Title = "Defined over gRPC", Area = "Test", Unit = "count", Polarity = "neutral", DecimalPlaces = 0, Aggregation = "flow" },
        });
        defined.Created.ShouldBeTrue();
        var rest = await service.Admin.GetAsync("/api/v1/measures/grpc-defined");
        rest.Headers.ETag!.ToString().ShouldBe(defined.Etag);
        (await rest.Json()).GetProperty("decimalPlaces").GetInt32().ShouldBe(0);

        var population = await Grpc.Call<V1.SetPopulationResponse>("ReferenceData/SetPopulation", new V1.SetPopulationRequest { Authority = "916", Year = 2021, Aged0To17 = 131_500 });
        population.Population.Aged0To17.ShouldBe(131_500);
        var dimension = await Grpc.Call<V1.DeclareDimensionResponse>("ReferenceData/DeclareDimension", new V1.DeclareDimensionRequest { Authority = "916", Dimension = "team", Values = { "Assessment", "Permanence" } });
        dimension.Created.ShouldBeTrue();

        var group = await Grpc.Call<V1.SaveComparatorGroupResponse>("ReferenceData/SaveComparatorGroup", new V1.SaveComparatorGroupRequest { Id = "grpc-group", Name = "Shire peers", Members = { "916", "E10000034" }, IfNoneMatch = "*" });
        group.Group.Members.Select(m => m.LaNumber).ShouldBe([916, 885]);
        (await Should.ThrowAsync<RpcException>(() => Grpc.Call<V1.SaveComparatorGroupResponse>("ReferenceData/SaveComparatorGroup",
            new V1.SaveComparatorGroupRequest { Id = "grpc-group", Name = "Again", Members = { "916" }, IfNoneMatch = "*" }))).StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        (await Grpc.Call<V1.GetComparatorGroupResponse>("ReferenceData/GetComparatorGroup", new V1.GetComparatorGroupRequest { Id = "grpc-group" })).Etag.ShouldBe(group.Etag);
    }

    [Fact]
    public async Task Targets_BodyIsReadByRestsRules()
    {
        var set = await Grpc.Call<V1.SetTargetResponse>("Targets/SetTarget", new V1.SetTargetRequest
        {
            Authority = "916", Measure = "assessments-within-45-wd", FromPeriod = "2021-04",
            Rule = new V1.RuleDefinition { Bands = { new V1.Band { Status = "green", From = 87 }, new V1.Band { Status = "amber", From = 80, Below = 87 }, new V1.Band { Status = "red", Below = 80 } } },
        });
        set.Target.Rule.ShouldBe("bands");
        var rest = await (await service.Admin.GetAsync("/api/v1/authorities/916/measures/assessments-within-45-wd/targets")).Json();
        rest.GetProperty("targets")[0].GetProperty("bands").GetArrayLength().ShouldBe(3);

        // A status that is not one, and a gap in the table: INVALID_ARGUMENT naming the field, as REST's 400 does.
        var error = await Should.ThrowAsync<RpcException>(() => Grpc.Call<V1.SetTargetResponse>("Targets/SetTarget", new V1.SetTargetRequest
        {
            Authority = "916", Measure = "assessments-within-45-wd", FromPeriod = "2022-04", Rule = new V1.RuleDefinition { Bands = { new V1.Band { Status = "purple", From = 1 } } },
        }));
        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.ShouldBe("bands[0].status");
        (await Should.ThrowAsync<RpcException>(() => Grpc.Call<V1.SetTargetResponse>("Targets/SetTarget",
            new V1.SetTargetRequest { Authority = "916", Measure = "assessments-within-45-wd", FromPeriod = "2022-04" }))).StatusCode.ShouldBe(StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task Catalogue_ScheduleAndCommentary_AreTheSameUseCases()
    {
        var local = await Grpc.Call<V1.DefineLocalMeasureResponse>("Catalogue/DefineLocalMeasure", new V1.DefineLocalMeasureRequest
        {
            Authority = "841", Measure = "cic-sdq-up-to-date",
            Definition = new V1.MeasureDefinition { Title = "SDQ up to date", Area = "Children in care", Unit = "percentage", Polarity = "higher", DecimalPlaces = 1, Aggregation = "ratio" },
        });
        local.Measure.Id.ShouldBe("841.cic-sdq-up-to-date");
        var named = await Grpc.Call<V1.SetLocalNameResponse>("Catalogue/SetLocalName", new V1.SetLocalNameRequest { Authority = "841", Measure = "re-referrals", Code = "FD 3" });
        var grouped = await Grpc.Call<V1.SetPerformanceGroupsResponse>("Catalogue/SetPerformanceGroups", new V1.SetPerformanceGroupsRequest
        {
            Authority = "841", Measure = "re-referrals", Bands = { new V1.PerformanceGroup { Group = 1, From = 20 }, new V1.PerformanceGroup { Group = 2 } }, IfMatch = named.Catalogue.Etag,
        });
        grouped.Catalogue.PerformanceGroups["re-referrals"].Bands.Count.ShouldBe(2);
        await Grpc.Call<V1.SetLabelSchemeResponse>("Catalogue/SetLabelScheme", new V1.SetLabelSchemeRequest { Authority = "841", Labels = { ["amber"] = new V1.StatusLabel { Name = "Yellow", Colour = "#FFDD00" } } });
        var catalogue = await Grpc.Call<V1.GetAuthorityCatalogueResponse>("Catalogue/GetAuthorityCatalogue", new V1.GetAuthorityCatalogueRequest { Authority = "841" });
        // A proto map cannot hold a list: each measure's bands sit in { bands: [...] }, compared here on their own.
        var restCatalogue = await (await service.Admin.GetAsync("/api/v1/authorities/841/catalogue")).Json();
        catalogue.Catalogue.ShouldMatch(restCatalogue, "performanceGroups");
        catalogue.Catalogue.PerformanceGroups["re-referrals"].Bands.Select(b => (b.Group, b.From)).ShouldBe(
            restCatalogue.GetProperty("performanceGroups").GetProperty("re-referrals").EnumerateArray()
                .Select(b => (b.GetProperty("group").GetInt32(), b.TryGetProperty("from", out var f) ? f.GetDouble() : (double?)null)));
        (await Grpc.Call<V1.ListAuthorityMeasuresResponse>("Catalogue/ListAuthorityMeasures", new V1.ListAuthorityMeasuresRequest { Authority = "841" }))
            .Measures.ShouldContain(m => m.Local && m.Measure.Id == "841.cic-sdq-up-to-date");

        await Grpc.Call<V1.SetScheduleResponse>("Catalogue/SetSchedule", new V1.SetScheduleRequest
        {
            Authority = "841", Entries = { new V1.ScheduleEntry { Measure = "re-referrals", Frequency = "monthly", DueWorkingDay = 10 } },
        });
        var marked = await Grpc.Call<V1.MarkPeriodsResponse>("Catalogue/MarkPeriods", new V1.MarkPeriodsRequest { Authority = "841", Measure = "re-referrals", From = "2021-09", Kind = "awaitingPartner", Reason = "awaiting Health" });
        marked.Schedule.Marks.Single().Kind.ShouldBe("awaitingPartner");
        (await Grpc.Call<V1.GetScheduleResponse>("Catalogue/GetSchedule", new V1.GetScheduleRequest { Authority = "841" })).Schedule
            .ShouldMatch(await (await service.Admin.GetAsync("/api/v1/authorities/841/schedule")).Json());
        (await Grpc.Call<V1.GetOverdueResponse>("Catalogue/GetOverdue", new V1.GetOverdueRequest { Since = "2021-01-01" }))
            .ShouldMatch(await (await service.Admin.GetAsync("/api/v1/overdue?since=2021-01-01")).Json(), "today");

        var written = await Grpc.Call<V1.WriteCommentaryResponse>("Catalogue/WriteCommentary", new V1.WriteCommentaryRequest
        {
            Authority = "841", Measure = "re-referrals", Period = "2021-09", Text = "Two families re-referred.", Action = new V1.CommentaryAction { Text = "Audit", Due = "2021-11-30" },
        });
        written.Created.ShouldBeTrue();
        (await Grpc.Call<V1.GetCommentaryResponse>("Catalogue/GetCommentary", new V1.GetCommentaryRequest { Authority = "841", Measure = "re-referrals", Period = "2021-09" })).Commentary
            .ShouldMatch(await (await service.Admin.GetAsync("/api/v1/authorities/841/measures/re-referrals/commentary/2021-09")).Json());
        var withdrawn = await Grpc.Call<V1.WithdrawCommentaryResponse>("Catalogue/WithdrawCommentary",
            new V1.WithdrawCommentaryRequest { Authority = "841", Measure = "re-referrals", Period = "2021-09", IfMatch = written.Commentary.Etag });
        withdrawn.Commentary.Withdrawn.ShouldBeTrue();
    }

    [Fact]
    public async Task Administration_RegistersClientsWhoseKeysWork_AndReportsActivity()
    {
        var registered = await Grpc.Call<V1.RegisterClientResponse>("Administration/RegisterClient", new V1.RegisterClientRequest { Name = "gRPC system", Scopes = { "submit" }, Authorities = { "916" } });
        var system = KpiGrpcClient.InProcess(service.Factory.Server, registered.Key);
        await system.Call<V1.SubmitFigureResponse>("Figures/SubmitFigure", new V1.SubmitFigureRequest { Authority = "916", Measure = "contacts", Period = "2021-09", Value = 2901 });
        (await Should.ThrowAsync<RpcException>(() => system.Call<V1.SubmitFigureResponse>("Figures/SubmitFigure",
            new V1.SubmitFigureRequest { Authority = "841", Measure = "contacts", Period = "2021-09", Value = 1 }))).StatusCode.ShouldBe(StatusCode.PermissionDenied);

        var rebuilt = await Grpc.Call<V1.RebuildProjectionsResponse>("Administration/RebuildProjections", new V1.RebuildProjectionsRequest());
        rebuilt.Events.ShouldBeGreaterThan(0);
        var activity = await Grpc.Call<V1.GetActivityResponse>("Administration/GetActivity", new V1.GetActivityRequest());
        activity.ShouldMatch(await (await service.Admin.GetAsync("/api/v1/activity")).Json());
        activity.Activity.ShouldContain(row => row.Client.Id == registered.Id && row.Submitted == 1);
    }

    [Fact]
    public async Task AsAt_IsStrictIso8601_AsOnRest()
    {
        (await service.Admin.Put("/api/v1/authorities/916/measures/referrals/figures/2021-09", new { value = 967 })).EnsureSuccessStatusCode();
        foreach (var bad in new[] { "12/01/2021", "2021-13-01", "yesterday", "2021-09-01 10:00" })
        {
            var error = await Should.ThrowAsync<RpcException>(() => Grpc.Call<V1.FigureSeries>("Figures/GetFigures", new V1.GetFiguresRequest { Authority = "916", Measure = "referrals", AsAt = bad }));
            error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
            error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.ShouldBe("asAt");
        }
        (await Grpc.Call<V1.FigureSeries>("Figures/GetFigures", new V1.GetFiguresRequest { Authority = "916", Measure = "referrals", AsAt = "2000-01-01" })).Figures.ShouldBeEmpty();
        var now = await Grpc.Call<V1.FigureSeries>("Figures/GetFigures", new V1.GetFiguresRequest { Authority = "916", Measure = "referrals", AsAt = DateTimeOffset.UtcNow.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ssK") });
        now.Figures.Single().Value.ShouldBe(967);
    }
}
