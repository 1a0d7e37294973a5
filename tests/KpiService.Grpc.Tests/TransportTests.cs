using Google.Protobuf;
using Grpc.Health.V1;

namespace KpiService.Grpc.Tests;

public sealed class TransportTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    [Fact]
    public async Task Unary_ReturnsOneMessageThenOkInTrailersWithMetadata()
    {
        var response = await server.CallAsync("/test.Echo/Echo", GrpcTestServer.Frame(new HealthCheckRequest { Service = "ab" }), configure: r => r.Headers.Add("x-test", "hello"));
        var body = await response.Content.ReadAsByteArrayAsync();

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/grpc");
        GrpcTestServer.Messages(body, HealthCheckResponse.Parser).Single().Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.NotServing); // length 2
        GrpcTestServer.Status(response).ShouldBe("0");
        response.TrailingHeaders.GetValues("echo-metadata").Single().ShouldBe("hello");
    }

    [Fact]
    public async Task ServerStreaming_SendsEveryMessage()
    {
        var response = await server.CallAsync("/test.Echo/Count", GrpcTestServer.Frame(new HealthCheckRequest { Service = "25" }));
        var messages = GrpcTestServer.Messages(await response.Content.ReadAsByteArrayAsync(), HealthCheckResponse.Parser);
        messages.Count.ShouldBe(25);
        GrpcTestServer.Status(response).ShouldBe("0");
    }

    [Fact]
    public async Task Error_IsTrailersOnlyWithPercentEncodedMessage()
    {
        var response = await server.CallAsync("/test.Echo/Echo", GrpcTestServer.Frame(new HealthCheckRequest { Service = "fail" }));
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        response.Headers.GetValues("grpc-status").Single().ShouldBe("9");
        response.Headers.GetValues("grpc-message").Single().ShouldBe("nicht m%C3%B6glich: 100%25 kaputt");
    }

    [Fact]
    public async Task UnknownMethod_IsUnimplemented() =>
        GrpcTestServer.Status(await server.CallAsync("/test.Echo/Nope", GrpcTestServer.Frame(new HealthCheckRequest()))).ShouldBe("12");

    [Fact]
    public async Task HandlerBug_IsInternalWithoutDetails()
    {
        var response = await server.CallAsync("/test.Echo/Echo", GrpcTestServer.Frame(new HealthCheckRequest { Service = "bug" }));
        GrpcTestServer.Status(response).ShouldBe("13");
        GrpcTestServer.Message(response)!.ShouldNotContain("a bug");
    }

    [Fact]
    public async Task Deadline_EndsTheCallWithDeadlineExceeded()
    {
        var started = DateTime.UtcNow;
        var response = await server.CallAsync("/test.Echo/Wait", GrpcTestServer.Frame(new HealthCheckRequest()), configure: r => r.Headers.Add("grpc-timeout", "200m"));
        await response.Content.ReadAsByteArrayAsync();
        GrpcTestServer.Status(response).ShouldBe("4");
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("oversized")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("compressed")]
    [InlineData("empty")]
    public async Task MalformedFrames_GetAStatusNotACrash(string kind)
    {
        byte[] body = kind switch
        {
            "oversized" => GrpcTestServer.Frame(new byte[2048]),
            "truncated" => GrpcTestServer.Frame(new HealthCheckRequest { Service = "abc" })[..6],
            "garbage" => GrpcTestServer.Frame([0xFF, 0xFF, 0xFF, 0xFF]),
            "compressed" => GrpcTestServer.Frame(new HealthCheckRequest().ToByteArray(), flag: 1),
            _ => [],
        };
        var expected = kind switch { "oversized" => "8", "compressed" => "12", _ => "13" };
        GrpcTestServer.Status(await server.CallAsync("/test.Echo/Echo", body)).ShouldBe(expected);
    }

    [Fact]
    public async Task WrongContentType_Is415()
    {
        var response = await server.CallAsync("/test.Echo/Echo", GrpcTestServer.Frame(new HealthCheckRequest()), contentType: "application/json");
        ((int)response.StatusCode).ShouldBe(415);
    }

    [Fact]
    public async Task Reflection_ListsTheServices()
    {
        var request = new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "*" };
        var response = await server.CallAsync("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", GrpcTestServer.Frame(request));
        var answer = GrpcTestServer.Messages(await response.Content.ReadAsByteArrayAsync(), global::Grpc.Reflection.V1Alpha.ServerReflectionResponse.Parser).Single();
        answer.ListServicesResponse.Service.Select(s => s.Name).ShouldContain("test.Echo");
        answer.ListServicesResponse.Service.Select(s => s.Name).ShouldContain("grpc.health.v1.Health");
    }

    [Fact]
    public async Task Reflection_FileContainingSymbolReturnsTheFileThatDeclaresIt()
    {
        var request = new global::Grpc.Reflection.V1.ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Health" };
        var response = await server.CallAsync("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", GrpcTestServer.Frame(request));
        var answer = GrpcTestServer.Messages(await response.Content.ReadAsByteArrayAsync(), global::Grpc.Reflection.V1.ServerReflectionResponse.Parser).Single();
        var file = Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(answer.FileDescriptorResponse.FileDescriptorProto.Last());
        file.Name.ShouldBe("grpc/health/v1/health.proto");
    }

    [Fact]
    public async Task HealthWatch_SendsTheStatusThenStreamsUntilTheDeadline()
    {
        var response = await server.CallAsync("/grpc.health.v1.Health/Watch", GrpcTestServer.Frame(new HealthCheckRequest()), configure: r => r.Headers.Add("grpc-timeout", "1500m"));
        var messages = GrpcTestServer.Messages(await response.Content.ReadAsByteArrayAsync(), HealthCheckResponse.Parser);
        messages.ShouldHaveSingleItem().Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving); // unchanged status: sent once
        GrpcTestServer.Status(response).ShouldBe("4");
    }

    [Fact]
    public void Timeout_ParsesEveryUnit()
    {
        Deadlines.Parse("5S").ShouldBe(TimeSpan.FromSeconds(5));
        Deadlines.Parse("250m").ShouldBe(TimeSpan.FromMilliseconds(250));
        Deadlines.Parse("1H").ShouldBe(TimeSpan.FromHours(1));
        Deadlines.Parse("100u").ShouldBe(TimeSpan.FromMicroseconds(100));
        Deadlines.Parse("5X").ShouldBeNull();
        Deadlines.Parse("123456789S").ShouldBeNull();
    }
}
