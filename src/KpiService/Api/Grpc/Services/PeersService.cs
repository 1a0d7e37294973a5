using Grpc.Core;
using KpiService.Api.Grpc.Mapping;
using KpiService.Common;
using KpiService.Features.Peers;
using MediatR;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Services;

/// <summary>kpi.v1.Peers: comparison, league and the benchmark import, as REST's /measures/{m}/comparison, /league and /benchmarks.</summary>
public sealed class PeersService(IMediator mediator) : V1.Peers.PeersBase
{
    public override async Task<V1.Comparison> GetComparison(V1.GetComparisonRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetComparison.Query(r.Measure, r.Period, Proto.Text(r.Authority), r.Model == 0 ? null : r.Model, [.. r.Groups]), context.CancellationToken)).ToMessage();

    public override async Task<V1.League> GetLeague(V1.GetLeagueRequest r, ServerCallContext context) =>
        (await mediator.Send(new GetLeague.Query(r.Measure, r.Period), context.CancellationToken)).ToMessage();

    public override async Task<V1.ImportBenchmarksResponse> ImportBenchmarks(V1.ImportBenchmarksRequest r, ServerCallContext context)
    {
        // The same command as REST's POST /benchmarks: the file read as it is (plain or gzip), the same source rule.
        await using var body = new MemoryStream(r.Csv.ToByteArray(), writable: false);
        var command = new ImportBenchmarks.Command(Proto.Text(r.Source), body,
            r.IndicatorColumns.Count == 0 ? null : new Dictionary<string, string>(r.IndicatorColumns, StringComparer.OrdinalIgnoreCase),
            r.Filters.Count == 0 ? null : new Dictionary<string, string>(r.Filters, StringComparer.OrdinalIgnoreCase));
        try
        {
            return (await mediator.Send(command, context.CancellationToken)).ToMessage();
        }
        catch (ValidationFailedException e) when (e.Errors.ContainsKey("body"))
        {
            // The file is the csv field here.
            throw new ValidationFailedException(e.Errors.ToDictionary(p => p.Key == "body" ? "csv" : p.Key, p => p.Value));
        }
    }

    public override async Task<V1.ListBenchmarksResponse> ListBenchmarks(V1.ListBenchmarksRequest r, ServerCallContext context) =>
        new() { Sets = { (await mediator.Send(new ListBenchmarks.Query(Proto.Text(r.Source), Proto.Text(r.Measure)), context.CancellationToken)).Select(PeersProto.ToMessage) } };

    public override async Task<V1.WithdrawBenchmarksResponse> WithdrawBenchmarks(V1.WithdrawBenchmarksRequest r, ServerCallContext context) =>
        (await mediator.Send(new WithdrawBenchmarks.Command(r.Source, r.Measure, Proto.Text(r.Reason)), context.CancellationToken)).ToMessage();
}
