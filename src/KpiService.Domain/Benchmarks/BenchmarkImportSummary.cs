namespace KpiService.Domain.Benchmarks;

/// <summary>
/// What an import of one file amounted to, for its answer: figures read (values and marks), rows skipped by reason,
/// measures touched, authorities kept but not ranked, and the problems (the first <see cref="MaxProblemsKept"/>
/// kept in full, all counted).
/// </summary>
public sealed class BenchmarkImportSummary
{
    public const int MaxProblemsKept = 1000;

    private readonly List<RowProblem> _problems = [];

    public int Figures { get; private set; }

    public int Values { get; private set; }

    public int Marks { get; private set; }

    /// <summary>Figures of authorities outside their lifetime for the period: stored for history, not ranked.</summary>
    public int NotRanked { get; private set; }

    public int ProblemCount { get; private set; }

    public IReadOnlyList<RowProblem> Problems => _problems;

    public SortedDictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> MarksByKind { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Measures { get; } = new(StringComparer.Ordinal);

    public bool Succeeded => ProblemCount == 0;

    public void Add(BenchmarkLine line)
    {
        switch (line)
        {
            case PublishedFigure figure:
                Figures++;
                if (figure.Mark is { } mark) { Marks++; MarksByKind[mark] = MarksByKind.GetValueOrDefault(mark) + 1; }
                else Values++;
                if (!figure.Area.Ranked) NotRanked++;
                Measures.Add(figure.MeasureId);
                break;
            case RowSkipped skipped:
                Skipped[skipped.Reason] = Skipped.GetValueOrDefault(skipped.Reason) + 1;
                break;
            case RowProblem problem:
                ProblemCount++;
                if (_problems.Count < MaxProblemsKept) _problems.Add(problem);
                break;
        }
    }

    /// <summary>Reads every line, handing each figure to <paramref name="onFigure"/> (a COPY writer, say) as it comes.</summary>
    public static BenchmarkImportSummary Of(IEnumerable<BenchmarkLine> lines, Action<PublishedFigure>? onFigure = null)
    {
        var summary = new BenchmarkImportSummary();
        foreach (var line in lines)
        {
            summary.Add(line);
            if (line is PublishedFigure figure) onFigure?.Invoke(figure);
        }
        return summary;
    }
}
