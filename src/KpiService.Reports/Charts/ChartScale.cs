using KpiService.Domain.Measures;

namespace KpiService.Reports.Charts;

/// <summary>
/// A linear value axis with "nice" ticks (steps of 1, 2, 2.5 or 5 × a power of ten) covering every value, target and
/// limit the chart draws. Percentages stay within 0–100 unless a value lies outside, so an axis never reads 105%.
/// </summary>
internal sealed class ChartScale
{
    public double Min { get; }
    public double Max { get; }
    public double Step { get; }
    private readonly double _top;
    private readonly double _bottom;

    public ChartScale(IEnumerable<double> values, Unit unit, double top, double bottom, int tickCount = 5)
    {
        var list = values.Where(double.IsFinite).ToList();
        if (list.Count == 0) list = [0, 1];
        var (dataMin, dataMax) = (list.Min(), list.Max());
        var (low, high) = (dataMin, dataMax);
        if (high - low < 1e-9)
        {
            var pad = Math.Abs(high) < 1e-9 ? 1 : Math.Abs(high) * 0.1;
            (low, high) = (low - pad, high + pad);
        }
        var padding = (high - low) * 0.08;
        (low, high) = (low - padding, high + padding);
        if (dataMin >= 0) low = Math.Max(0, low);
        if (unit == Unit.Percentage && dataMax <= 100) high = Math.Min(100, high);

        Step = NiceStep((high - low) / tickCount);
        Min = Math.Floor(low / Step) * Step;
        Max = Math.Ceiling(high / Step) * Step;
        if (Max - Min < Step) Max = Min + Step;
        (_top, _bottom) = (top, bottom);
    }

    public double Y(double value) => _bottom - (value - Min) / (Max - Min) * (_bottom - _top);

    public IEnumerable<double> Ticks()
    {
        for (var v = Min; v <= Max + Step / 1000; v += Step) yield return Math.Round(v, 10);
    }

    /// <summary>Decimal places the tick labels need: none for whole steps, otherwise enough to tell ticks apart.</summary>
    public int TickDecimals
    {
        get
        {
            for (var places = 0; places < 6; places++)
            {
                var scaled = Step * Math.Pow(10, places);
                if (Math.Abs(scaled - Math.Round(scaled)) < 1e-9) return places;
            }
            return 6;
        }
    }

    internal static double NiceStep(double rough)
    {
        if (rough <= 0 || !double.IsFinite(rough)) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
