using Grpc.Core;
using KpiService.Api.Grpc.Mapping;
using KpiService.Common;
using KpiService.Features.Access;
using KpiService.Features.Ratings;
using KpiService.ReadModels.Assessments;
using KpiService.ReadModels.EventLog;
using KpiService.ReadModels.Reference;
using MediatR;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Services;

/// <summary>kpi.v1.Ratings: ratings, scorecards, SPC and breakdown rankings as REST has them, plus the WatchRatings stream.</summary>
public sealed class RatingsService(IMediator mediator, CurrentClient client, ReferenceStore reference, FigureChangeFeed feed, Assessor assessor, KeyChecker keys) : V1.Ratings.RatingsBase
{
    public override async Task<V1.Rating> GetRating(V1.GetRatingRequest r, ServerCallContext context)
    {
        // The hot read: sent uncompressed — a few hundred bytes do not repay gzip's CPU.
        context.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        return (await mediator.Send(new GetRating.Query(r.Authority, r.Measure, r.Period, Proto.Text(r.Breakdown), Proto.Text(r.Since)), context.CancellationToken)).ToMessage();
    }

    public override async Task<V1.Scorecard> GetScorecard(V1.GetScorecardRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetScorecard.Query(r.Authority, r.Period, Proto.Text(r.Breakdown), Proto.Text(r.Area)), context.CancellationToken)).ToMessage();

    public override async Task<V1.GetSpcResponse> GetSpc(V1.GetSpcRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetSpc.Query(r.Authority, r.Measure, r.Period, Proto.Text(r.Breakdown), r.Points, [.. r.Baselines]), context.CancellationToken)).ToMessage();

    public override async Task<V1.GetBreakdownRatingsResponse> GetBreakdownRatings(V1.GetBreakdownRatingsRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetBreakdownRatings.Query(r.Authority, r.Measure, r.Period, Proto.Text(r.Dimension)), context.CancellationToken)).ToMessage();

    /// <summary>
    /// Streams a fresh rating whenever a figure of a watched authority changes. Changes arrive through the event log
    /// follower, so a figure written through any replica reaches watchers on every replica.
    /// </summary>
    public override async Task WatchRatings(V1.WatchRatingsRequest request, IServerStreamWriter<V1.RatingUpdate> responseStream, ServerCallContext context)
    {
        var current = reference.Current;
        if (request.Authorities.Count == 0) throw ValidationFailedException.Of("authorities", "name at least one authority to watch.");
        var problems = request.Authorities.Where(a => current.FindAuthority(a) is null).Select(a => ("authorities", $"'{a}' is not a known GSS code or LA number."))
            .Concat(request.Measures.Where(m => !current.Measures.ContainsKey(m)).Select(m => ("measures", $"'{m}' is not a known measure."))).ToList();
        if (problems.Count > 0) throw ValidationFailedException.Of(problems);
        var watched = request.Authorities.Select(a => current.FindAuthority(a)!).DistinctBy(a => a.LaNumber).ToDictionary(a => a.LaNumber);
        foreach (var authority in watched.Values) client.Require(Scopes.Read, authority.LaNumber, authority.Name);
        var measures = request.Measures.ToHashSet();
        // A key revoked (or expired) while the stream is open ends it: the watcher is checked four times a second.
        using var keyWithdrawn = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var guard = EndWhenKeyWithdrawnAsync(client.Id!, keyWithdrawn);
        var changes = feed.Subscribe(keyWithdrawn.Token);
        // Headers now, so the client knows the watch is live before any change arrives.
        await context.WriteResponseHeadersAsync([]);
        context.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        try
        {
            await WatchAsync(changes, watched, measures, responseStream, keyWithdrawn.Token);
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "This client's key has been revoked or has expired; the watch has ended."));
        }
        finally
        {
            await keyWithdrawn.CancelAsync();
            await guard;
        }
    }

    private async Task EndWhenKeyWithdrawnAsync(string clientId, CancellationTokenSource keyWithdrawn)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(keyWithdrawn.Token))
                if (!keys.StillValid(clientId)) { await keyWithdrawn.CancelAsync(); return; }
        }
        catch (OperationCanceledException) { }
    }

    private async Task WatchAsync(System.Threading.Channels.ChannelReader<string> changes, Dictionary<int, Domain.Authorities.Authority> watched, HashSet<string> measures,
        IServerStreamWriter<V1.RatingUpdate> responseStream, CancellationToken cancellationToken)
    {
        await foreach (var stream in changes.ReadAllAsync(cancellationToken))
        {
            // figure:{la}:{measure}:{period}[:{dimension}:{value}]
            var parts = stream.Split(':', 5);
            if (parts.Length < 4 || !int.TryParse(parts[1], out var la) || !watched.TryGetValue(la, out var authority)) continue;
            if (measures.Count > 0 && !measures.Contains(parts[2])) continue;
            if (!reference.Current.Measures.TryGetValue(parts[2], out var measure) || !Domain.Periods.Period.TryParse(parts[3], out var period)) continue;
            var breakdown = parts.Length == 5 ? parts[4] : "";
            if (await assessor.AssessAsync(authority, measure, period, breakdown, null, cancellationToken) is not { } rated) continue;
            await responseStream.WriteAsync(new V1.RatingUpdate
            {
                Rating = RatingResponse.From(rated).ToMessage(),
                Changed = $"{authority.GssCode ?? authority.LaNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{measure.Id}/{period}{(breakdown.Length > 0 ? "/" + breakdown : "")}",
            });
        }
    }
}
