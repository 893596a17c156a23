using Forlop.Domain.Reporting;

namespace Forlop.Domain.Tests.Reporting;

/// <summary>Small-number suppression, checked by trying to work out every hidden small count from what is shown.</summary>
public class SmallNumberSuppressionTests
{
    private static IndicatorTable Table(params (string Pathway, int Completed, int Within)[] rows)
    {
        var list = rows.Select(r => new IndicatorRow(r.Pathway, null, r.Completed, r.Within)).ToList();
        return new IndicatorTable(list, new IndicatorRow("ALL", null, list.Sum(r => r.Completed), list.Sum(r => r.WithinStandard)), []);
    }

    [Fact]
    public void Apply_NothingSmall_HidesNothing()
    {
        var (rows, total) = SmallNumberSuppression.Apply(Table(("A12", 10, 7), ("A37", 20, 15)));

        Assert.All(rows.Append(total), r => Assert.NotNull(r.SharePercent));
    }

    [Fact]
    public void Apply_SmallCompletedCount_IsHiddenWithItsShare()
    {
        var (rows, _) = SmallNumberSuppression.Apply(Table(("A12", 10, 7), ("A37", 2, 0), ("A01", 12, 9)));

        var a37 = rows.Single(r => r.Pathway == "A37");
        Assert.Null(a37.Completed);
        Assert.Null(a37.SharePercent);
    }

    [Fact]
    public void Apply_ZeroIsNotSmall()
    {
        var (rows, _) = SmallNumberSuppression.Apply(Table(("A12", 10, 0), ("A37", 10, 10)));

        Assert.Equal(0, rows[0].WithinStandard);
        Assert.Equal(10, rows[1].WithinStandard);
    }

    [Fact]
    public void Apply_FewBreaches_HideTheWithinCountAndTheShare()
    {
        // 10 completed, 9 within: one breach could be worked out as 10 − 9.
        var (rows, _) = SmallNumberSuppression.Apply(Table(("A12", 10, 9), ("A37", 20, 10), ("A01", 30, 20)));

        Assert.Equal(10, rows[0].Completed);
        Assert.Null(rows[0].WithinStandard);
        Assert.Null(rows[0].SharePercent);
    }

    [Theory]
    [InlineData(3)] // NPR's threshold
    [InlineData(5)] // Denmark's
    public void Apply_CasesBuiltToLeakBySubtraction_LeakNothing(int threshold)
    {
        var cases = new[]
        {
            // One small row: the total minus the others would reveal it.
            Table(("A12", 40, 30), ("A37", 2, 1), ("A01", 25, 20)),
            // Two rows, one small: the total reveals it directly.
            Table(("A12", 40, 30), ("A37", 1, 1)),
            // Small within counts in two rows and a small breach count in a third.
            Table(("A12", 40, 2), ("A37", 30, 1), ("A01", 25, 24), ("A16", 50, 40)),
            // Everything small.
            Table(("A12", 2, 1), ("A37", 1, 1), ("A01", 2, 2)),
            // Only the total row is not small.
            Table(("A12", 4, 3), ("A37", 4, 2), ("A01", 4, 4)),
        };
        foreach (var table in cases)
        {
            var (rows, total) = SmallNumberSuppression.Apply(table, threshold);
            AssertNoSmallCountCanBeWorkedOut(table, rows, total, threshold);
        }
    }

    /// <summary>
    /// Solves for hidden cells from the shown ones with the table's relations (completed = within + breaches per
    /// row; each column's total = the sum of its rows) and fails if any count from 1 to threshold − 1 is determined.
    /// </summary>
    private static void AssertNoSmallCountCanBeWorkedOut(IndicatorTable table, IReadOnlyList<PublicIndicatorRow> rows, PublicIndicatorRow total, int threshold)
    {
        var all = table.Rows.Append(table.Total).ToList();
        var shown = rows.Append(total).ToList();
        var n = all.Count;
        var value = new int?[n, 3];
        for (var r = 0; r < n; r++)
        {
            value[r, 0] = shown[r].Completed;
            value[r, 1] = shown[r].WithinStandard;
            value[r, 2] = shown[r].Completed is { } c && shown[r].WithinStandard is { } w ? c - w : null;
            // A share shown with its completed count reveals the within count.
            Assert.True(shown[r].SharePercent is null || (shown[r].Completed is not null && shown[r].WithinStandard is not null));
        }
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var r = 0; r < n; r++)
            {
                changed |= Solve([(r, 0), (r, 1), (r, 2)], [1, -1, -1]);
            }
            for (var col = 0; col < 3; col++)
            {
                var cells = Enumerable.Range(0, n).Select(r => (r, col)).ToArray();
                changed |= Solve(cells, Enumerable.Range(0, n).Select(r => r == n - 1 ? 1 : -1).ToArray());
            }
        }
        for (var r = 0; r < n; r++)
        {
            var actual = new[] { all[r].Completed, all[r].WithinStandard, all[r].Breaches };
            for (var col = 0; col < 3; col++)
            {
                if (actual[col] >= 1 && actual[col] < threshold)
                {
                    Assert.True(value[r, col] is null, $"{all[r].Pathway} column {col} = {actual[col]} can be worked out");
                }
            }
        }

        // sum(sign × cell) = 0: with one unknown, it is determined.
        bool Solve((int Row, int Col)[] cells, int[] signs)
        {
            var unknown = cells.Select((c, i) => (c, i)).Where(x => value[x.c.Row, x.c.Col] is null).ToList();
            if (unknown.Count != 1)
            {
                return false;
            }
            var sum = cells.Select((c, i) => value[c.Row, c.Col] is { } v ? signs[i] * v : 0).Sum();
            var (cell, index) = unknown[0];
            value[cell.Row, cell.Col] = -sum / signs[index];
            return true;
        }
    }
}
