using KpiService.Features.Ratings;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc;

/// <summary>
/// The rating as a proto message, mapped field by field: the hot path of the gRPC API, so it skips the JSON bridge
/// the rest of the mapping uses. A test checks it gives the same message as the bridge.
/// </summary>
public static class RatingProto
{
    public static V1.Rating From(RatingResponse r)
    {
        var rating = new V1.Rating
        {
            Authority = new V1.AuthorityRef { Code = r.Authority.Code ?? "", LaNumber = r.Authority.LaNumber, Name = r.Authority.Name },
            Measure = r.Measure, MeasureTitle = r.MeasureTitle, Area = r.Area, Period = r.Period, Breakdown = r.Breakdown ?? "",
            Value = r.Value, DisplayValue = r.DisplayValue, Numerator = r.Numerator, Denominator = r.Denominator,
            Source = r.RolledUpFrom is { } dimension ? $"rolledUp:{dimension}" : Name(r.Source),
            Target = r.Target, Tolerance = r.Tolerance, Status = Name(r.Status), Label = r.Label,
            DistanceFromTarget = r.DistanceFromTarget, ChangeSincePrevious = r.ChangeSincePrevious, PreviousPeriod = r.PreviousPeriod ?? "",
            Direction = r.Direction is { } d ? Name(d) : "", Judgement = r.Judgement is { } j ? Name(j) : "",
            PerformanceGroup = r.PerformanceGroup, SmallCohort = r.SmallCohort,
            ConfidenceInterval = r.ConfidenceInterval is { } ci ? new V1.Interval { Lower = ci.Lower, Upper = ci.Upper } : null,
            YearToDate = Aggregate(r.YearToDate), Rolling12Months = Aggregate(r.Rolling12Months),
            Rule = Rule(r.Rule),
        };
        if (r.Trend is { } t)
            rating.Trend = new V1.Trend { Direction = Name(t.Direction), Judgement = Name(t.Judgement), Periods = t.Periods, Since = t.Since, Change = t.Change, Summary = t.Summary };
        if (r.Warnings is not null) rating.Warnings.AddRange(r.Warnings);
        return rating;
    }

    private static V1.Aggregate? Aggregate(AggregateResponse? a) => a is null ? null : new V1.Aggregate
    {
        Period = a.Period, From = a.From, Through = a.Through,
        Value = a.Value, Numerator = a.Numerator, Denominator = a.Denominator, Months = a.Months, NotComputedBecause = a.NotComputedBecause ?? "",
    };

    private static V1.Rule? Rule(RuleResponse? rule)
    {
        if (rule is null) return null;
        var proto = new V1.Rule { FromPeriod = rule.FromPeriod, Type = Name(rule.Type), Target = rule.Target, Tolerance = rule.Tolerance };
        if (rule.Bands is not null) proto.Bands.AddRange(rule.Bands.Select(band => new V1.Band { Status = Name(band.Status), From = band.From, To = band.To }));
        if (rule.Benchmark is { } b) proto.Benchmark = new V1.BenchmarkRule { Group = b.Group, Margin = b.Margin, Average = b.Average };
        if (rule.Labels is not null)
            foreach (var (status, label) in rule.Labels) proto.Labels[Name(status)] = label;
        return proto;
    }

    // The same lowerCamel names the REST API uses.
    private static string Name<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
