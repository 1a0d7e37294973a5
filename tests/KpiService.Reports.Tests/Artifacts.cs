namespace KpiService.Reports.Tests;

/// <summary>Where tests leave what they render (workbooks, pages, screenshots), for a person to open afterwards.</summary>
public static class Artifacts
{
    public static string Directory { get; } = CreateDirectory();

    public static string PathFor(string fileName) => Path.Combine(Directory, fileName);

    private static string CreateDirectory()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "artifacts");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }
}
