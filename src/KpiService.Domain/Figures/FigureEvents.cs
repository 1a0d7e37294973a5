namespace KpiService.Domain.Figures;

/// <summary>The closed set of things that happen to a figure. Nothing is overwritten: the current figure is their fold.</summary>
public abstract record FigureEvent(FigureKey Key);

public sealed record FigureSubmitted(FigureKey Key, FigureValue Figure, string? Note) : FigureEvent(Key);

/// <summary>A later extract changed the figure. <c>LateRestatement</c>: it came after the maturity window closed.</summary>
public sealed record FigureRevised(FigureKey Key, FigureValue Figure, string? Note, int Revision, bool LateRestatement) : FigureEvent(Key);

public sealed record FigureWithdrawn(FigureKey Key, string? Reason) : FigureEvent(Key);

/// <summary>A figure's numbers: the value and, where the system had them, its numerator and denominator.</summary>
public sealed record FigureValue(double Value, double? Numerator, double? Denominator)
{
    public bool SameAs(FigureValue other) =>
        Value.Equals(other.Value) && Nullable.Equals(Numerator, other.Numerator) && Nullable.Equals(Denominator, other.Denominator);
}
