using System.Net.Http.Json;
using KpiService.Api.Grpc;
using KpiService.Features.Ratings;
using Microsoft.Extensions.DependencyInjection;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Tests.Grpc;

public sealed class RatingProtoTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task DirectMapping_GivesTheSameMessageAsTheJsonBridge()
    {
        (await service.Admin.Put("/api/v1/authorities/916/measures/re-referrals/figures/2021-08", new { numerator = 140, denominator = 640 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/re-referrals/figures/2021-09", new { numerator = 207, denominator = 967 })).EnsureSuccessStatusCode();
        (await service.Admin.Put("/api/v1/authorities/916/measures/re-referrals/targets/2021-04", new { target = 22.5, tolerance = 2.5, labels = new { amber = "Yellow" } })).EnsureSuccessStatusCode();
        using var scope = service.Factory.Services.CreateScope();
        var reference = scope.ServiceProvider.GetRequiredService<KpiService.ReadModels.Reference.ReferenceStore>().Current;
        var rated = (await scope.ServiceProvider.GetRequiredService<KpiService.ReadModels.Assessments.Assessor>().AssessAsync(
            reference.FindAuthority("916")!, reference.Measures["re-referrals"], Domain.Periods.Period.Parse("2021-09"), "", null, CancellationToken.None))!;
        var response = RatingResponse.From(rated);

        RatingProto.From(response).ShouldBe(ProtoJson.To<V1.Rating>(response));
    }
}
