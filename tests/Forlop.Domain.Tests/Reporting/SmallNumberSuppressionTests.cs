using Forlop.Domain.Reporting;

namespace Forlop.Domain.Tests.Reporting;

public class SmallNumberSuppressionTests
{
    /// <summary>A table by pathway from (completed, within) pairs; rows are named P1, P2, …</summary>
    private static IndicatorTable Table(params (int Completed, int Within)[] rows)
    {
        var indicatorRows = rows.Select((r, i) => new IndicatorRow($"P{i + 1}", null, r.Completed, r.Within)).ToList();
        return new IndicatorTable(indicatorRows,
            new IndicatorRow("ALL", null, indicatorRows.Sum(r => r.Completed), indicatorRows.Sum(r => r.WithinStandard)), []);
    }

    /// <summary>Suppresses, then checks what every public table must satisfy and that no small count can be worked out.</summary>
    private static (IReadOnlyList<PublicIndicatorRow> Rows, PublicIndicatorRow Total) Suppressed(IndicatorTable table, int threshold = SmallNumberSuppression.DefaultThreshold)
    {
        var (rows, total) = SmallNumberSuppression.Apply(table, threshold);
        Assert.Equal(table.Rows.Count, rows.Count);
        foreach (var (source, shown) in table.Rows.Append(table.Total).Zip(rows.Append(total)))
        {
            Assert.Equal((source.Pathway, source.Organisation), (shown.Pathway, shown.Organisation));
            // A printed figure is the true one.
            Assert.True(shown.Completed is null || shown.Completed == source.Completed);
            Assert.True(shown.WithinStandard is null || shown.WithinStandard == source.WithinStandard);
            Assert.True(shown.SharePercent is null || shown.SharePercent == source.SharePercent);
            // Primary suppression.
            if (source.Completed is >= 1 && source.Completed < threshold)
            {
                Assert.Null(shown.Completed);
            }
            if ((source.WithinStandard >= 1 && source.WithinStandard < threshold) || (source.Breaches >= 1 && source.Breaches < threshold))
            {
                Assert.Null(shown.WithinStandard);
            }
            // A share is shown only with both its counts.
            if (shown.Completed is null || shown.WithinStandard is null)
            {
                Assert.Null(shown.SharePercent);
            }
        }
        var leaks = DisclosureCheck.Leaks(table, rows, total, threshold);
        Assert.True(leaks.Count == 0, string.Join("; ", leaks));
        return (rows, total);
    }

    [Theory]
    [InlineData(1, true)]                    // the smallest count
    [InlineData(2, true)]                    // below the default threshold of 3
    [InlineData(3, false)]                   // at the threshold: shown
    public void Apply_CompletedBelowTheThreshold_IsHidden(int completed, bool hidden)
    {
        // Another big row, so the total does not have to go too.
        var (rows, _) = Suppressed(Table((completed, completed), (40, 30), (40, 30)));

        Assert.Equal(hidden, rows[0].Completed is null);
        Assert.Equal(hidden, rows[0].SharePercent is null);
    }

    [Theory]
    [InlineData(4, true)]                    // below a custom threshold of 5 (Denmark's)
    [InlineData(5, false)]                   // at it
    public void Apply_CustomThreshold_IsUsed(int completed, bool hidden)
    {
        var (rows, _) = Suppressed(Table((completed, completed), (40, 30), (40, 30)), threshold: 5);

        Assert.Equal(hidden, rows[0].Completed is null);
    }

    [Fact]
    public void Apply_ThresholdOne_HidesNothing()
    {
        var table = Table((1, 1), (2, 0), (1, 0));

        var (rows, total) = Suppressed(table, threshold: 1);

        Assert.All(rows.Append(total), r => Assert.NotNull(r.SharePercent));
    }

