using System.Reflection;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using KpiService.Api;
using KpiService.Api.Grpc.Mapping;
using KpiService.Features.Catalogue;
using KpiService.Features.Clients;
using KpiService.Features.Ratings;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Tests.Grpc;

/// <summary>
/// The field-by-field mappings (Api/Grpc/Mapping) against protobuf's JSON mapping of REST's JSON, which is the
/// contract (common.proto: "every message's JSON mapping has REST's field names"). Every answer record is built with
/// every property set to a value that is not a default, so a field a mapping forgets, or writes in another form (a
/// vocabulary, a timestamp), differs; every request message is sent with every field set, and must read into the same
/// body record as REST's JSON reader makes of its JSON.
/// </summary>
public sealed class MappingTests
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonSerializerOptions Rest = new(ApiJson.Options) { PropertyNamingPolicy = new ProtoNames() };

    /// <summary>Answer fields that reach gRPC in another shape (ParityTests names them too); left null here, tested on their own below.</summary>
    private static readonly HashSet<string> Reshaped = ["RatingResponse.RolledUpFrom"];

    public static TheoryData<string> Mappings() => [.. ToMessageMethods().Select(Name)];

    /// <summary>The answer a mapping takes, by name: SubmitFigure.Result, FigureResponse.</summary>
    private static string Name(MethodInfo mapping) => mapping.GetParameters()[0].ParameterType is var t && t.DeclaringType is { } outer ? $"{outer.Name}.{t.Name}" : t.Name;

    private static IEnumerable<MethodInfo> ToMessageMethods() =>
        typeof(Proto).Assembly.GetTypes().Where(t => t.Namespace == typeof(Proto).Namespace && t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.Name == "ToMessage" && m.GetParameters().Length == 1 && typeof(IMessage).IsAssignableFrom(m.ReturnType))
            .Where(m => m.GetParameters()[0].ParameterType != typeof(CatalogueResponse)); // reshaped: its own test below

    [Theory]
    [MemberData(nameof(Mappings))]
    public void EveryAnswerField_IsMappedAsRestWritesIt(string mapping)
    {
        var method = ToMessageMethods().Single(m => Name(m) == mapping);
        var answer = Sample.Of(method.GetParameters()[0].ParameterType, Reshaped);
        var direct = (IMessage)method.Invoke(null, [answer])!;
        direct.ShouldBe(ThroughJson(answer, direct.Descriptor), Formatter.Format(direct));
    }

    [Fact]
    public void TheScanFindsTheMappings() => ToMessageMethods().Count().ShouldBeGreaterThan(35);

    [Fact]
    public void AClient_IsMappedAlikeInEachOfItsThreeMessages()
    {
        var client = (ClientResponse)Sample.Of(typeof(ClientResponse), Reshaped);
        client.Fill(new V1.Client()).ShouldBe(ThroughJson(client, V1.Client.Descriptor));
        client.Fill(new V1.GetClientResponse()).ShouldBe(ThroughJson(client, V1.GetClientResponse.Descriptor));
        client.Fill(new V1.RevokeClientResponse()).ShouldBe(ThroughJson(client, V1.RevokeClientResponse.Descriptor));
    }

    [Fact]
    public void ACatalogue_KeepsEachMeasuresBandsInAMessage()
    {
        // A proto map cannot hold a list, so { "m": [bands] } in REST is { "m": { "bands": [...] } } over gRPC.
        var catalogue = (CatalogueResponse)Sample.Of(typeof(CatalogueResponse), Reshaped);
        var reshaped = new { catalogue.Authority, catalogue.LocalMeasures, catalogue.LocalNames, catalogue.Labels, catalogue.ETag,
            PerformanceGroups = catalogue.PerformanceGroups.ToDictionary(p => p.Key, p => new { Bands = p.Value }) };
        catalogue.ToMessage().ShouldBe(ThroughJson(reshaped, V1.AuthorityCatalogue.Descriptor));
    }

    [Fact]
    public void ARolledUpRating_SaysSoInItsSource()
    {
        var rating = (RatingResponse)Sample.Of(typeof(RatingResponse), Reshaped) with { RolledUpFrom = "locality" };
        rating.ToMessage().Source.ShouldBe("rolledUp:locality");
    }

    /// <summary>What the mapping must equal: the record as REST writes it, read by protobuf's JSON parser.</summary>
    private static IMessage ThroughJson(object answer, MessageDescriptor descriptor) => Parser.Parse(JsonSerializer.Serialize(answer, answer.GetType(), Rest), descriptor);

    private sealed class ProtoNames : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name == "ETag" ? "etag" : CamelCase.ConvertName(name);
    }
}
