using KpiService.Domain.Ratings;
using KpiService.Features.Ratings;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc;

/// <summary>
/// The rating as a proto message, mapped field by field: the hot path of the gRPC API, so it skips the JSON bridge
/// the rest of the mapping uses. A test checks it gives the same message as the bridge.
/// </summary>
public static class RatingProto
{
    public static V1.Rating From(RatedFigure rated)
    {
        var (r, m) = (rated.Rating, rated.Measure);
        var rating = new V1.Rating
        {
            Authority = new V1.AuthorityRef { Code = rated.Authority.GssCode ?? "", LaNumber = rated.Authority.LaNumber, Name = rated.Authority.Name },
            Measure = m.Id, MeasureTitle = m.Title, Area = m.Area, Period = r.Period.ToString(), Breakdown = rated.Breakdown,
            Value = r.Value, DisplayValue = m.Round(r.Value), Numerator = r.Numerator, Denominator = r.Denominator, Source = rated.Source,
            Target = r.Target, Tolerance = r.Tolerance, Status = Name(r.Status), Label = r.Label,
            DistanceFromTarget = r.DistanceFromTarget, ChangeSincePrevious = r.ChangeSincePrevious, PreviousPeriod = r.PreviousPeriod?.ToString() ?? "",
            Direction = r.Direction is { } d ? Name(d) : "", Judgement = r.Judgement is { } j ? Name(j) : "",
            PerformanceGroup = r.PerformanceGroup, SmallCohort = r.SmallCohort,
            ConfidenceInterval = r.ConfidenceInterval is { } ci ? new V1.Interval { Lower = ci.Lower, Upper = ci.Upper } : null,
            YearToDate = Aggregate(r.YearToDate), Rolling12Months = Aggregate(r.Rolling12Months),
            Rule = Rule(r.Rule, r.BenchmarkAverage),
        };
        if (r.Trend is { } t)
            rating.Trend = new V1.Trend
            {
                Direction = Name(t.Direction), Judgement = Name(Movement.JudgementOf(t.Direction, m.Polarity)), Periods = t.Periods,
                Since = t.Since.ToString(), Change = t.Change, Summary = RatingDto.Summary(t, m),
            };
        rating.Warnings.AddRange(rated.Warnings);
        return rating;
    }

    private static V1.Aggregate? Aggregate(Domain.Ratings.Aggregate? a) => a is null ? null : new V1.Aggregate
    {
        Period = a.From.FinancialYear.ToString(), From = a.From.ToString(), Through = a.Through.ToString(),
        Value = a.Value, Numerator = a.Numerator, Denominator = a.Denominator, Months = a.Months, NotComputedBecause = a.NotComputedBecause ?? "",
    };

    private static V1.Rule? Rule(RatingRule? rule, double? benchmarkAverage)
    {
        if (rule is null) return null;
        var proto = new V1.Rule { FromPeriod = rule.From.ToString() };
        switch (rule)
        {
            case TargetRule t: (proto.Type, proto.Target, proto.Tolerance) = ("targetAndTolerance", t.Target, t.Tolerance); break;
            case BandsRule b:
                proto.Type = "bands";
                proto.Bands.AddRange(b.Bands.Select(band => new V1.Band { Status = Name(band.Status), From = band.From, To = band.To }));
                break;
            case BenchmarkRule g:
                proto.Type = "benchmark";
                proto.Benchmark = new V1.BenchmarkRule { Group = g.Group, Margin = g.Margin, Average = benchmarkAverage };
                break;
        }
        if (rule.Labels is not null)
            foreach (var (status, label) in rule.Labels) proto.Labels[Name(status)] = label;
        return proto;
    }

    // The same lowerCamel names the REST API uses.
    private static string Name<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
