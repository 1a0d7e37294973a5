using System.Net;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using KpiService.ReadModels.EventLog;
using Microsoft.Extensions.DependencyInjection;
using V1 = KpiService.Api.Grpc.V1;
using Empty = Google.Protobuf.WellKnownTypes.Empty;

namespace KpiService.Tests.Grpc;

/// <summary>
/// The gRPC transport on real Kestrel sockets through Grpc.Net.Client: metadata, status codes with
/// google.rpc.BadRequest details, deadlines, cancellation, message size limits, gzip, health, reflection and gRPC-Web.
/// </summary>
public sealed class TransportTests(KestrelServiceFixture service) : IClassFixture<KestrelServiceFixture>
{
    private readonly KpiGrpcClient _admin = KpiGrpcClient.Socket(service.GrpcAddress, KestrelServiceFixture.AdminKey);

    [Fact]
    public async Task Unary_AnswersWithTheUseCasesReply()
    {
        var measures = await _admin.Call<V1.MeasureList>("ReferenceData/ListMeasures", new V1.ListMeasuresRequest { Area = "Front door" });
        measures.Measures.ShouldNotBeEmpty();
        measures.Measures.ShouldAllBe(m => m.Area == "Front door");
    }

    [Fact]
    public async Task NoKey_IsUnauthenticated_AndAWrongKeyToo()
    {
        var none = KpiGrpcClient.Socket(service.GrpcAddress, null);
        (await Should.ThrowAsync<RpcException>(() => none.Call<V1.MeasureList>("ReferenceData/ListMeasures", new V1.ListMeasuresRequest())))
            .StatusCode.ShouldBe(StatusCode.Unauthenticated);
        var wrong = KpiGrpcClient.Socket(service.GrpcAddress, "kpi_nobody_0000");
        (await Should.ThrowAsync<RpcException>(() => wrong.Call<V1.MeasureList>("ReferenceData/ListMeasures", new V1.ListMeasuresRequest())))
            .StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task InvalidInput_IsInvalidArgumentWithAFieldViolationPerProblem()
    {
        var error = await Should.ThrowAsync<RpcException>(() => _admin.Call<V1.SubmitFigureResponse>("Figures/SubmitFigure",
            new V1.SubmitFigureRequest { Authority = "999", Measure = "nope", Period = "2099-13", Numerator = 1, Denominator = 2 }));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        var badRequest = error.GetRpcStatus()!.GetDetail<BadRequest>();
        badRequest.FieldViolations.Select(v => v.Field).ShouldBe(["authority", "measure", "period"], ignoreOrder: true);
        badRequest.FieldViolations.ShouldAllBe(v => v.Description.Length > 0);
    }

    [Fact]
    public async Task ControlCharacters_AreRefusedNamingTheField_AsOnRest()
    {
        // A NUL in a breakdown reached PostgreSQL through REST's query string once (a 500); gRPC's fields get the same floor.
        var error = await Should.ThrowAsync<RpcException>(() => _admin.Call<V1.Rating>("Ratings/GetRating",
            new V1.GetRatingRequest { Authority = "916", Measure = "re-referrals", Period = "2021-09", Breakdown = "locality:\0Stroud" }));
        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.ShouldBe("breakdown");
        var nested = await Should.ThrowAsync<RpcException>(() => _admin.Call<V1.SubmitReturnResponse>("Figures/SubmitReturn", new V1.SubmitReturnRequest
        {
            Authority = "916", Figures = { new V1.ReturnFigure { Measure = "contacts", Period = "2021-09", Value = 1, Note = "ok\u001b[2J" } },
        }));
        nested.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.ShouldBe("figures[0].note");
    }

    [Fact]
    public async Task UnknownThings_AreNotFound_AndAnUnknownMethodUnimplemented()
    {
        (await Should.ThrowAsync<RpcException>(() => _admin.Call<V1.GetMeasureResponse>("ReferenceData/GetMeasure", new V1.GetMeasureRequest { Measure = "no-such-measure" })))
            .StatusCode.ShouldBe(StatusCode.NotFound);
        var method = new Method<Empty, Empty>(MethodType.Unary, "kpi.v1.Figures", "NoSuchMethod", Marshallers.Create<Empty>(m => m.ToByteArray(), Empty.Parser.ParseFrom),
            Marshallers.Create<Empty>(m => m.ToByteArray(), Empty.Parser.ParseFrom));
        (await Should.ThrowAsync<RpcException>(async () => await _admin.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(), new Empty())))
            .StatusCode.ShouldBe(StatusCode.Unimplemented);
    }

