namespace KpiService.Features.Access;

/// <summary>
/// The operator's key: <c>Auth:AdminKey</c> (environment <c>Auth__AdminKey</c>) if configured; otherwise one is
/// generated on first start and kept in a file only the owner can read. The log says where, never what.
/// </summary>
public sealed class AdminKey(string value, string? file)
{
    public string Value { get; } = value;
    public string? File { get; } = file;

    public static AdminKey Resolve(IConfiguration configuration, string? dataDirectory, ILogger logger)
    {
        var configured = configuration["Auth:AdminKey"];
        if (!string.IsNullOrWhiteSpace(configured)) return new AdminKey(configured, null);
        var file = Path.Combine(dataDirectory ?? Directory.GetCurrentDirectory(), "admin-key.txt");
        if (!System.IO.File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            System.IO.File.WriteAllText(file, "kpi_admin_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_'));
            if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        logger.LogWarning("No Auth:AdminKey configured: the admin API key is in {File}", file);
        return new AdminKey(System.IO.File.ReadAllText(file).Trim(), file);
    }
}
