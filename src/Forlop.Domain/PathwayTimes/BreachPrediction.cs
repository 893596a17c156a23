using NodaTime;

namespace Forlop.Domain.PathwayTimes;

/// <summary>
/// How long one interval took on comparable pathways that reached its end point: their lengths in days, sorted. The
/// history a breach prediction draws on, per pathway and HF or per pathway nationally. Immutable; <see cref="With"/> and
/// <see cref="Without"/> give a new history one length apart, so a registry that changes can be followed one
/// patient at a time without counting everything again.
/// </summary>
public sealed class IntervalHistory
{
    private readonly int[] _lengths;

    private IntervalHistory(int[] sorted) => _lengths = sorted;

    public static readonly IntervalHistory Empty = new([]);

    public static IntervalHistory Of(IEnumerable<int> lengths)
    {
        var sorted = lengths.ToArray();
        Array.Sort(sorted);
        return new IntervalHistory(sorted);
    }

    /// <summary>How many pathways the history holds.</summary>
    public int Count => _lengths.Length;

    /// <summary>The lengths, shortest first.</summary>
    public IReadOnlyList<int> Lengths => _lengths;

    /// <summary>How many reached the end point on day <paramref name="day"/> or later: the pathways comparable with one still waiting on that day.</summary>
    public int ReachedFrom(int day) => _lengths.Length - FirstAtLeast(day);

    /// <summary>The history with one more length.</summary>
    public IntervalHistory With(int length)
    {
        var at = FirstAtLeast(length);
        var lengths = new int[_lengths.Length + 1];
        Array.Copy(_lengths, lengths, at);
        lengths[at] = length;
        Array.Copy(_lengths, at, lengths, at + 1, _lengths.Length - at);
        return new IntervalHistory(lengths);
    }

    /// <summary>The history with one length fewer; the same history when it does not hold that length.</summary>
    public IntervalHistory Without(int length)
    {
        var at = FirstAtLeast(length);
        if (at == _lengths.Length || _lengths[at] != length)
        {
            return this;
        }
        var lengths = new int[_lengths.Length - 1];
        Array.Copy(_lengths, lengths, at);
        Array.Copy(_lengths, at + 1, lengths, at, _lengths.Length - at - 1);
        return new IntervalHistory(lengths);
    }