    [Fact]
    public async Task StaleEtag_IsFailedPrecondition()
    {
        var first = await _admin.Call<V1.SubmitFigureResponse>("Figures/SubmitFigure", new V1.SubmitFigureRequest { Authority = "916", Measure = "contacts", Period = "2021-06", Value = 100 });
        first.Figure.Etag.ShouldNotBeNullOrEmpty();
        await _admin.Call<V1.SubmitFigureResponse>("Figures/SubmitFigure", new V1.SubmitFigureRequest { Authority = "916", Measure = "contacts", Period = "2021-06", Value = 101, IfMatch = first.Figure.Etag });
        (await Should.ThrowAsync<RpcException>(() => _admin.Call<V1.SubmitFigureResponse>("Figures/SubmitFigure",
            new V1.SubmitFigureRequest { Authority = "916", Measure = "contacts", Period = "2021-06", Value = 102, IfMatch = first.Figure.Etag })))
            .StatusCode.ShouldBe(StatusCode.FailedPrecondition);
    }

    [Fact]
    public async Task Deadline_EndsAWatchWithDeadlineExceeded()
    {
        var started = DateTime.UtcNow;
        using var watch = _admin.Stream<V1.RatingUpdate>("Ratings/WatchRatings", new V1.WatchRatingsRequest { Authorities = { "841" } }, timeout: TimeSpan.FromMilliseconds(300));
        var error = await Should.ThrowAsync<RpcException>(async () => { while (await watch.ResponseStream.MoveNext()) { } });
        error.StatusCode.ShouldBe(StatusCode.DeadlineExceeded);
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Cancellation_EndsTheWatchOnTheServer()
    {
        var feed = service.Factory.Services.GetRequiredService<FigureChangeFeed>();
        var before = feed.WatcherCount;
        using var cancel = new CancellationTokenSource();
        using var watch = _admin.Stream<V1.RatingUpdate>("Ratings/WatchRatings", new V1.WatchRatingsRequest { Authorities = { "916" } }, cancellationToken: cancel.Token);
        await watch.ResponseHeadersAsync; // the watch is live
        feed.WatcherCount.ShouldBe(before + 1);

        await cancel.CancelAsync();
        (await Should.ThrowAsync<RpcException>(async () => await watch.ResponseStream.MoveNext())).StatusCode.ShouldBe(StatusCode.Cancelled);
        await Eventually(() => feed.WatcherCount == before);
    }

    [Fact]
    public async Task MessageOverTheLimit_IsResourceExhausted_WhileAReturnMayBeAnUpload()
    {
        var big = new V1.ListMeasuresRequest { Area = new string('a', 5 * 1024 * 1024) };
        (await Should.ThrowAsync<RpcException>(() => _admin.Call<V1.MeasureList>("ReferenceData/ListMeasures", big)))
            .StatusCode.ShouldBe(StatusCode.ResourceExhausted);
        // 5 MB of notes in a return is past the 4 MB message limit but within the upload limit REST's returns have:
        // the call gets as far as validation, which names the notes.
        var upload = new V1.SubmitReturnRequest { Authority = "916", Figures = { new V1.ReturnFigure { Measure = "contacts", Period = "2021-09", Value = 1, Note = new string('n', 5 * 1024 * 1024) } } };
        (await Should.ThrowAsync<RpcException>(() => _admin.Call<V1.SubmitReturnResponse>("Figures/SubmitReturn", upload)))
            .StatusCode.ShouldBe(StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task Gzip_CompressedRequestsAreRead_AndRepliesCompressedForClientsThatAcceptIt()
    {
        var headers = new Metadata { { "grpc-internal-encoding-request", "gzip" } }; // Grpc.Net.Client: compress this request
        var reply = await _admin.Call<V1.AuthorityList>("ReferenceData/ListAuthorities", new V1.ListAuthoritiesRequest(), headers);
        reply.Authorities.Count.ShouldBeGreaterThan(150);

        // The reply's own encoding, seen on the wire by a plain HTTP/2 client that offers gzip.
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://{service.GrpcAddress}/kpi.v1.ReferenceData/ListAuthorities")
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        request.Headers.Add("grpc-accept-encoding", "gzip");
        request.Headers.Add("x-api-key", KestrelServiceFixture.AdminKey);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        response.Headers.GetValues("grpc-encoding").Single().ShouldBe("gzip");
        body[0].ShouldBe((byte)1); // the compressed flag of the message frame
        response.TrailingHeaders.GetValues("grpc-status").Single().ShouldBe("0");
    }

    [Fact]
    public async Task Health_IsServingForTheServerAndEachService_AndNotFoundForOthers()
    {
        var health = new Health.HealthClient(_admin.Channel);
        (await health.CheckAsync(new HealthCheckRequest())).Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
        (await health.CheckAsync(new HealthCheckRequest { Service = "kpi.v1.Figures" })).Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
        (await Should.ThrowAsync<RpcException>(async () => await health.CheckAsync(new HealthCheckRequest { Service = "kpi.v1.Nothing" }))).StatusCode.ShouldBe(StatusCode.NotFound);
    }

    [Fact]
    public async Task Reflection_ListsEveryService_AndDescribesThem()
    {
        var reflection = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(_admin.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { FileContainingSymbol = "kpi.v1.Catalogue" });
        await call.RequestStream.CompleteAsync();
        var answers = new List<global::Grpc.Reflection.V1Alpha.ServerReflectionResponse>();
        while (await call.ResponseStream.MoveNext()) answers.Add(call.ResponseStream.Current);

        var listed = answers[0].ListServicesResponse.Service.Select(s => s.Name).ToList();
        listed.ShouldBe([.. Api.Grpc.GrpcApi.ServiceNames(), "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"], ignoreOrder: true);
        var files = answers[1].FileDescriptorResponse.FileDescriptorProto.Select(Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom).ToList();
        files.Select(f => f.Name).ShouldContain("kpi/v1/catalogue.proto");
        files.Single(f => f.Name == "kpi/v1/catalogue.proto").Service.Single().Method.Count.ShouldBe(13);
    }

    [Theory]
    [InlineData(GrpcWebMode.GrpcWebText, "1.1")]
    [InlineData(GrpcWebMode.GrpcWeb, "2.0")]
    public async Task GrpcWeb_AnswersBrowserStyleCalls(GrpcWebMode mode, string httpVersion)
    {
        // A browser speaks HTTP/1.1 to a cleartext port, and Kestrel cannot offer HTTP/1.1 and prior-knowledge h2c on one
        // cleartext port: over HTTP/1.1 gRPC-Web reaches the services on the REST port; HTTP/2 clients use the gRPC port.
        var address = httpVersion == "1.1" ? service.RestUrl : "http://" + service.GrpcAddress;
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(mode, new HttpClientHandler()),
            HttpVersion = Version.Parse(httpVersion), HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var web = new KpiGrpcClient(channel, KestrelServiceFixture.AdminKey);
        var days = await web.Call<V1.CountWorkingDaysResponse>("ReferenceData/CountWorkingDays", new V1.CountWorkingDaysRequest { From = "2021-09-01", To = "2021-11-03" });
        days.WorkingDays.ShouldBe(46);
        (await Should.ThrowAsync<RpcException>(() => web.Call<V1.CountWorkingDaysResponse>("ReferenceData/CountWorkingDays", new V1.CountWorkingDaysRequest { From = "01/09/2021" })))
            .StatusCode.ShouldBe(StatusCode.InvalidArgument);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++) await Task.Delay(100);
        condition().ShouldBeTrue();
    }
}
