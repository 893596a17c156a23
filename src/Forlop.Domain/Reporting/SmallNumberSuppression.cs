namespace Forlop.Domain.Reporting;

/// <summary>
/// An indicator row as the public sees it: a null cell is suppressed. <see cref="WithoutStandard"/>: completed
/// pathways whose standard time is not known (outside the share); <see cref="Unverified"/>: the row counts a pathway
/// code or standard time no source confirms yet.
/// </summary>
public sealed record PublicIndicatorRow(string Pathway, string? Organisation, int? Completed, int? WithinStandard, string? SharePercent,
    int? WithoutStandard = 0, bool Unverified = false);

/// <summary>One linear relation a published table carries: <see cref="Total"/> is the sum of <see cref="Parts"/> (cell indexes).</summary>
public sealed record SumRelation(int Total, IReadOnlyList<int> Parts);

/// <summary>
/// Small-number suppression for public figures, as NPR does it: every count of at least 1 and below the threshold
/// is hidden (primary suppression), and so is every figure from which a hidden count could be worked out
/// (secondary suppression). The number of breaches (completed − within) is a count too, though it is not printed.
/// Zero is never hidden for being small. A share is shown only when both its counts are shown.
/// </summary>
/// <remarks>
/// Works on the linear relations the figures carry — in a row completed = within + breaches, in a column the total
/// equals the sum of the rows, across organisation levels a region equals the sum of its HFs. Known cells are
/// propagated through these relations until nothing more can be derived; while a small count can be derived, one
/// more printed cell that its derivation used is hidden: the nearest one, preferring a part to a total, a non-zero
/// count to a zero, and the smallest. When propagation finds nothing, the relations are solved together (a small
/// count may be fixed by several relations none of which has a single unknown, as in tables of three dimensions)
/// and a printed cell the solution uses is hidden, until no small count is fixed.
/// </remarks>
public static class SmallNumberSuppression
{
    public const int DefaultThreshold = 3;

    private const int Completed = 0, Within = 1, Breaches = 2;
    private const double Epsilon = 1e-9;

    public static (IReadOnlyList<PublicIndicatorRow> Rows, PublicIndicatorRow Total) Apply(IndicatorTable table, int threshold = DefaultThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        // Row index n is the total row; cell 3r + c is column c of row r.
        var all = table.Rows.Append(table.Total).ToList();
        var n = table.Rows.Count;
        var values = all.SelectMany(r => new[] { r.Completed, r.WithinStandard, r.Breaches }).ToArray();
        var printed = values.Select((_, i) => i % 3 != Breaches).ToArray();
        var relations = new List<SumRelation>();
        for (var r = 0; r < all.Count; r++)
        {
            relations.Add(new SumRelation(3 * r + Completed, [3 * r + Within, 3 * r + Breaches]));
        }
        if (n > 0)
        {
            for (var col = 0; col < 3; col++)
            {
                relations.Add(new SumRelation(3 * n + col, Enumerable.Range(0, n).Select(r => 3 * r + col).ToList()));
            }
        }
        // A few breaches hide the within count even when the completed count is hidden too (NPR's rule for the share).
        var alsoHidden = values.Select((v, i) => i % 3 == Within && values[i + 1] >= 1 && values[i + 1] < threshold).ToArray();
        var hidden = Hide(values, printed, relations, threshold, alsoHidden: alsoHidden);

        var rows = new List<PublicIndicatorRow>();
        for (var r = 0; r < all.Count; r++)
        {
            var source = all[r];
            var showCompleted = !hidden[3 * r + Completed];
            var showWithin = !hidden[3 * r + Within];
            rows.Add(new PublicIndicatorRow(source.Pathway, source.Organisation,
                showCompleted ? source.Completed : null,
                showWithin ? source.WithinStandard : null,
                showCompleted && showWithin ? source.SharePercent : null,
                // This table's relations do not hold the pathways without a standard: a table with some is suppressed as a cube (IndicatorSuppression).
                source.WithoutStandard == 0 ? 0 : null,
                source.Unverified));
        }
        return (rows.Take(n).ToList(), rows[n]);
    }

