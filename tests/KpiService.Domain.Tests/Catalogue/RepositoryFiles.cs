using System.Globalization;

namespace KpiService.Domain.Tests.Catalogue;

/// <summary>Files of this repository (the shipped reference data), found from the test's output folder upwards.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>England and Wales bank holidays 2012–2027 as shipped (GOV.UK), for real working-day counts.</summary>
    public static WorkingDays WorkingDays { get; } = new(File.ReadLines(Path("src/KpiService/ReferenceData/bank-holidays-england-wales.csv"))
        .Skip(1).Select(line => DateOnly.ParseExact(line[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "KpiService.sln"))) return directory.FullName;
        throw new InvalidOperationException($"No KpiService.sln above {AppContext.BaseDirectory}.");
    }
}
