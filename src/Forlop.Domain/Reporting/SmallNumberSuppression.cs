namespace Forlop.Domain.Reporting;

/// <summary>An indicator row as the public sees it: a null cell is suppressed.</summary>
public sealed record PublicIndicatorRow(string Pathway, string? Organisation, int? Completed, int? WithinStandard, string? SharePercent);

/// <summary>
/// Small-number suppression for public figures, as NPR does it: every count of at least 1 and below the threshold
/// is hidden (primary suppression), and so is every figure from which a hidden count could be worked out
/// (secondary suppression). The number of breaches (completed − within) is a count too, though it is not printed.
/// Zero is never hidden for being small. A share is shown only when both its counts are shown.
/// </summary>
/// <remarks>
/// Works on the linear relations the table carries: in each row completed = within + breaches, and in each column
/// the total equals the sum of the rows. Known cells are propagated through these relations until nothing more can
/// be derived; while a small count can be derived, one more cell of the relation that revealed it is hidden.
/// </remarks>
public static class SmallNumberSuppression
{
    public const int DefaultThreshold = 3;

    private const int Completed = 0, Within = 1, Breaches = 2;

    public static (IReadOnlyList<PublicIndicatorRow> Rows, PublicIndicatorRow Total) Apply(IndicatorTable table, int threshold = DefaultThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        // Row index n is the total row.
        var all = table.Rows.Append(table.Total).ToList();
        var n = table.Rows.Count;
        var values = all.Select(r => new[] { r.Completed, r.WithinStandard, r.Breaches }).ToArray();
        var hidden = new bool[all.Count, 3];
        bool Small(int row, int col) => values[row][col] >= 1 && values[row][col] < threshold;

        for (var r = 0; r < all.Count; r++)
        {
            hidden[r, Completed] = Small(r, Completed);
            // A small within count, or a small number of breaches, both hide the within count (and so the share).
            hidden[r, Within] = Small(r, Within) || Small(r, Breaches);
        }

        while (true)
        {
            var (leak, relation) = FindLeak();
            if (leak is null)
            {
                break;
            }
            // Hide one more printed cell of the relation that revealed the small count: the smallest non-zero one,
            // preferring ordinary rows to the total.
            var candidates = relation!.Where(c => c.Col != Breaches && !hidden[c.Row, c.Col]).ToList();
            if (candidates.Count == 0)
            {
                // The relation was completed from cells that were themselves derived: hide more of the same column.
                candidates = Enumerable.Range(0, all.Count).Select(r => (Row: r, Col: leak.Value.Col == Breaches ? Within : leak.Value.Col))
                    .Where(c => !hidden[c.Row, c.Col]).ToList();
            }
            if (candidates.Count == 0)
            {
                candidates = Enumerable.Range(0, all.Count).SelectMany(r => new[] { (Row: r, Col: Completed), (Row: r, Col: Within) })
                    .Where(c => !hidden[c.Row, c.Col]).ToList();
            }
            var candidate = candidates
                .OrderBy(c => c.Row == n ? 1 : 0)
                .ThenBy(c => values[c.Row][c.Col] == 0 ? 1 : 0)
                .ThenBy(c => values[c.Row][c.Col])
                .First();
            hidden[candidate.Row, candidate.Col] = true;
        }

        var rows = new List<PublicIndicatorRow>();
        for (var r = 0; r < all.Count; r++)
        {
            var source = all[r];
            var showCompleted = !hidden[r, Completed];
            var showWithin = !hidden[r, Within];
            rows.Add(new PublicIndicatorRow(source.Pathway, source.Organisation,
                showCompleted ? source.Completed : null,
                showWithin ? source.WithinStandard : null,
                showCompleted && showWithin ? source.SharePercent : null));
        }
        return (rows.Take(n).ToList(), rows[n]);

        // Propagates known cells; returns the first small count that becomes known and the relation that revealed it.
        ((int Row, int Col)? Cell, List<(int Row, int Col)>? Relation) FindLeak()
        {
            var known = new bool[all.Count, 3];
            for (var r = 0; r < all.Count; r++)
            {
                known[r, Completed] = !hidden[r, Completed];
                known[r, Within] = !hidden[r, Within];
                known[r, Breaches] = known[r, Completed] && known[r, Within];
            }
            var relations = new List<List<(int Row, int Col)>>();
            for (var r = 0; r < all.Count; r++)
            {
                relations.Add([(r, Completed), (r, Within), (r, Breaches)]);
            }
            if (n > 0)
            {
                for (var col = 0; col < 3; col++)
                {
                    relations.Add(Enumerable.Range(0, n + 1).Select(r => (r, col)).ToList());
                }
            }
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var relation in relations)
                {
                    var unknown = relation.Where(c => !known[c.Row, c.Col]).ToList();
                    if (unknown.Count != 1)
                    {
                        continue;
                    }
                    var cell = unknown[0];
                    known[cell.Row, cell.Col] = true;
                    changed = true;
                    if (Small(cell.Row, cell.Col))
                    {
                        return (cell, relation);
                    }
                }
            }
            return (null, null);
        }
    }
}
