using System.Diagnostics;

namespace KpiService.Tests.Grpc;

/// <summary>
/// The kpi.v1 contract as buf (npm @bufbuild/buf, installed in tests/buf by scripts/prerequisites.sh) checks it:
/// lint by buf's standard and comment rules, and no breaking change against the protos as they were before this
/// change — the merge base with main on a branch, the first parent on main (KPI_PROTO_BASELINE names another ref).
/// </summary>
public sealed class ProtoContractTests
{
    private static readonly string Root = KestrelServiceFixture.RepositoryRoot();
    private static readonly string Protos = Path.Combine(Root, "protos");
    private static readonly string Buf = Path.Combine(Root, "tests", "buf", "node_modules", ".bin", "buf");

    [Fact]
    public async Task Lint_IsClean()
    {
        var (exit, output) = await RunAsync(Buf, Protos, "lint");
        output.ShouldBeEmpty();
        exit.ShouldBe(0);
    }

    [Fact]
    public async Task NothingBreaks_AgainstThePreviousContract()
    {
        using var baseline = await CheckoutAsync(await BaselineAsync());
        var (exit, output) = await RunAsync(Buf, Protos, "breaking", "--against", Path.Combine(baseline.Path, "protos"));
        output.ShouldBeEmpty();
        exit.ShouldBe(0);
    }

    [Fact]
    public async Task TheBreakingCheck_CatchesAChangedFieldNumber()
    {
        // Not vacuous: the same check fails on a copy of today's protos with one field renumbered.
        using var changed = new TemporaryDirectory();
        CopyDirectory(Protos, changed.Path);
        var figures = Path.Combine(changed.Path, "kpi", "v1", "figures.proto");
        await File.WriteAllTextAsync(figures, (await File.ReadAllTextAsync(figures)).Replace("string note = 8;", "string note = 18;"));
        var (exit, output) = await RunAsync(Buf, changed.Path, "breaking", "--against", Protos);
        exit.ShouldNotBe(0);
        output.ShouldContain("note");
    }

    private static async Task<string> BaselineAsync()
    {
        if (Environment.GetEnvironmentVariable("KPI_PROTO_BASELINE") is { Length: > 0 } named) return named;
        var branch = (await RunAsync("git", Root, "rev-parse", "--abbrev-ref", "HEAD")).Output.Trim();
        if (branch != "main" && (await RunAsync("git", Root, "rev-parse", "--verify", "--quiet", "main")).Exit == 0)
            return (await RunAsync("git", Root, "merge-base", "HEAD", "main")).Output.Trim();
        var parent = await RunAsync("git", Root, "rev-parse", "--verify", "--quiet", "HEAD^1");
        parent.Exit.ShouldBe(0, "no previous commit to compare the protos with (a shallow clone?): set KPI_PROTO_BASELINE to a ref");
        return parent.Output.Trim();
    }

    private static async Task<TemporaryDirectory> CheckoutAsync(string reference)
    {
        var directory = new TemporaryDirectory();
        var archive = Path.Combine(directory.Path, "protos.tar");
        (await RunAsync("git", Root, "archive", "--output", archive, reference, "protos")).Exit.ShouldBe(0, $"git archive {reference} protos");
        (await RunAsync("tar", directory.Path, "-xf", archive)).Exit.ShouldBe(0);
        return directory;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string directory, params string[] arguments)
    {
        File.Exists(Buf).ShouldBeTrue("buf is missing: run scripts/prerequisites.sh (npm ci in tests/buf)");
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output + await errors).Trim());
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("kpi-protos-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
