using KpiService.Features.Ratings;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Mapping;

/// <summary>Scorecards, SPC charts and breakdown rankings as kpi.v1 messages; each rating in them as <see cref="RatingProto"/> maps it.</summary>
public static class RatingsProto
{
    public static V1.Scorecard ToMessage(this GetScorecard.Scorecard s) => new()
    {
        Authority = s.Authority.ToMessage(), Period = s.Period, Breakdown = s.Breakdown ?? "",
        Summary = new V1.StatusCounts { Green = s.Summary.Green, Amber = s.Summary.Amber, Red = s.Summary.Red, Unrated = s.Summary.Unrated, Missing = s.Summary.Missing },
        Areas = { s.Areas.Select(a => new V1.AreaRatings { Area = a.Area, Ratings = { a.Ratings.Select(RatingProto.ToMessage) }, Missing = { a.Missing.Select(ToMessage) } }) },
    };

    private static V1.ExpectedMeasure ToMessage(GetScorecard.ExpectedMeasure m) => new()
    {
        Measure = m.Measure, MeasureCode = m.MeasureCode ?? "", MeasureTitle = m.MeasureTitle, Period = m.Period, DataState = Proto.Name(m.DataState),
        DueDate = Proto.Date(m.DueDate), Reason = m.Reason ?? "",
    };

    public static V1.GetSpcResponse ToMessage(this GetSpc.SpcResponse s) => new()
    {
        Authority = s.Authority.ToMessage(), Measure = s.Measure, Period = s.Period, Polarity = Proto.Name(s.Polarity), Mean = s.Mean,
        UpperProcessLimit = s.UpperProcessLimit, LowerProcessLimit = s.LowerProcessLimit, AverageMovingRange = s.AverageMovingRange, Target = s.Target,
        Variation = Proto.Name(s.Variation), Assurance = Proto.Name(s.Assurance), Icons = new V1.SpcIcons { Variation = s.Icons.Variation, Assurance = s.Icons.Assurance },
        ConflictingSignals = s.ConflictingSignals, Method = s.Method, Cautions = { s.Cautions ?? [] },
        Segments = { s.Segments.Select(g => new V1.SpcSegment
        {
            From = g.From, Through = g.Through, Points = g.Points, Mean = g.Mean, UpperProcessLimit = g.UpperProcessLimit, LowerProcessLimit = g.LowerProcessLimit,
            AverageMovingRange = g.AverageMovingRange,
        }) },
        Points = { s.Points.Select(p => new V1.SpcPoint
        {
            Period = p.Period, Value = p.Value, MovingRange = p.MovingRange, Segment = p.Segment, Mean = p.Mean, UpperProcessLimit = p.UpperProcessLimit,
            LowerProcessLimit = p.LowerProcessLimit, SpecialCauses = { p.SpecialCauses },
        }) },
    };

    public static V1.GetBreakdownRatingsResponse ToMessage(this GetBreakdownRatings.BreakdownRanking b) => new()
    {
        Authority = b.Authority.ToMessage(), Measure = b.Measure, Period = b.Period, Dimension = b.Dimension, Polarity = Proto.Name(b.Polarity),
        Breakdowns = { b.Breakdowns.Select(r => new V1.RankedBreakdown { Value = r.Value, Rank = r.Rank, Rating = r.Rating.ToMessage() }) },
    };
}
