using KpiService.Domain.Measures;

namespace KpiService.Domain.Ratings;

/// <summary>Raw movement and its judgement through polarity. A fall in re-referrals is <c>down</c> and <c>improving</c>.</summary>
public static class Movement
{
    /// <summary>Flat below the threshold; a change of exactly the threshold moves (1.0 point is a move, as the seeds mark it).</summary>
    public static Direction DirectionOf(double change, double flatThreshold) =>
        Math.Abs(change) < flatThreshold - 1e-9 || change == 0 ? Direction.Flat : change > 0 ? Direction.Up : Direction.Down;

    public static Judgement JudgementOf(Direction direction, Polarity polarity) =>
        polarity == Polarity.Neutral ? Judgement.NotApplicable
        : direction == Direction.Flat ? Judgement.Stable
        : (direction == Direction.Up) == (polarity == Polarity.Higher) ? Judgement.Improving
        : Judgement.Declining;
}
