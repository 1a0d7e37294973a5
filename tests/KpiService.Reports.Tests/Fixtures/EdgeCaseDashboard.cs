using KpiService.Domain.Analytics;
using KpiService.Domain.Catalogue;
using KpiService.Domain.Peers;

namespace KpiService.Reports.Tests.Fixtures;

/// <summary>
/// A small made-up dashboard for what Gloucestershire's does not exercise: a count, a neutral measure, figures awaiting
/// a partner or due (the seeds print "Data due" and "awaiting Health", seeds/001 line 836), an action with an owner,
/// peers with their own periods, and text that is hostile to CSV, XML and HTML.
/// </summary>
public static class EdgeCaseDashboard
{
    public const string HostileTitle = "<script>alert('x')</script> & \"quoted\" =SUM(A1)";
    public const string FormulaCommentary = "=HYPERLINK(\"http://example.invalid\",\"click\")";

    public static Dashboard Build()
    {
        var september = Period.Month(2021, 9);
        var months = Enumerable.Range(0, 13).Select(i => Period.Month(2020, 9).Start.AddMonths(i)).Select(d => Period.Month(d.Year, d.Month)).ToList();

        var timely = new Measure("assessments-within-45-wd", "CSC 038", "% of single assessments completed within 45 working days", "", "Assessment",
            Unit.Percentage, Polarity.Higher, 1, Aggregation.Ratio);
        double[] timelyValues = [87, 82, 79, 89, 76, 81, 84, 85, 83, 80, 78, 82, 83.2];
        var timelyRow = Rated(timely, months, timelyValues, new TargetRule(Period.Month(2021, 4), 87, 5),
            new PeerSnapshot(new ComparatorValue(81.4, Period.FinancialYearStarting(2020), "statistical neighbours (2021 model)", 10),
                new ComparatorValue(82.0, Period.FinancialYearStarting(2020), "South West", 15),
                new ComparatorValue(84.1, Period.FinancialYearStarting(2020), "published", null), 88, 151, QuartileBand.C),
            new Commentary("Cotswolds declined for the third month.", new CommentaryAction("Review Cotswolds caseloads", "Head of Service", new DateOnly(2021, 10, 31)),
                "Performance team", new DateTimeOffset(2021, 10, 20, 10, 0, 0, TimeSpan.Zero), 2),
            new Persistence(12, 12, 3, 7, 2, 2, false, false, 2, false, Stability.Fluctuating, "3 of 12 months on target, fluctuating"));

        var referrals = new Measure("referrals-received", null, "Referrals received", "", "Front door", Unit.Count, Polarity.Neutral, 0, Aggregation.Flow);
        double[] referralValues = [712, 690, 705, 640, 655, 701, 820, 790, 760, 745, 730, 715, 967];
        var referralRow = Rated(referrals, months, referralValues, null, null, null, null);

        var health = new Measure("health-assessments-on-time", null, "% of children in care with an up-to-date health assessment", "", "Health",
            Unit.Percentage, Polarity.Higher, 1, Aggregation.Snapshot);
        var healthPoints = months.Select((m, i) => new SeriesPoint(m, i < 11 ? 88 + i * 0.2 : null, null)).ToList();
        var healthRow = new DashboardRow(Heading(health), DataState.AwaitingPartner, "awaiting Health", new DateOnly(2021, 10, 15),
            healthPoints, null, null, null, null, false);

        var hostile = new Measure("hostile-text", "=1+1", HostileTitle, "", "Front door", Unit.RatePer10k, Polarity.Lower, 1, Aggregation.Flow);
        var hostileRow = new DashboardRow(Heading(hostile), DataState.Due, null, new DateOnly(2021, 10, 29), [], null, null,
            new Commentary(FormulaCommentary, null, "-someone", DateTimeOffset.UnixEpoch, 1), null, false);

        List<DashboardRow> frontDoor = [referralRow, hostileRow];
        List<DashboardRow> rest = [timelyRow, healthRow];
        var all = frontDoor.Concat(rest).ToList();
        return new Dashboard(new AuthorityHeading("E06000039", 871, "Slough & <Partners>"), september, months[0], 13, DashboardGrouping.Area,
            "locality:Cheltenham", new DateTimeOffset(2021, 11, 8, 0, 0, 0, TimeSpan.Zero), 2025,
            new LabelScheme(new Dictionary<RagStatus, StatusLabel> { [RagStatus.Amber] = new("Yellow", "#ffdd00"), [RagStatus.Unrated] = new("Grey", "#b1b4b6") }),
            GloucestershireDashboard.Summarise(all),
            [new DashboardGroup("front-door", "Front door", frontDoor), new DashboardGroup("assessment", "Assessment & health", rest)],
            new DateTimeOffset(2021, 11, 1, 8, 0, 0, TimeSpan.Zero));
    }

    private static DashboardRow Rated(Measure measure, List<Period> months, double[] values, TargetRule? rule, PeerSnapshot? peers,
        Commentary? commentary, Persistence? persistence)
    {
        var series = months.Zip(values).ToDictionary(x => x.First, x => new MeasureValue(x.Second, null, null));
        var rating = RatingEngine.Rate(new RatingInput(measure, months[^1], series, rule))!;
        var points = months.Zip(values).Select(x => new SeriesPoint(x.First, x.Second,
            rule is null ? null : RatingRules.Rate(rule, measure.Polarity, x.Second))).ToList();
        var chart = Spc.Chart([.. months.Zip(values)], measure.Polarity, rating.Target);
        var exception = rating.Status == RagStatus.Red ? new ExceptionAssessment(ExceptionGroup.DoBetter, "red and below target for 2 periods") : null;
        var assessment = new MeasureAssessment(rating, null, persistence, exception,
            chart is null ? null : new SpcSignal(chart.Variation, chart.Assurance, new SpcIcons("common-cause", "hit-and-miss"), false), null);
        return new DashboardRow(Heading(measure), DataState.Received, null, null, points, assessment, peers, commentary, 2, true);
    }

    private static MeasureHeading Heading(Measure m) => new(m.Id, m.Code, m.Title, m.Area, m.Unit, m.Polarity, m.DecimalPlaces);
}
