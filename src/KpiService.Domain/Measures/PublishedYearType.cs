namespace KpiService.Domain.Measures;

/// <summary>
/// How a published statistic's year is dated (LAIT's <c>Year_Type</c>, EES's <c>time_identifier</c>): over a
/// financial year (1 April – 31 March), an academic year (1 September – 31 August) or a calendar year, or as a
/// snapshot at 31 March (LAIT "Annual": children in care, on a plan, in need) or at 30 September (LAIT
/// "Annual (end of Sept)": the social work workforce census). See docs/catalogue.md for how each label maps.
/// </summary>
public enum PublishedYearType { FinancialYear, AcademicYear, CalendarYear, EndOfMarch, EndOfSeptember }
