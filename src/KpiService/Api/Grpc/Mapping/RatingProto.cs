using KpiService.Domain.Analytics;
using KpiService.Domain.Catalogue;
using KpiService.Features.Ratings;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Mapping;

/// <summary>
/// The rating as a proto message, mapped field by field; its rule, commentary and bands serve targets and the
/// catalogue too.
/// </summary>
public static class RatingProto
{
    public static V1.Rating ToMessage(this RatingResponse r)
    {
        var rating = new V1.Rating
        {
            Authority = r.Authority.ToMessage(),
            Measure = r.Measure, MeasureTitle = r.MeasureTitle, MeasureCode = r.MeasureCode ?? "", Area = r.Area, Period = r.Period, Breakdown = r.Breakdown ?? "",
            Value = r.Value, DisplayValue = r.DisplayValue, Numerator = r.Numerator, Denominator = r.Denominator,
            Source = r.RolledUpFrom is { } dimension ? $"rolledUp:{dimension}" : Proto.Name(r.Source),
            Target = r.Target, Tolerance = r.Tolerance, Status = Proto.Name(r.Status), Label = r.Label, Colour = r.Colour,
            DistanceFromTarget = r.DistanceFromTarget, ChangeSincePrevious = r.ChangeSincePrevious, PreviousPeriod = r.PreviousPeriod ?? "",
            Direction = Proto.Name(r.Direction), Judgement = Proto.Name(r.Judgement),
            PerformanceGroup = r.PerformanceGroup, SmallCohort = r.SmallCohort,
            ConfidenceInterval = r.ConfidenceInterval is { } ci ? new V1.Interval { Lower = ci.Lower, Upper = ci.Upper } : null,
            YearToDate = Aggregate(r.YearToDate), Rolling12Months = Aggregate(r.Rolling12Months),
            Rule = Rule(r.Rule), YearOnYear = YearOnYear(r.YearOnYear), Persistence = Persistence(r.Persistence),
            Exception = r.Exception is { } e ? new V1.ExceptionAssessment { Group = Proto.Name(e.Group), Reason = e.Reason } : null,
            Spc = Spc(r.Spc), Forecast = Forecast(r.Forecast), DataState = Proto.Name(r.DataState), Commentary = Commentary(r.Commentary),
        };
        if (r.Trend is { } t)
            rating.Trend = new V1.Trend { Direction = Proto.Name(t.Direction), Judgement = Proto.Name(t.Judgement), Periods = t.Periods, Since = t.Since, Change = t.Change, Summary = t.Summary };
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
        var proto = new V1.Rule { FromPeriod = rule.FromPeriod, Type = Proto.Name(rule.Type), Target = rule.Target, Tolerance = rule.Tolerance };
        if (rule.Bands is not null) proto.Bands.AddRange(rule.Bands.Select(Band));
        proto.Benchmark = Benchmark(rule.Benchmark);
        proto.Trajectory = Trajectory(rule.Trajectory);
        if (rule.Labels is not null)
            foreach (var (status, label) in rule.Labels) proto.Labels[Proto.Name(status)] = label;
        return proto;
    }

    public static V1.Band Band(BandResponse band) => new() { Status = Proto.Name(band.Status), From = band.From, To = band.To, Above = band.Above, Below = band.Below };

    public static V1.BenchmarkRule? Benchmark(BenchmarkResponse? b) =>
        b is null ? null : new V1.BenchmarkRule { Group = b.Group, Margin = b.Margin, Average = b.Average, GroupVersion = b.GroupVersion };

    public static V1.Trajectory? Trajectory(TrajectoryResponse? p) => p is null ? null : new V1.Trajectory { StartValue = p.StartValue, By = p.By, Target = p.Target };

    private static V1.YearOnYear? YearOnYear(YearOnYear? y)
    {
        if (y is null) return null;
        return new V1.YearOnYear
        {
            ComparedWith = y.ComparedWith.ToString(), PreviousValue = y.PreviousValue, Change = y.Change, PercentChange = y.PercentChange,
            Baseline = y.Baseline?.ToString() ?? "", BaselineValue = y.BaselineValue, ChangeSinceBaseline = y.ChangeSinceBaseline, PercentChangeSinceBaseline = y.PercentChangeSinceBaseline,
        };
    }

    private static V1.Persistence? Persistence(Persistence? p)
    {
        if (p is null) return null;
        return new V1.Persistence
        {
            Window = p.Window, PeriodsRated = p.PeriodsRated, PeriodsOnTarget = p.PeriodsOnTarget, LongestRunOffTarget = p.LongestRunOffTarget,
            CurrentRunOffTarget = p.CurrentRunOffTarget, RecordHigh = p.RecordHigh, RecordLow = p.RecordLow, PerformanceGroupChanged = p.PerformanceGroupChanged,
            Stability = Proto.Name(p.Stability), Summary = p.Summary,
            PeriodsSinceOnTarget = p.PeriodsSinceOnTarget, PreviousPerformanceGroup = p.PreviousPerformanceGroup, TrendPerPeriod = p.TrendPerPeriod,
        };
    }

    private static V1.SpcSignal? Spc(SpcSignal? s)
    {
        if (s is null) return null;
        var proto = new V1.SpcSignal
        {
            Variation = Proto.Name(s.Variation), Assurance = Proto.Name(s.Assurance), ConflictingSignals = s.ConflictingSignals,
            Icons = new V1.SpcIcons { Variation = s.Icons.Variation, Assurance = s.Icons.Assurance },
        };
        proto.Causes.AddRange(s.Causes);
        return proto;
    }

    private static V1.Forecast? Forecast(Forecast? f) => f is null ? null : new V1.Forecast
    {
        YearEnd = f.YearEnd.ToString(), ProjectedValue = f.ProjectedValue, MonthsElapsed = f.MonthsElapsed, Method = f.Method,
        NotComputedBecause = f.NotComputedBecause ?? "", Target = f.Target,
    };

    public static V1.Commentary? Commentary(Commentary? c) => c is null ? null : new V1.Commentary
    {
        Text = c.Text, Author = c.Author, Revision = c.Revision,
        At = Proto.Timestamp(c.At),
        Action = c.Action is { } a ? new V1.CommentaryAction { Text = a.Text, Owner = a.Owner ?? "", Due = Proto.Date(a.Due) } : null,
    };
}
