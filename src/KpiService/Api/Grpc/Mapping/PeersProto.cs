using KpiService.Domain.Peers;
using KpiService.Features.Peers;
using KpiService.ReadModels.Benchmarks;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Mapping;

/// <summary>kpi.v1.Peers' messages from the peer use cases' records, field by field. Quartiles are LAIT's letters, as on REST.</summary>
public static class PeersProto
{
    public static V1.Comparison ToMessage(this GetComparison.ComparisonResponse c) => new()
    {
        Measure = c.Measure, Period = c.Period, Polarity = Proto.Name(c.Polarity),
        Authority = c.Authority.ToMessage(), Neighbours = c.Neighbours.ToMessage(), Region = c.Region.ToMessage(), England = c.England.ToMessage(),
        Groups = { c.Groups.Select(ToMessage) },
        Rank = c.Rank, Of = c.Of, Quartile = c.Quartile?.ToString() ?? "", QuartileBreakpoints = { c.QuartileBreakpoints ?? [] },
        RankedAgainst = c.RankedAgainst ?? "", RankedAgainstPublished = c.RankedAgainstPublished, NotRankedInYearBecause = c.NotRankedInYearBecause ?? "",
        EnglandMean = c.EnglandMean, EnglandMeanUnrounded = c.EnglandMeanUnrounded, StandardDeviations = c.StandardDeviations,
        VersusNeighbours = Proto.Name(c.VersusNeighbours), VersusBasis = c.VersusBasis ?? "",
    };

    public static V1.PeerAuthority ToMessage(this GetComparison.OwnValue o) => new()
    {
        Code = o.Code ?? "", LaNumber = o.LaNumber, Name = o.Name, Value = o.Value, Numerator = o.Numerator, Denominator = o.Denominator,
        Period = o.Period ?? "", Source = Proto.Name(o.Source), State = Proto.Name(o.State), Mark = o.Mark ?? "",
    };

    public static V1.Neighbours ToMessage(this GetComparison.NeighboursResponse n) => new()
    {
        Model = n.Model, Average = n.Average, AverageUnrounded = n.AverageUnrounded, WeightedAverage = n.WeightedAverage, WeightedAverageUnrounded = n.WeightedAverageUnrounded,
        Count = n.Count, Of = n.Of, Suppressed = n.Suppressed, Missing = n.Missing, Members = { n.Members.Select(ToMessage) },
        Rank = n.Rank?.ToMessage(), NotRankedBecause = n.NotRankedBecause ?? "",
    };

    public static V1.NeighbourRank ToMessage(this NeighbourRank r) => new() { Rank = r.Rank, Of = r.Of, Text = r.Text, Period = r.Period.ToString(), Published = r.Published };

    public static V1.Member ToMessage(this MemberValue m) => new()
    {
        Code = m.Code ?? "", LaNumber = m.LaNumber, Name = m.Name ?? "", Value = m.Value, Period = m.Period ?? "", Source = Proto.Name(m.Source),
        Withheld = m.Withheld, Mark = m.Mark ?? "",
    };

    public static V1.AreaValue ToMessage(this AreaResponse a) => new()
    {
        Code = a.Code, Name = a.Name, Value = a.Value, Mark = a.Mark ?? "", Period = a.Period, Source = Proto.Name(a.Source), ComputedFrom = a.ComputedFrom, Note = a.Note ?? "",
    };

    public static V1.Group ToMessage(this GroupResponse g) => new()
    {
        Id = g.Id, Name = g.Name, Average = g.Average, AverageUnrounded = g.AverageUnrounded, WeightedAverage = g.WeightedAverage, WeightedAverageUnrounded = g.WeightedAverageUnrounded,
        Count = g.Count, Of = g.Of, Suppressed = g.Suppressed, Missing = g.Missing, Members = { g.Members.Select(ToMessage) },
    };

    public static V1.League ToMessage(this GetLeague.League l) => new()
    {
        Measure = l.Measure, Period = l.Period, Polarity = Proto.Name(l.Polarity), Of = l.Of, QuartileBreakpoints = { l.QuartileBreakpoints ?? [] },
        NotRankedBecause = l.NotRankedBecause ?? "", Authorities = { l.Authorities.Select(ToMessage) }, Withheld = l.Withheld, WithheldBecause = l.WithheldBecause ?? "",
    };

    public static V1.LeagueRow ToMessage(this GetLeague.LeagueEntry e) => new()
    {
        Code = e.Code ?? "", LaNumber = e.LaNumber, Name = e.Name ?? "", Value = e.Value, Source = Proto.Name(e.Source), Rank = e.Rank,
        Quartile = e.Quartile?.ToString() ?? "", NotRankedBecause = e.NotRankedBecause ?? "",
    };

    public static V1.ImportBenchmarksResponse ToMessage(this ImportBenchmarks.ImportSummary s) => new()
    {
        Imported = s.Imported, Source = s.Source, Measures = { s.Measures }, Format = Proto.Name(s.Format), Values = s.Values, Marks = s.Marks,
        MarksByKind = { s.MarksByKind.ToDictionary() }, Skipped = { s.Skipped.ToDictionary() }, NotRanked = s.NotRanked,
    };

    public static V1.BenchmarkSet ToMessage(this BenchmarkSet b) => new()
    {
        Source = b.Source, Measure = b.Measure, Figures = b.Figures, Values = b.Values, Marks = b.Marks, Periods = { b.Periods.Select(ToMessage) },
        PublishedAt = Proto.Timestamp(b.PublishedAt),
    };

    public static V1.BenchmarkPeriod ToMessage(this BenchmarkPeriod p) => new()
    {
        Label = p.Label, ComparedWith = p.ComparedWith, Figures = p.Figures, Values = p.Values, Marks = p.Marks, Revised = p.Revised,
    };

    public static V1.WithdrawBenchmarksResponse ToMessage(this WithdrawBenchmarks.Withdrawn w) => new() { Source = w.Source, Measure = w.Measure, Figures = w.Figures, Reason = w.Reason ?? "" };
}
