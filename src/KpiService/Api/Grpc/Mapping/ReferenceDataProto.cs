using KpiService.Domain.Measures;
using KpiService.Features.Authorities;
using KpiService.Features.ComparatorGroups;
using KpiService.Features.Measures;
using KpiService.Features.WorkingDays;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Mapping;

/// <summary>Authorities, neighbours, populations, dimensions, measures, comparator groups and working days as kpi.v1 messages, and back.</summary>
public static class ReferenceDataProto
{
    public static V1.Authority ToMessage(this AuthorityResponse a) => new()
    {
        Code = a.Code ?? "", LaNumber = a.LaNumber, Name = a.Name, Region = new V1.Region { Code = a.Region.Code, Name = a.Region.Name }, Type = a.Type, Active = a.Active,
    };

    public static V1.GetNeighboursResponse ToMessage(this GetNeighbours.NeighbourList n) => new()
    {
        Authority = n.Authority.ToMessage(), Model = n.Model,
        Neighbours = { n.Neighbours.Select(e => new V1.Neighbour { Rank = e.Rank, Code = e.Code ?? "", LaNumber = e.LaNumber, Name = e.Name, Closeness = e.Closeness }) },
    };

    public static V1.SetPopulationResponse ToMessage(this SetPopulation.Result r) => new()
    {
        Population = new V1.Population { Authority = r.Population.Authority.ToMessage(), Year = r.Population.Year, Aged0To17 = r.Population.Aged0To17, Source = r.Population.Source },
        Etag = r.ETag, Changed = r.Changed,
    };

    public static V1.DeclareDimensionResponse ToMessage(this DeclareDimension.Result r) => new()
    {
        Dimension = new V1.Dimension { Authority = r.Dimension.Authority.ToMessage(), Dimension_ = r.Dimension.Dimension, Values = { r.Dimension.Values } },
        Etag = r.ETag, Created = r.Created,
    };

    public static V1.Measure ToMessage(this MeasureResponse m) => new()
    {
        Id = m.Id, Code = m.Code ?? "", Title = m.Title, Definition = m.Definition, Area = m.Area, Unit = Proto.Name(m.Unit), Polarity = Proto.Name(m.Polarity),
        DecimalPlaces = m.DecimalPlaces, Aggregation = Proto.Name(m.Aggregation), FlatThreshold = m.FlatThreshold, SmallCohortThreshold = m.SmallCohortThreshold,
        PerformanceGroups = { (m.PerformanceGroups ?? []).Select(ToMessage) }, RequiresNumeratorAndDenominator = m.RequiresNumeratorAndDenominator,
        LaitCode = m.LaitCode ?? "", PublishedYearType = Proto.Name(m.PublishedYearType),
    };

    public static V1.PerformanceGroup ToMessage(this PerformanceGroupBand b) => new() { Group = b.Group, From = b.From };

    public static PerformanceGroupBand ToBand(this V1.PerformanceGroup b) => new(b.Group, b.From);

    /// <summary>
    /// REST's measure body. Vocabularies are REST's names (another is refused by its field); a value not sent is null, so
    /// the validator names what is required; an empty performance_groups is "not sent".
    /// </summary>
    public static DefineMeasure.Body ToBody(this V1.MeasureDefinition? m) => m is null
        ? new(null, null, null, null, null, null, null, null, null, null, null, null, null, null)
        : new(Proto.Text(m.Title), Proto.Text(m.Definition), Proto.Text(m.Area), Proto.Vocabulary<Unit>(m.Unit, "unit"), Proto.Vocabulary<Polarity>(m.Polarity, "polarity"),
            m.DecimalPlaces, Proto.Vocabulary<Aggregation>(m.Aggregation, "aggregation"), Proto.Text(m.Code), m.FlatThreshold, m.SmallCohortThreshold,
            m.PerformanceGroups.Count == 0 ? null : [.. m.PerformanceGroups.Select(ToBand)], m.RequiresNumeratorAndDenominator, Proto.Text(m.LaitCode),
            Proto.Vocabulary<PublishedYearType>(m.PublishedYearType, "publishedYearType"));

    public static V1.GetMeasureResponse ToMessage(this GetMeasure.Result r) => new() { Measure = r.Measure.ToMessage(), Etag = r.ETag };

    public static V1.DefineMeasureResponse ToMessage(this DefineMeasure.Result r) => new() { Measure = r.Measure.ToMessage(), Etag = r.ETag, Created = r.Created };

    public static V1.ComparatorGroup ToMessage(this GroupDefinition g) => new()
    {
        Id = g.Id, Name = g.Name, Members = { g.Members.Select(Proto.ToMessage) }, Owner = g.Owner?.ToMessage(),
    };

    public static SaveComparatorGroup.Body ToBody(this V1.SaveComparatorGroupRequest m) =>
        new(Proto.Text(m.Name), m.Members.Count == 0 ? null : [.. m.Members], Proto.Text(m.Owner));

    public static V1.GetComparatorGroupResponse ToMessage(this GetComparatorGroup.Result r) => new() { Group = r.Group.ToMessage(), Etag = r.ETag };

    public static V1.SaveComparatorGroupResponse ToMessage(this SaveComparatorGroup.Result r) => new() { Group = r.Group.ToMessage(), Etag = r.ETag, Created = r.Created };

    public static V1.CountWorkingDaysResponse ToMessage(this CountWorkingDays.WorkingDaysCount c) => new()
    {
        From = Proto.Date(c.From), To = Proto.Date(c.To), WorkingDays = c.WorkingDays, Convention = c.Convention,
    };
}
