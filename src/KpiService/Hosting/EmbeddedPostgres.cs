using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace KpiService.Hosting;

public sealed record EmbeddedPostgresOptions(string DataDirectory, bool Durable = true, string? BinDirectory = null, string Database = "kpi");

/// <summary>
/// A private PostgreSQL cluster in a directory: initialised on first use, started, adopted if a previous run left it
/// running (say after a crash), and stopped on dispose. As root, the server runs as the <c>postgres</c> OS user
/// because initdb refuses to run as root.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private readonly EmbeddedPostgresOptions _options;
    private readonly string _bin;
    private readonly string _data;
    private bool _startedHere;

    public int Port { get; private set; }

    public string ConnectionString(string? database = null) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database ?? _options.Database};Pooling=true;Maximum Pool Size=64;Timeout=5;Command Timeout=30";

    private EmbeddedPostgres(EmbeddedPostgresOptions options, string bin)
    {
        _options = options;
        _bin = bin;
        _data = Path.Combine(Path.GetFullPath(options.DataDirectory), "data");
    }

    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var cluster = new EmbeddedPostgres(options, FindBinaries(options.BinDirectory));
        await cluster.StartAsync(log ?? (_ => { }), cancellationToken);
        return cluster;
    }

    public static string FindBinaries(string? configured)
    {
        var candidates = configured is not null ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin")).ToArray()
                : [];
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found" + (configured is null ? " under /usr/lib/postgresql/*/bin" : $" in {configured}") +
                ". Install them with `apt-get update && apt-get install -y postgresql-15`, set Database:BinDirectory, " +
                "or point ConnectionStrings:Kpi at an existing server.");
    }

    private async Task StartAsync(Action<string> log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_data)!);
        if (!File.Exists(Path.Combine(_data, "PG_VERSION")))
        {
            log($"Initialising a private PostgreSQL cluster in {_data}");
            Directory.CreateDirectory(_data);
            MakeReachableForServer(Path.GetDirectoryName(_data)!, log);
            OwnForServer(Path.GetDirectoryName(_data)!);
            await RunAsync("initdb", ["-D", _data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", .. _options.Durable ? Array.Empty<string>() : ["--no-sync"]], cancellationToken);
            var settings = new List<string> { $"port = {FreePort()}", "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''", "max_connections = 200" };
            if (!_options.Durable) settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
            await File.AppendAllLinesAsync(Path.Combine(_data, "postgresql.conf"), settings, cancellationToken);
            OwnForServer(_data);
        }
        Port = ReadPort();

        if (await RunAsync("pg_ctl", ["status", "-D", _data], cancellationToken, throwOnError: false) == 0 && await AnswersAsync(cancellationToken))
        {
            // A previous run (killed before it could stop its server) left the server up: adopt it.
            log($"Adopting the PostgreSQL server already running on port {Port}");
        }
        else
        {
            // pg_ctl status says nothing runs, so any postmaster.pid is stale (a crash); it must not block start-up.
            var pidFile = Path.Combine(_data, "postmaster.pid");
            if (File.Exists(pidFile)) File.Delete(pidFile);
            log($"Starting PostgreSQL on 127.0.0.1:{Port}");
            await RunAsync("pg_ctl", ["start", "-D", _data, "-l", Path.Combine(Path.GetDirectoryName(_data)!, "postgres.log"), "-w", "-t", "60"], cancellationToken);
            _startedHere = true;
        }
        await EnsureDatabaseAsync(_options.Database, cancellationToken);
    }

    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new() { Value = database });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Stops the server, fast (clean) or immediate (as a crash would: no checkpoint).</summary>
    public Task StopAsync(bool immediate = false, CancellationToken cancellationToken = default) =>
        RunAsync("pg_ctl", ["stop", "-D", _data, "-m", immediate ? "immediate" : "fast", "-w", "-t", "60"], cancellationToken, throwOnError: false);

    public async Task RestartAsync(CancellationToken cancellationToken = default) =>
        await RunAsync("pg_ctl", ["start", "-D", _data, "-l", Path.Combine(Path.GetDirectoryName(_data)!, "postgres.log"), "-w", "-t", "60"], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_startedHere) await StopAsync();
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException) { return false; }
    }

    private int ReadPort()
    {
        var line = File.ReadLines(Path.Combine(_data, "postgresql.conf")).LastOrDefault(l => l.TrimStart().StartsWith("port = ", StringComparison.Ordinal));
        return line is not null && int.TryParse(line.Split('=')[1].Trim(), out var port) ? port : 5432;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// As root the server runs as <c>postgres</c>, which must be able to pass through every directory above the data
    /// directory. A checkout in a private directory (<c>mktemp -d</c> makes 0700) blocks it: grant traverse only
    /// (<c>o+x</c>, no listing) on the directories that lack it, and say so.
    /// </summary>
    private static void MakeReachableForServer(string path, Action<string> log)
    {
        if (!IsRoot || OperatingSystem.IsWindows()) return;
        for (var directory = new DirectoryInfo(path).Parent; directory is not null; directory = directory.Parent)
        {
            var mode = File.GetUnixFileMode(directory.FullName);
            if ((mode & UnixFileMode.OtherExecute) != 0) continue;
            File.SetUnixFileMode(directory.FullName, mode | UnixFileMode.OtherExecute);
            log($"Granted traverse permission (o+x) on {directory.FullName} so the postgres user can reach the data directory");
        }
    }

    private static void OwnForServer(string path)
    {
        if (!IsRoot) return;
        using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", "postgres:postgres", path]) { RedirectStandardError = true })!;
        chown.WaitForExit();
    }

    private async Task<int> RunAsync(string tool, string[] arguments, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var start = IsRoot
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : new ProcessStartInfo(Path.Combine(_bin, tool), arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        // The server inherits no handles of ours, so it outlives us if we are killed and can be adopted next time.
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (throwOnError && process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}{await output}");
        return process.ExitCode;
    }
}