    /// <summary>
    /// Decides which cells to hide. <paramref name="values"/> are the counts; <paramref name="printed"/> says which
    /// would be printed (the others, such as breaches, the reader can only work out); <paramref name="readerKnows"/>
    /// marks cells the reader sees anyway (a user's own figures), which are never hidden and never count as a leak;
    /// <paramref name="alsoHidden"/> marks printed cells a caller's own primary rule hides. Returns, per cell, whether
    /// it is hidden.
    /// </summary>
    public static bool[] Hide(IReadOnlyList<int> values, IReadOnlyList<bool> printed, IReadOnlyList<SumRelation> relations, int threshold,
        IReadOnlyList<bool>? readerKnows = null, IReadOnlyList<bool>? alsoHidden = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        var cells = values.Count;
        bool Small(int cell) => values[cell] >= 1 && values[cell] < threshold;
        bool Known(int cell) => readerKnows is not null && readerKnows[cell];

        var relationsOf = new List<int>[cells];
        for (var c = 0; c < cells; c++)
        {
            relationsOf[c] = [];
        }
        for (var r = 0; r < relations.Count; r++)
        {
            foreach (var c in Members(relations[r]))
            {
                relationsOf[c].Add(r);
            }
        }

        var hidden = new bool[cells];
        // Small counts the reader can work out from what they see anyway: nothing to hide for them.
        var given = new bool[cells];
        for (var c = 0; c < cells; c++)
        {
            hidden[c] = printed[c] && !Known(c) && (Small(c) || (alsoHidden is not null && alsoHidden[c]));
        }

        var derivedBy = new int[cells];
        while (true)
        {
            if (FindLeak() is { } leak)
            {
                // The common case, found fast: one relation with a single unknown.
                if (Contributors(leak.Cell, leak.Relation) is { } candidate)
                {
                    hidden[candidate] = true;
                }
                else
                {
                    given[leak.Cell] = true;
                }
                continue;
            }
            if (FindLinearLeak() is { } linear)
            {
                // Several relations solved together (a region against its HFs and all pathways against each one).
                var best = linear.Contributors.Where(c => printed[c] && !hidden[c] && !Known(c))
                    .OrderBy(c => values[c] == 0 ? 1 : 0).ThenBy(c => values[c]).ThenBy(c => c)
                    .Select(c => (int?)c).FirstOrDefault();
                if (best is { } b)
                {
                    hidden[b] = true;
                }
                else
                {
                    given[linear.Cell] = true;
                }
                continue;
            }
            return hidden;
        }

        bool IsKnown(int cell) => (printed[cell] && !hidden[cell]) || Known(cell) || given[cell];

        // Solves the relations together, one connected group of unknown cells at a time (Gaussian elimination to
        // reduced row echelon form): a cell is fixed when its pivot row holds no other unknown. The known cells left
        // in that row are what fixes it.
        (int Cell, List<int> Contributors)? FindLinearLeak()
        {
            var parent = Enumerable.Range(0, cells).ToArray();
            int Root(int c)
            {
                while (parent[c] != c)
                {
                    c = parent[c] = parent[parent[c]];
                }
                return c;
            }
            var withUnknowns = new List<int>();
            for (var r = 0; r < relations.Count; r++)
            {
                var unknownMembers = Members(relations[r]).Where(c => !IsKnown(c)).ToList();
                if (unknownMembers.Count == 0)
                {
                    continue;
                }
                withUnknowns.Add(r);
                foreach (var c in unknownMembers.Skip(1))
                {
                    parent[Root(c)] = Root(unknownMembers[0]);
                }
            }
            foreach (var group in withUnknowns.GroupBy(r => Root(Members(relations[r]).First(c => !IsKnown(c)))).OrderBy(g => g.Key))
            {
                var rows = group.ToList();
                var unknownColumns = rows.SelectMany(r => Members(relations[r])).Where(c => !IsKnown(c)).Distinct().Order().ToList();
                if (!unknownColumns.Any(Small))
                {
                    continue;
                }
                var knownColumns = rows.SelectMany(r => Members(relations[r])).Where(IsKnown).Distinct().Order().ToList();
                var columns = unknownColumns.Concat(knownColumns).ToList();
                var columnOf = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
                var m = rows.Select(r =>
                {
                    var row = new double[columns.Count];
                    row[columnOf[relations[r].Total]] += 1;
                    foreach (var part in relations[r].Parts)
                    {
                        row[columnOf[part]] -= 1;
                    }
                    return row;
                }).ToList();
                var pivots = new List<(int Row, int Column)>();
                var rank = 0;
                for (var col = 0; col < unknownColumns.Count && rank < m.Count; col++)
                {
                    var pivot = -1;
                    for (var r = rank; r < m.Count; r++)
                    {
                        if (Math.Abs(m[r][col]) > Epsilon && (pivot < 0 || Math.Abs(m[r][col]) > Math.Abs(m[pivot][col])))
                        {
                            pivot = r;
                        }
                    }
                    if (pivot < 0)
                    {
                        continue;
                    }
                    (m[rank], m[pivot]) = (m[pivot], m[rank]);
                    var p = m[rank][col];
                    for (var c = 0; c < columns.Count; c++)
                    {
                        m[rank][c] /= p;
                    }
                    for (var r = 0; r < m.Count; r++)
                    {
                        var factor = m[r][col];
                        if (r != rank && Math.Abs(factor) > Epsilon)
                        {
                            for (var c = 0; c < columns.Count; c++)
                            {
                                m[r][c] -= factor * m[rank][c];
                            }
                        }
                    }
                    pivots.Add((rank, col));
                    rank++;
                }
                foreach (var (row, col) in pivots)
                {
                    var cell = unknownColumns[col];
                    if (!Small(cell) || given[cell])
                    {
                        continue;
                    }
                    var alone = true;
                    for (var c = 0; c < unknownColumns.Count && alone; c++)
                    {
                        alone = c == col || Math.Abs(m[row][c]) < Epsilon;
                    }
                    if (alone)
                    {
                        var contributors = Enumerable.Range(unknownColumns.Count, knownColumns.Count)
                            .Where(c => Math.Abs(m[row][c]) > Epsilon).Select(c => columns[c]).ToList();
                        return (cell, contributors);
                    }
                }
            }
            return null;
        }

        // Propagates known cells through relations with one unknown; returns the first small count that becomes known.
        (int Cell, int Relation)? FindLeak()
        {
            var known = new bool[cells];
            for (var c = 0; c < cells; c++)
            {
                known[c] = (printed[c] && !hidden[c]) || Known(c) || given[c];
                derivedBy[c] = -1;
            }
            var unknownCount = new int[relations.Count];
            var queue = new Queue<int>();
            for (var r = 0; r < relations.Count; r++)
            {
                unknownCount[r] = Members(relations[r]).Count(c => !known[c]);
                if (unknownCount[r] == 1)
                {
                    queue.Enqueue(r);
                }
            }
            while (queue.TryDequeue(out var r))
            {
                if (unknownCount[r] != 1)
                {
                    continue;
                }
                var cell = Members(relations[r]).First(c => !known[c]);
                known[cell] = true;
                derivedBy[cell] = r;
                if (Small(cell))
                {
                    return (cell, r);
                }
                foreach (var other in relationsOf[cell])
                {
                    if (--unknownCount[other] == 1)
                    {
                        queue.Enqueue(other);
                    }
                }
            }
            return null;
        }

        // The best printed cell the derivation of the leaked cell used, nearest first.
        int? Contributors(int leaked, int relation)
        {
            var visited = new HashSet<int> { relation };
            var frontier = new List<(int Relation, int Derived)> { (relation, leaked) };
            while (frontier.Count > 0)
            {
                var candidates = new List<(int Cell, bool IsTotal)>();
                var next = new List<(int Relation, int Derived)>();
                foreach (var (r, derived) in frontier)
                {
                    foreach (var c in Members(relations[r]).Where(c => c != derived))
                    {
                        if (printed[c] && !hidden[c] && !Known(c))
                        {
                            candidates.Add((c, c == relations[r].Total));
                        }
                        else if (derivedBy[c] >= 0 && visited.Add(derivedBy[c]))
                        {
                            next.Add((derivedBy[c], c));
                        }
                    }
                }
                if (candidates.Count > 0)
                {
                    return candidates
                        .OrderBy(c => c.IsTotal ? 1 : 0)
                        .ThenBy(c => values[c.Cell] == 0 ? 1 : 0)
                        .ThenBy(c => values[c.Cell])
                        .ThenBy(c => c.Cell)
                        .First().Cell;
                }
                frontier = next;
            }
            return null;
        }
    }

    private static IEnumerable<int> Members(SumRelation relation) => relation.Parts.Prepend(relation.Total);
}
