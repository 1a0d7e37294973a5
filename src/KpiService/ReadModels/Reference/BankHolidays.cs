using KpiService.Domain.Periods;

namespace KpiService.ReadModels.Reference;

/// <summary>England and Wales bank holidays 2012–2027 (GOV.UK), shipped with the service.</summary>
public sealed class BankHolidays
{
    public WorkingDays WorkingDays { get; }
    public DateOnly First { get; }
    public DateOnly Last { get; }

    public BankHolidays(string directory)
    {
        var dates = File.ReadLines(Path.Combine(directory, "bank-holidays-england-wales.csv")).Skip(1)
            .Where(line => line.Length >= 10)
            .Select(line => DateOnly.ParseExact(line[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        (First, Last) = (new DateOnly(dates.Min().Year, 1, 1), new DateOnly(dates.Max().Year, 12, 31));
        WorkingDays = new WorkingDays(dates);
    }
}