    [Fact]
    public void Apply_ThresholdBelowOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SmallNumberSuppression.Apply(Table((5, 5)), 0));

    [Fact]
    public void Apply_Zero_IsNeverHiddenForBeingSmall()
    {
        // None within: the within count is 0, the breaches 20.
        var (rows, total) = Suppressed(Table((20, 0), (20, 20)));

        Assert.Equal(new PublicIndicatorRow("P1", null, 20, 0, "0.0"), rows[0]);
        Assert.Equal(new PublicIndicatorRow("P2", null, 20, 20, "100.0"), rows[1]);
        Assert.Equal(new PublicIndicatorRow("ALL", null, 40, 20, "50.0"), total);
    }

    [Fact]
    public void Apply_NoCompletedPathways_ShowsTheZeroTotal()
    {
        var (rows, total) = Suppressed(Table());

        Assert.Empty(rows);
        Assert.Equal(new PublicIndicatorRow("ALL", null, 0, 0, ""), total);
    }

    [Theory]
    [InlineData(1)]                          // one breach
    [InlineData(2)]                          // two breaches: still below 3
    public void Apply_FewBreaches_HideTheWithinCountAndTheShare(int breaches)
    {
        var (rows, _) = Suppressed(Table((20, 20 - breaches), (20, 10), (20, 10)));

        Assert.Equal(20, rows[0].Completed);
        Assert.Null(rows[0].WithinStandard);
        Assert.Null(rows[0].SharePercent);
    }

    [Fact]
    public void Apply_ThreeBreaches_ShowEverything()
    {
        var (rows, _) = Suppressed(Table((20, 17), (20, 10)));

        Assert.Equal(new PublicIndicatorRow("P1", null, 20, 17, "85.0"), rows[0]);
    }

    [Theory]
    [InlineData(1)]                          // one within
    [InlineData(2)]                          // two within
    public void Apply_FewWithin_HideTheWithinCount(int within)
    {
        var (rows, _) = Suppressed(Table((20, within), (20, 10), (20, 10)));

        Assert.Equal(20, rows[0].Completed);
        Assert.Null(rows[0].WithinStandard);
    }

    [Fact]
    public void Apply_OneSmallRowAndTheTotal_HidesASecondCompletedCount()
    {
        // Printed as is, ALL − P2 = 12 − 10 would give P1's 2.
        var (rows, total) = Suppressed(Table((2, 2), (10, 8)));

        Assert.Null(rows[0].Completed);
        Assert.True(rows[1].Completed is null || total.Completed is null);
    }

    [Fact]
    public void Apply_FewBreachesInOneRow_CannotBeWorkedOutFromTheColumn()
    {
        // P1 has one breach; with its within count hidden, ALL's within − P2's within would give it back.
        var (rows, total) = Suppressed(Table((10, 9), (10, 5)));

        Assert.Null(rows[0].WithinStandard);
        Assert.True(rows[1].WithinStandard is null || total.WithinStandard is null);
    }

    [Fact]
    public void Apply_FewBreachesInTheTotal_HideTheTotalsWithinCount()
    {
        var (_, total) = Suppressed(Table((10, 10), (10, 9), (10, 10)));

        Assert.Equal(30, total.Completed);
        Assert.Null(total.WithinStandard);
    }

    [Fact]
    public void Apply_TwoSmallRows_ProtectEachOther()
    {
        // P1 and P2 are hidden; ALL − P3 gives only their sum, 3, which may stay printed.
        var (rows, total) = Suppressed(Table((1, 1), (2, 2), (10, 5)));

        Assert.Null(rows[0].Completed);
        Assert.Null(rows[1].Completed);
        Assert.Equal(10, rows[2].Completed);
        Assert.Equal(13, total.Completed);
    }

    [Fact]
    public void Apply_SmallTotal_IsHidden()
    {
        var (rows, total) = Suppressed(Table((1, 1), (1, 0)));

        Assert.Null(total.Completed);
        Assert.All(rows, r => Assert.Null(r.Completed));
    }

    [Fact]
    public void Apply_ByHf_ProtectsEveryOrganisationRow()
    {
        var table = new IndicatorTable(
        [
            new("A12", "AHUS", 12, 10),
            new("A12", "SIV", 1, 1),
            new("A12", "SUS", 8, 6),
            new("A37", "UNN", 2, 1),
            new("A37", "OUS", 15, 13),
        ], new IndicatorRow("ALL", "", 38, 31), []);

        var (rows, _) = Suppressed(table);

        Assert.Null(rows[1].Completed);
        Assert.Null(rows[3].Completed);
    }

    /// <summary>Tables shaped to leak: one relation away from a small count in every direction.</summary>
    public static TheoryData<int, (int, int)[]> LeakyTables => new()
    {
        { 3, [(2, 2), (10, 8)] },                    // the total minus the other row
        { 3, [(2, 0), (10, 8)] },                    // a small count whose within is 0 but whose breaches are 2
        { 3, [(10, 9), (10, 5)] },                   // a breach count through the within column
        { 3, [(10, 9), (10, 8), (10, 5)] },          // two rows with few breaches
        { 3, [(1, 1), (20, 19), (20, 10)] },         // a small row and a row with one breach
        { 3, [(2, 1), (1, 0), (30, 20)] },           // two small rows, one within and one breach
        { 3, [(4, 2), (4, 3), (4, 4), (4, 1)] },     // every within count small or with few breaches
        { 3, [(3, 1), (3, 2), (30, 15)] },           // completed counts shown, within counts hidden
        { 3, [(5, 4), (6, 6), (7, 5)] },             // breaches 1, 0 and 2
        { 3, [(0, 0), (2, 1), (9, 9)] },             // a zero row beside a small one
        { 5, [(4, 4), (6, 5), (9, 1), (30, 26)] },   // a threshold of 5
        { 5, [(10, 6), (10, 7), (10, 8), (10, 9)] }, // every row with fewer than 5 breaches
        { 3, [(1, 0)] },                             // a single row: the total is the row
        { 3, [(50, 49)] },                           // a single row with one breach
    };

    [Theory]
    [MemberData(nameof(LeakyTables))]
    public void Apply_TableShapedToLeak_LeavesNoSmallCountToBeWorkedOut(int threshold, (int, int)[] rows) =>
        Suppressed(Table(rows), threshold);

    [Fact]
    public void Apply_ManyRandomTables_LeaveNoSmallCountToBeWorkedOut()
    {
        // A fixed seed: the same tables every run.
        var random = new Random(20161231);
        for (var i = 0; i < 3000; i++)
        {
            var threshold = random.Next(2) == 0 ? 3 : 5;
            var rows = Enumerable.Range(0, random.Next(1, 7)).Select(_ =>
            {
                var completed = random.Next(3) == 0 ? random.Next(0, 6) : random.Next(0, 25);
                return (completed, completed - (random.Next(3) == 0 ? random.Next(0, Math.Min(completed, 4) + 1) : random.Next(0, completed + 1)));
            }).ToArray();

            Suppressed(Table(rows), threshold);
        }
    }

    [Fact]
    public void DisclosureCheck_PrimarySuppressionAlone_IsCaughtLeaking()
    {
        // The checker itself must see a leak, or the tests above would pass for nothing. With only the cells
        // of primary suppression hidden in rows P1 and P2, ALL − P2 gives P1's completed count, and the
        // total's own counts give its single breach.
        var table = Table((2, 2), (10, 9));
        PublicIndicatorRow[] rows = [new("P1", null, null, null, null), new("P2", null, 10, null, null)];

        var leaks = DisclosureCheck.Leaks(table, rows, new PublicIndicatorRow("ALL", null, 12, 11, "91.7"), SmallNumberSuppression.DefaultThreshold);

        Assert.Equal(["P1/ completed = 2 can be worked out", "ALL/ breaches = 1 can be worked out"], leaks);
    }

    [Fact]
    public void DisclosureCheck_TwoHiddenCellsInEveryRelation_FindsNothing()
    {
        var table = Table((1, 1), (2, 2), (10, 5));
        PublicIndicatorRow[] rows = [new("P1", null, null, null, null), new("P2", null, null, null, null), new("P3", null, 10, 5, "50.0")];

        Assert.Empty(DisclosureCheck.Leaks(table, rows, new PublicIndicatorRow("ALL", null, 13, 8, "61.5"), SmallNumberSuppression.DefaultThreshold));
    }

    [Fact]
    public void Apply_NothingSmall_ShowsTheTableAsItIs()
    {
        var table = Table((20, 15), (30, 20), (10, 5));

        var (rows, total) = Suppressed(table);

        Assert.Equal(table.Rows.Select(r => new PublicIndicatorRow(r.Pathway, null, r.Completed, r.WithinStandard, r.SharePercent)), rows);
        Assert.Equal(new PublicIndicatorRow("ALL", null, 60, 40, "66.7"), total);
    }
}
