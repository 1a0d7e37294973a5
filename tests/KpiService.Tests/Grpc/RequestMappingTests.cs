using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using KpiService.Api;
using KpiService.Api.Grpc.Mapping;
using KpiService.Common;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Ratings;
using KpiService.Features.Catalogue;
using KpiService.Features.ComparatorGroups;
using KpiService.Features.DataSharing;
using KpiService.Features.Measures;
using KpiService.Features.Targets;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Tests.Grpc;

/// <summary>
/// gRPC write requests read into REST's body records field by field. Each must give the record REST's JSON reader
/// makes of the message's JSON mapping (the same names by contract): every field set, so none can be forgotten; and a
/// vocabulary REST would refuse is refused naming the same field.
/// </summary>
public sealed class RequestMappingTests
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    private static readonly V1.MeasureDefinition Definition = new()
    {
        Title = "Title", Definition = "Definition", Area = "Area", Unit = "ratePer10k", Polarity = "lower", DecimalPlaces = 2, Aggregation = "ratio", Code = "C1",
        FlatThreshold = 0.5, SmallCohortThreshold = 6, PerformanceGroups = { new V1.PerformanceGroup { Group = 1, From = 20 } }, RequiresNumeratorAndDenominator = true,
        LaitCode = "L1", PublishedYearType = "endOfSeptember",
    };

    private static readonly V1.RuleDefinition Rule = new()
    {
        Target = 22.5, Tolerance = 2.5, Bands = { new V1.Band { Status = "amber", From = 1, To = 2, Above = 0.5, Below = 3 } },
        Benchmark = new V1.BenchmarkDefinition { Group = "statistical-neighbours", Margin = 1.5 }, Trajectory = new V1.TrajectoryDefinition { StartValue = 30, By = "2023-03" },
        Labels = { ["amber"] = "Yellow" },
    };

    [Fact]
    public void EveryBody_IsTheRecordRestReadsFromTheSameJson()
    {
        Same(Definition, Definition.ToBody());
        Same(Definition, Definition.ToLocalBody());
        Same(Rule, Rule.ToBody());
        Same(Full(new V1.SaveComparatorGroupRequest { Id = "g", Name = "Peers", Members = { "916" }, Owner = "916", IfMatch = "e", IfNoneMatch = "*" }));
        Same(Full(new V1.SetLocalNameRequest { Authority = "916", Measure = "m", Code = "FD 3", Title = "Local", IfMatch = "e", IfNoneMatch = "*" }));
        Same(Full(new V1.SetPerformanceGroupsRequest { Authority = "916", Measure = "m", Bands = { new V1.PerformanceGroup { Group = 2, From = 3 } }, IfMatch = "e", IfNoneMatch = "*" }));
        Same(Full(new V1.SetScheduleRequest
        {
            Authority = "916", Entries = { new V1.ScheduleEntry { Measure = "m", Frequency = "quarterly", DueWorkingDay = 10, From = "2021-04" } }, IfMatch = "e", IfNoneMatch = "*",
        }));
        Same(Full(new V1.MarkPeriodsRequest
        {
            Authority = "916", Measure = "m", From = "2021-04", Through = "2021-06", Kind = "awaitingPartner", Reason = "Health", IfMatch = "e", IfNoneMatch = "*",
        }));
        Same(Full(new V1.WriteCommentaryRequest
        {
            Authority = "916", Measure = "m", Period = "2021-09", Breakdown = "b:c", Text = "Text", Action = new V1.CommentaryAction { Text = "Audit", Owner = "Jo", Due = "2021-11-30" },
            IfMatch = "e", IfNoneMatch = "*",
        }));
        Same(Full(new V1.SaveDataSharingAgreementRequest { Id = "a", Name = "Agreement", Members = { "916" }, IfMatch = "e", IfNoneMatch = "*" }));
        var labels = Full(new V1.SetLabelSchemeRequest { Authority = "916", Labels = { ["amber"] = new V1.StatusLabel { Name = "Yellow", Colour = "#FFDD00" } }, IfMatch = "e", IfNoneMatch = "*" });
        // REST's body is the labels object itself.
        var restBody = JsonDocument.Parse(Formatter.Format(labels)).RootElement.GetProperty("labels").GetRawText();
        Json(labels.ToLabels()).ShouldBe(Json(JsonSerializer.Deserialize<Dictionary<RagStatus, StatusLabel>>(restBody, ApiJson.Options)));
    }

    [Fact]
    public void AnUnsetMessage_IsAnEmptyBody_AsAnEmptyRestBodyIs()
    {
        Json(((V1.MeasureDefinition?)null).ToBody()).ShouldBe(Json(JsonSerializer.Deserialize<DefineMeasure.Body>("{}", ApiJson.Options)));
        Json(((V1.RuleDefinition?)null).ToBody()).ShouldBe(Json(JsonSerializer.Deserialize<SetTarget.Body>("{}", ApiJson.Options)));
    }

    [Theory]
    [InlineData("unit")]
    [InlineData("polarity")]
    [InlineData("aggregation")]
    public void AMeasuresVocabularyRestRefuses_IsRefusedByName(string field)
    {
        var definition = Definition.Clone();
        V1.MeasureDefinition.Descriptor.FindFieldByName(field).Accessor.SetValue(definition, "sideways");
        Refused(() => definition.ToBody()).ShouldBe([field]);
    }

    [Fact]
    public void OtherValuesRestRefuses_AreRefusedByTheirPaths()
    {
        Refused(() => new V1.RuleDefinition { Bands = { new V1.Band { Status = "green" }, new V1.Band { Status = "purple" } } }.ToBody()).ShouldBe(["bands[1].status"]);
        Refused(() => new V1.RuleDefinition { Labels = { ["purple"] = "Violet" } }.ToBody()).ShouldBe(["labels.purple"]);
        Refused(() => new V1.SetScheduleRequest { Entries = { new V1.ScheduleEntry { Frequency = "weekly" } } }.ToBody()).ShouldBe(["entries[0].frequency"]);
        Refused(() => new V1.MarkPeriodsRequest { Kind = "lost" }.ToBody()).ShouldBe(["kind"]);
        Refused(() => new V1.WriteCommentaryRequest { Action = new V1.CommentaryAction { Text = "a", Due = "30/11/2021" } }.ToBody()).ShouldBe(["action.due"]);
        Refused(() => new V1.SetLabelSchemeRequest { Labels = { ["purple"] = new V1.StatusLabel { Name = "Violet" } } }.ToLabels()).ShouldBe(["labels.purple"]);
    }

    [Theory]
    [InlineData("awaitingPartner")]
    [InlineData("AwaitingPartner")]
    [InlineData("AWAITINGPARTNER")]
    [InlineData("awaiting_partner")]
    [InlineData("1")]
    public void AVocabularyValue_IsReadAsRestReadsIt(string kind)
    {
        var request = new V1.MarkPeriodsRequest { Kind = kind };
        var rest = Record.Exception(() => JsonSerializer.Deserialize<Features.Catalogue.MarkPeriods.Body>(Formatter.Format(request), ApiJson.Options)) is null
            ? JsonSerializer.Deserialize<Features.Catalogue.MarkPeriods.Body>(Formatter.Format(request), ApiJson.Options)!.Kind.ToString() : "refused";
        var grpc = Record.Exception(() => request.ToBody()) is null ? request.ToBody().Kind.ToString() : "refused";
        grpc.ShouldBe(rest);
    }

    /// <summary>
    /// REST's reader falls back to Enum.Parse, which trims and ORs a comma-separated list ("awaitingPartner, definitionChanged"
    /// reads as 3, no kind at all); gRPC takes one name of the vocabulary, so these are refused rather than copied.
    /// </summary>
    [Theory]
    [InlineData(" awaitingPartner")]
    [InlineData("notApplicable, awaitingPartner")]
    public void APaddedOrCombinedVocabularyValue_IsRefused(string kind) => Refused(() => new V1.MarkPeriodsRequest { Kind = kind }.ToBody()).ShouldBe(["kind"]);

    private static string[] Refused(Func<object> read) => [.. Should.Throw<ValidationFailedException>(read).Errors.Keys];

    private static void Same<TBody>(IMessage message, TBody direct) => Json(direct).ShouldBe(Json(JsonSerializer.Deserialize<TBody>(Formatter.Format(message), ApiJson.Options)));

    private static void Same(V1.SaveComparatorGroupRequest m) => Same(m, m.ToBody());
    private static void Same(V1.SetLocalNameRequest m) => Same(m, m.ToBody());
    private static void Same(V1.SetPerformanceGroupsRequest m) => Same(m, m.ToBody());
    private static void Same(V1.SetScheduleRequest m) => Same(m, m.ToBody());
    private static void Same(V1.MarkPeriodsRequest m) => Same(m, m.ToBody());
    private static void Same(V1.WriteCommentaryRequest m) => Same(m, m.ToBody());
    private static void Same(V1.SaveDataSharingAgreementRequest m) => Same(m, m.ToBody());

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ApiJson.Options);

    /// <summary>The sample itself, once checked to have every field set (so a field the mapping forgets would show).</summary>
    private static T Full<T>(T message) where T : IMessage
    {
        Unset(message, "").ShouldBeEmpty();
        return message;
    }

    [Fact]
    public void TheRuleAndDefinitionSamples_SetEveryField()
    {
        Unset(Definition, "").ShouldBeEmpty();
        Unset(Rule, "").ShouldBeEmpty();
    }

    private static IEnumerable<string> Unset(IMessage message, string path) => message.Descriptor.Fields.InDeclarationOrder().SelectMany(field =>
    {
        var value = field.Accessor.GetValue(message);
        var name = path + field.JsonName;
        return value switch
        {
            System.Collections.IDictionary { Count: 0 } or System.Collections.ICollection { Count: 0 } or null or "" or false or 0 or 0d or 0L => [name],
            IMessage nested when field.FieldType == FieldType.Message => Unset(nested, name + "."),
            System.Collections.IEnumerable items and not string => items.OfType<IMessage>().SelectMany(item => Unset(item, name + "[].")),
            _ => [],
        };
    });
}
