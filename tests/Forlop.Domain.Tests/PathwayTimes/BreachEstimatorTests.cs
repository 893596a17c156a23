using Forlop.Domain.PathwayTimes;
using NodaTime;

namespace Forlop.Domain.Tests.PathwayTimes;

public class BreachEstimatorTests
{
    // Ten pathways a day from day 1 to day 10 reached the point: a uniform history of 100 lengths, easy to count by hand.
    private static readonly IntervalHistory Uniform = IntervalHistory.Of(Enumerable.Range(1, 10).SelectMany(day => Enumerable.Repeat(day, 10)));

    [Theory]
    // Nothing used yet: every pathway is comparable; 30 of 100 took longer than 7 days.
    [InlineData(0, 7, 0.3)]
    // Day 5 used: the 60 that had not reached the point before day 5 (days 5–10) compare; 30 of them went over 7.
    [InlineData(5, 7, 0.5)]
    // Day 7 used, the last day within the standard: 40 compare (days 7–10), 30 over.
    [InlineData(7, 7, 0.75)]
    // Past the deadline already (day 8 of 7): a breach whatever happens next.
    [InlineData(8, 7, 1.0)]
    // A standard longer than any pathway took: no breach expected.
    [InlineData(3, 10, 0.0)]
    // Negative time used (a start dated after today) counts as none used.
    [InlineData(-2, 7, 0.3)]
    public void Estimate_CountsTheComparablePathwaysOverTheStandard(int used, int standard, double expected)
    {
        var estimate = BreachEstimator.Estimate(Uniform, IntervalHistory.Empty, used, standard);

        Assert.NotNull(estimate);
        Assert.Equal(expected, estimate.Probability, 6);
        Assert.Equal(PredictionBasis.Hf, estimate.Basis);
    }

    [Fact]
    public void Estimate_RangeIsTheConditionalMedianAnd80PercentInterval()
    {
        // Day 5 used: the comparable lengths are days 5–10, ten each; 10th percentile day 5, median day 7, 90th day 10.
        var estimate = BreachEstimator.Estimate(Uniform, IntervalHistory.Empty, 5, 7)!;

        Assert.Equal((5, 7, 10), (estimate.LowDay, estimate.MedianDay, estimate.HighDay));
        Assert.Equal(60, estimate.Comparable);
        Assert.Equal((new LocalDate(2026, 1, 6), new LocalDate(2026, 1, 8), new LocalDate(2026, 1, 11)), estimate.ExpectedDates(new LocalDate(2026, 1, 1)));
    }

    [Fact]
    public void Estimate_RangeNeverStartsBeforeTheDayAlreadyUsed()
    {
        // Day 9 used: only days 9 and 10 compare; an expected date in the past would be no help to a coordinator.
        var estimate = BreachEstimator.Estimate(Uniform, IntervalHistory.Empty, 9, 7)!;

        Assert.True(estimate.LowDay >= 9);
    }

    [Fact]
    public void Estimate_HfWithTooFewComparable_FallsBackToThePathwayNationally()
    {
        // The HF has 30 pathways, but only 10 had not reached the point by day 7: too few to trust; the nation has 40.
        var hf = IntervalHistory.Of(Enumerable.Repeat(2, 20).Concat(Enumerable.Repeat(9, 10)));

        var estimate = BreachEstimator.Estimate(hf, Uniform, 7, 7)!;

        Assert.Equal(PredictionBasis.National, estimate.Basis);
        Assert.Equal(0.75, estimate.Probability, 6);
    }

    [Fact]
    public void Estimate_TooFewComparableAnywhere_IsNone()
    {
        // Day 11 used of a 12-day standard: no pathway of the history took that long, at the HF or nationally.
        Assert.Null(BreachEstimator.Estimate(Uniform, Uniform, 11, 12));
        // An HF and pathway without any history and no national one either (a new pathway).
        Assert.Null(BreachEstimator.Estimate(IntervalHistory.Empty, IntervalHistory.Empty, 0, 7));
    }

    [Fact]
    public void Estimate_PastTheDeadlineWithoutComparable_IsACertainBreachWithoutARange()
    {
        // Day 11 of 7 and no pathway of the history took that long: the breach is certain whatever the history says,
        // but there is nothing to say when the point will come.
        var estimate = BreachEstimator.Estimate(Uniform, Uniform, 11, 7)!;

        Assert.Equal((1.0, PredictionBasis.PastDeadline, 0), (estimate.Probability, estimate.Basis, estimate.Comparable));
        Assert.Null(estimate.ExpectedDates(new LocalDate(2026, 1, 1)));
    }

    [Fact]
    public void Estimate_MinimumCanBeLowered_ForSmallHistories()
    {
        var hf = IntervalHistory.Of([3, 4, 12]);

        var estimate = BreachEstimator.Estimate(hf, IntervalHistory.Empty, 4, 7, minimum: 2)!;

        Assert.Equal(0.5, estimate.Probability, 6);
        Assert.Equal(2, estimate.Comparable);
    }

    [Fact]
    public void History_WithAndWithout_KeepTheLengthsSorted()
    {
        var history = IntervalHistory.Of([5, 1, 3]).With(4).With(0).With(9);

        Assert.Equal([0, 1, 3, 4, 5, 9], history.Lengths);
        Assert.Equal([0, 1, 4, 5, 9], history.Without(3).Lengths);
        // Taking out a length it does not hold changes nothing (a patient's intervals re-read after they were counted).
        Assert.Same(history, history.Without(7));
        Assert.Equal(3, history.ReachedFrom(4));
    }

    [Fact]
    public void Calibration_DecilesHoldEqualShares_WithTheirObservedRates()
    {
        // 100 predictions 0.00–0.99; the highest half breached.
        var outcomes = Enumerable.Range(0, 100).Select(i => (i / 100.0, i >= 50)).ToList();

        var bins = BreachCalibration.ByDecile(outcomes);

        Assert.Equal(10, bins.Count);
        Assert.All(bins, b => Assert.Equal(10, b.Count));
        Assert.Equal(0.045, bins[0].MeanPredicted, 6);
        Assert.Equal(0.0, bins[0].ObservedRate);
        Assert.Equal(1.0, bins[9].ObservedRate);
        Assert.Empty(BreachCalibration.ByDecile([]));
    }
}
