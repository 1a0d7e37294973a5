using System.Globalization;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Ratings;
using KpiService.Features.Catalogue;
using DefineLocalMeasure = KpiService.Features.Catalogue.DefineLocalMeasure;
using MarkPeriods = KpiService.Features.Catalogue.MarkPeriods;
using SetLocalName = KpiService.Features.Catalogue.SetLocalName;
using SetPerformanceGroups = KpiService.Features.Catalogue.SetPerformanceGroups;
using SetSchedule = KpiService.Features.Catalogue.SetSchedule;
using WriteCommentary = KpiService.Features.Catalogue.WriteCommentary;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Mapping;

/// <summary>
/// A council's catalogue, schedule, overdue report and commentary as kpi.v1 messages, and the write requests read into
/// REST's body records. An empty list is "not sent" (proto3 cannot say otherwise); vocabularies are REST's names, and
/// a value REST's JSON would refuse is refused naming the same field.
/// </summary>
public static class CatalogueProto
{
    /// <summary>A local measure is defined as a national one is, less the LAIT code, which only national measures have.</summary>
    public static DefineLocalMeasure.Body ToLocalBody(this V1.MeasureDefinition? m)
    {
        var b = m.ToBody();
        return new(b.Title, b.Definition, b.Area, b.Unit, b.Polarity, b.DecimalPlaces, b.Aggregation, b.Code, b.FlatThreshold, b.SmallCohortThreshold, b.PerformanceGroups,
            b.RequiresNumeratorAndDenominator);
    }

    public static SetLocalName.Body ToBody(this V1.SetLocalNameRequest m) => new(Proto.Text(m.Code), Proto.Text(m.Title));

    public static SetPerformanceGroups.Body ToBody(this V1.SetPerformanceGroupsRequest m) =>
        new(m.Bands.Count == 0 ? null : [.. m.Bands.Select(ReferenceDataProto.ToBand)]);

    public static Dictionary<RagStatus, StatusLabel> ToLabels(this V1.SetLabelSchemeRequest m) =>
        m.Labels.ToDictionary(l => Proto.Vocabulary<RagStatus>(l.Key, $"labels.{l.Key}") ?? throw Proto.Refused("labels"), l => new StatusLabel(l.Value.Name, l.Value.Colour));

    public static SetSchedule.Body ToBody(this V1.SetScheduleRequest m) => new(m.Entries.Count == 0 ? null : [.. m.Entries.Select((e, i) =>
        new SetSchedule.EntryBody(Proto.Text(e.Measure), Proto.Vocabulary<ReportingFrequency>(e.Frequency, $"entries[{i}].frequency"), e.DueWorkingDay, Proto.Text(e.From)))]);

    public static MarkPeriods.Body ToBody(this V1.MarkPeriodsRequest m) =>
        new(Proto.Text(m.Measure), Proto.Text(m.From), Proto.Text(m.Through), Proto.Vocabulary<MarkKind>(m.Kind, "kind"), Proto.Text(m.Reason));

    public static WriteCommentary.Body ToBody(this V1.WriteCommentaryRequest m) => new(Proto.Text(m.Text), m.Action is { } a
        ? new CommentaryAction(a.Text, Proto.Text(a.Owner), a.Due.Length == 0 ? null
            : DateOnly.TryParseExact(a.Due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) ? due : throw Proto.Refused("action.due"))
        : null);

    public static V1.DefineLocalMeasureResponse ToMessage(this DefineLocalMeasure.Result r) => new() { Measure = r.Measure.ToMessage(), Etag = r.ETag, Created = r.Created };

    /// <summary>A proto map cannot hold a list, so each measure's bands sit in a PerformanceGroups message.</summary>
    public static V1.AuthorityCatalogue ToMessage(this CatalogueResponse c)
    {
        var catalogue = new V1.AuthorityCatalogue { Authority = c.Authority.ToMessage(), LocalMeasures = { c.LocalMeasures.Select(ReferenceDataProto.ToMessage) }, Etag = c.ETag };
        foreach (var (measure, name) in c.LocalNames) catalogue.LocalNames[measure] = new V1.LocalName { Code = name.Code ?? "", Title = name.Title ?? "" };
        foreach (var (measure, bands) in c.PerformanceGroups)
            catalogue.PerformanceGroups[measure] = new V1.PerformanceGroups { Bands = { bands.Select(ReferenceDataProto.ToMessage) } };
        foreach (var (status, label) in c.Labels) catalogue.Labels[Proto.Name(status)] = new V1.StatusLabel { Name = label.Name, Colour = label.Colour };
        return catalogue;
    }

    public static V1.AuthorityMeasure ToMessage(this AuthorityMeasure m) => new() { Measure = m.Measure.ToMessage(), Local = m.Local };

    public static V1.Schedule ToMessage(this ScheduleResponse s) => new()
    {
        Authority = s.Authority.ToMessage(), Etag = s.ETag,
        Entries = { s.Entries.Select(e => new V1.ScheduleEntry { Measure = e.Measure, Frequency = Proto.Name(e.Frequency), DueWorkingDay = e.DueWorkingDay, From = e.From ?? "" }) },
        Marks = { s.Marks.Select(k => new V1.PeriodMark { Measure = k.Measure, From = k.From, Through = k.Through ?? "", Kind = Proto.Name(k.Kind), Reason = k.Reason }) },
    };

    public static V1.GetOverdueResponse ToMessage(this GetOverdue.OverdueReport o) => new()
    {
        Since = Proto.Date(o.Since), Today = Proto.Date(o.Today),
        Overdue = { o.Overdue.Select(e => new V1.ExpectedFigure
        {
            Authority = e.Authority.ToMessage(), Measure = e.Measure, Period = e.Period, DataState = Proto.Name(e.DataState), DueDate = Proto.Date(e.DueDate), Reason = e.Reason ?? "",
        }) },
    };

    public static V1.CommentaryThread ToMessage(this CommentaryResponse c) => new()
    {
        Authority = c.Authority.ToMessage(), Measure = c.Measure, Period = c.Period, Breakdown = c.Breakdown ?? "", Current = RatingProto.Commentary(c.Current),
        Withdrawn = c.Withdrawn, Revisions = { c.Revisions.Select(r => RatingProto.Commentary(r)!) }, Etag = c.ETag,
    };
}