    /// <summary>The index of the first length at least <paramref name="value"/> (the count when none is).</summary>
    internal int FirstAtLeast(int value)
    {
        int low = 0, high = _lengths.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_lengths[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    internal int this[int index] => _lengths[index];
}

/// <summary>
/// Whose history a prediction rests on: the episode's own HF, or the pathway nationally when the HF has too few comparable
/// pathways; or none, for an interval past its deadline with too few comparable anywhere (a breach is certain, but no
/// expected date can be given).
/// </summary>
public enum PredictionBasis
{
    Hf,
    National,
    PastDeadline,
}

/// <summary>
/// The chance that a running interval ends after its standard, and when its end point can be expected. Days are
/// counted from the interval's start: <see cref="MedianDay"/> is the median, <see cref="LowDay"/>–<see cref="HighDay"/>
/// the 80 % interval (10th to 90th percentile) of the comparable pathways' lengths. <see cref="Comparable"/> is how many
/// pathways of the history had not reached the point by the day already used; with none (<see cref="PredictionBasis.PastDeadline"/>)
/// there is no range.
/// </summary>
public sealed record BreachEstimate(double Probability, int Comparable, PredictionBasis Basis, int? LowDay, int? MedianDay, int? HighDay)
{
    /// <summary>The expected dates of the end point for an interval that started on <paramref name="from"/>; null without a range.</summary>
    public (LocalDate Low, LocalDate Median, LocalDate High)? ExpectedDates(LocalDate from) =>
        LowDay is { } low && MedianDay is { } median && HighDay is { } high ? (from.PlusDays(low), from.PlusDays(median), from.PlusDays(high)) : null;
}

/// <summary>
/// Predicted breach (issue 12, item 4): the empirical distribution of an interval's length on comparable pathways that
/// reached its end point, conditional on the time already used. An episode that has used <c>t</c> days of an interval
/// with standard <c>s</c> is compared with the pathways that had not reached the point before day <c>t</c> (length ≥ t);
/// the share of those whose length exceeded <c>s</c> is the probability of a breach. An episode already past its
/// deadline has probability 1. The pathway and HF's own history is used when it holds at least
/// <see cref="MinimumComparable"/> comparable pathways, else the pathway's national history, and the estimate says
/// which (<see cref="PredictionBasis"/>); with fewer nationally there is no estimate, except that an interval past its
/// deadline is a certain breach (probability 1, no range). Pathways that left the interval
/// without reaching its end point (a decision that ended the pathway, a stop) are not in the history: the prediction
/// is for the end point being reached, as the standard is measured. No statistical model beyond counting; pure.
/// </summary>
public static class BreachEstimator
{
    /// <summary>Comparable pathways needed before a history is trusted (fewer: the next level up; none: no estimate).</summary>
    public const int MinimumComparable = 20;

    /// <summary>The 80 % interval: from the 10th to the 90th percentile.</summary>
    public const double LowQuantile = 0.1, HighQuantile = 0.9;

    /// <summary>
    /// The estimate for an interval that has run <paramref name="used"/> days of its <paramref name="standard"/>; null when
    /// neither history holds <paramref name="minimum"/> comparable pathways.
    /// </summary>
    public static BreachEstimate? Estimate(IntervalHistory hf, IntervalHistory national, int used, int standard, int minimum = MinimumComparable)
    {
        used = Math.Max(0, used);
        minimum = Math.Max(1, minimum);
        var (history, basis) = hf.ReachedFrom(used) >= minimum ? (hf, PredictionBasis.Hf)
            : national.ReachedFrom(used) >= minimum ? (national, PredictionBasis.National)
            : (null, PredictionBasis.National);
        if (history is null)
        {
            return used > standard ? new BreachEstimate(1, 0, PredictionBasis.PastDeadline, null, null, null) : null;
        }
        var first = history.FirstAtLeast(used);
        var comparable = history.Count - first;
        // Over the standard: length > standard, i.e. at least standard + 1; when the time used is past the standard
        // already, every comparable pathway is over it.
        var over = history.Count - history.FirstAtLeast(Math.Max(standard + 1, used));
        return new BreachEstimate((double)over / comparable, comparable, basis,
            Quantile(history, first, comparable, LowQuantile), Quantile(history, first, comparable, 0.5), Quantile(history, first, comparable, HighQuantile));
    }

    /// <summary>The nearest-rank quantile of the <paramref name="count"/> lengths from index <paramref name="first"/>.</summary>
    private static int Quantile(IntervalHistory history, int first, int count, double q)
    {
        var rank = (int)Math.Ceiling(q * count);
        return history[first + Math.Clamp(rank, 1, count) - 1];
    }
}

/// <summary>One decile of predictions: how many, the mean predicted probability and the share that did breach.</summary>
public sealed record CalibrationBin(int Decile, int Count, double MeanPredicted, double ObservedRate);

/// <summary>
/// How well predicted probabilities match what happened: the predictions sorted and cut into ten groups of equal size
/// (deciles of the predicted probability), each with its mean prediction and its observed breach rate. A calibrated
/// estimator has the two close in every decile.
/// </summary>
public static class BreachCalibration
{
    public static IReadOnlyList<CalibrationBin> ByDecile(IEnumerable<(double Predicted, bool Breached)> outcomes)
    {
        var sorted = outcomes.OrderBy(o => o.Predicted).ToList();
        var bins = new List<CalibrationBin>();
        if (sorted.Count == 0)
        {
            return bins;
        }
        for (var decile = 0; decile < 10; decile++)
        {
            var from = decile * sorted.Count / 10;
            var to = (decile + 1) * sorted.Count / 10;
            if (to <= from)
            {
                continue;
            }
            var slice = sorted.GetRange(from, to - from);
            bins.Add(new CalibrationBin(decile + 1, slice.Count, slice.Average(o => o.Predicted), slice.Count(o => o.Breached) / (double)slice.Count));
        }
        return bins;
    }
}
