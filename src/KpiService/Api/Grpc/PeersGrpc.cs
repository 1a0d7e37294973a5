using KpiService.Features.Peers;
using KpiService.Grpc;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc;

public static class PeersGrpc
{
    private const string Service = "kpi.v1.Peers";

    public static void Register(GrpcServices grpc) => grpc
        .Unary<V1.GetComparisonRequest, V1.Comparison>(Service, "GetComparison", V1.GetComparisonRequest.Parser, async (r, call) =>
            ProtoJson.To<V1.Comparison>(await GrpcApi.Send(call,
                new GetComparison.Query(r.Measure, r.Period, ProtoJson.Text(r.Authority), r.Model == 0 ? null : r.Model, [.. r.Groups]))))
        .Unary<V1.GetLeagueRequest, V1.League>(Service, "GetLeague", V1.GetLeagueRequest.Parser, async (r, call) =>
            ProtoJson.To<V1.League>(await GrpcApi.Send(call, new GetLeague.Query(r.Measure, r.Period))));
}
