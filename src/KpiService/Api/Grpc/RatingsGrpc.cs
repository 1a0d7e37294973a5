using KpiService.ReadModels.EventLog;
using KpiService.Hosting;
using KpiService.Features.Ratings;
using KpiService.Grpc;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.ReadModels.Reference;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc;

public static class RatingsGrpc
{
    private const string Service = "kpi.v1.Ratings";

    public static void Register(GrpcServices grpc) => grpc
        .Unary<V1.GetRatingRequest, V1.Rating>(Service, "GetRating", V1.GetRatingRequest.Parser, async (r, call) =>
            RatingProto.From(await GrpcApi.Send(call, new GetRating.Query(r.Authority, r.Measure, r.Period, ProtoJson.Text(r.Breakdown)))))
        .Unary<V1.GetScorecardRequest, V1.Scorecard>(Service, "GetScorecard", V1.GetScorecardRequest.Parser, async (r, call) =>
            ProtoJson.To<V1.Scorecard>(await GrpcApi.Send(call, new GetScorecard.Query(r.Authority, r.Period, ProtoJson.Text(r.Breakdown), ProtoJson.Text(r.Area)))))
        .ServerStreaming<V1.WatchRatingsRequest, V1.RatingUpdate>(Service, "WatchRatings", V1.WatchRatingsRequest.Parser, WatchAsync);

    /// <summary>
    /// Streams a fresh rating whenever a figure of a watched authority changes. Changes arrive through the event log
    /// follower, so a figure written through any replica reaches watchers on every replica.
    /// </summary>
    private static async Task WatchAsync(V1.WatchRatingsRequest request, IServerStreamWriter<V1.RatingUpdate> writer, CallContext call)
    {
        var reference = call.Services.GetRequiredService<ReferenceStore>().Current;
        var client = call.Services.GetRequiredService<CurrentClient>();
        if (request.Authorities.Count == 0) throw ValidationFailedException.Of("authorities", "name at least one authority to watch.");
        var problems = request.Authorities.Where(a => reference.FindAuthority(a) is null).Select(a => ("authorities", $"'{a}' is not a known GSS code or LA number."))
            .Concat(request.Measures.Where(m => !reference.Measures.ContainsKey(m)).Select(m => ("measures", $"'{m}' is not a known measure."))).ToList();
        if (problems.Count > 0) throw ValidationFailedException.Of(problems);
        var watched = request.Authorities.Select(a => reference.FindAuthority(a)!).ToDictionary(a => a.LaNumber);
        foreach (var authority in watched.Values) client.Require(Scopes.Read, authority.LaNumber, authority.Name);
        var measures = request.Measures.ToHashSet();
        var changes = call.Services.GetRequiredService<FigureChangeFeed>().Subscribe(call.CancellationToken);
        // Headers now, so the client knows the watch is live before any change; on HTTP/2 Kestrel sends them only on a flush.
        await call.HttpContext.Response.StartAsync(call.CancellationToken);
        await call.HttpContext.Response.BodyWriter.FlushAsync(call.CancellationToken);
        var assessor = call.Services.GetRequiredService<ReadModels.Assessments.Assessor>();
        await foreach (var stream in changes.ReadAllAsync(call.CancellationToken))
        {
            // figure:{la}:{measure}:{period}[:{dimension}:{value}]
            var parts = stream.Split(':', 5);
            if (parts.Length < 4 || !int.TryParse(parts[1], out var la) || !watched.TryGetValue(la, out var authority)) continue;
            if (measures.Count > 0 && !measures.Contains(parts[2])) continue;
            var current = call.Services.GetRequiredService<ReferenceStore>().Current;
            if (!current.Measures.TryGetValue(parts[2], out var measure) || !Domain.Periods.Period.TryParse(parts[3], out var period)) continue;
            var breakdown = parts.Length == 5 ? parts[4] : "";
            if (await assessor.AssessAsync(authority, measure, period, breakdown, null, call.CancellationToken) is not { } rated) continue;
            await writer.WriteAsync(new V1.RatingUpdate
            {
                Rating = RatingProto.From(RatingResponse.From(rated)),
                Changed = $"{authority.GssCode ?? authority.LaNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{measure.Id}/{period}{(breakdown.Length > 0 ? "/" + breakdown : "")}",
            });
        }
    }
}
