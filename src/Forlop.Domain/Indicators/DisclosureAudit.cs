namespace Forlop.Domain.Indicators;

/// <summary>A hidden cell a reader of the public tables can work out exactly: which figure, which count, its value.</summary>
public sealed record RecoveredCell(string Period, IndicatorFigure Figure, string Cell, int Value);

/// <summary>
/// What an attack on a set of public tables found: how many printed cells were hidden, which hidden cells (and which
/// never-printed breach counts) were worked out exactly, and how many of those are small counts.
/// </summary>
public sealed record DisclosureAuditResult(int SuppressedCells, IReadOnlyList<RecoveredCell> Recovered, int Threshold)
{
    /// <summary>Hidden printed cells (counts and numerators) the reader worked out.</summary>
    public int RecoveredSuppressed => Recovered.Count(c => c.Cell != "rest");

    /// <summary>Small counts (from 1 up to the threshold minus one) the reader worked out: each one is a leak.</summary>
    public IReadOnlyList<RecoveredCell> RecoveredSmall => Recovered.Where(c => c.Value >= 1 && c.Value < Threshold).ToList();
}

/// <summary>
/// Plays a reader who takes every public table of a publication scope (every period, every level, every pathway) and
/// tries to get hidden counts back. The reader knows every printed cell, that counts are whole numbers and never
/// negative, and every relation the figures carry: a share's count is its numerator plus the rest (breaches); a level
/// is the sum of the level below; all pathways the sum of the pathways; all treatment types the sum of the types; a
/// period the sum of its months (for stocks: equal to every period ending on the same day). Two methods are
/// alternated until neither learns more: interval bounds propagated through every relation (what subtraction and
/// "at least zero" give, relation by relation), and Gaussian elimination of all relations together (a cell fixed by a
/// combination of relations none of which fixes it alone); the eliminated rows feed the bounds again.
/// Used by the tests and by <c>forlop audit-suppression</c>-style checks; pure.
/// </summary>
public static class DisclosureAudit
{
    private const double Tolerance = 1e-7;
    private const long Unbounded = long.MaxValue / 4;

    /// <param name="truth">The unsuppressed cubes of the scope.</param>
    /// <param name="shown">The same cubes as published (units may be left out: figures missing from them are not published).</param>
    /// <param name="threshold">The suppression threshold: a recovered value from 1 to threshold − 1 is a leak.</param>
    public static DisclosureAuditResult Attack(IReadOnlyList<IndicatorCube> truth, IReadOnlyList<IndicatorCube> shown, int threshold)
    {
        var definition = truth[0].Definition;
        var share = definition.Kind is IndicatorKind.ShareWithinStandard or IndicatorKind.ShareReached;
        var stock = PublicationScope.IsStock(definition);
        var cells = new List<(int Period, IndicatorFigure Figure, string Name, int Value, bool Printed, bool Shown)>();
        var cellOf = new Dictionary<(int Period, (string, OrganisationLevel, string?, string?, string?) Key, string Name), int>();
        var figuresOf = new List<Dictionary<(string, OrganisationLevel, string?, string?, string?), IndicatorFigure>>();
        for (var p = 0; p < truth.Count; p++)
        {
            var published = shown[p].Figures.ToDictionary(f => f.Key);
            var present = new Dictionary<(string, OrganisationLevel, string?, string?, string?), IndicatorFigure>();
            foreach (var t in truth[p].Figures)
            {
                if (!published.TryGetValue(t.Key, out var s))
                {
                    continue;
                }
                present[t.Key] = t;
                if (t.Count is { } c)
                {
                    Add(p, t, "count", c, true, s.Count is not null);
                }
                if (t.Numerator is { } n)
                {
                    Add(p, t, "numerator", n, true, s.Numerator is not null);
                }
                if (share && t.Count is { } c2 && t.Numerator is { } n2)
                {
                    Add(p, t, "rest", c2 - n2, false, false);
                }
            }
            figuresOf.Add(present);
        }

        // Relations: Σ coefficient × cell = constant.
        var relations = new List<Relation>();
        for (var p = 0; p < truth.Count; p++)
        {
            var present = figuresOf[p];
            // The parts of each sum looked up by what they share with their total (in the figures' order, so the
            // relations are the same as a scan would give), not by scanning every figure for every total: a year of
            // national figures is tens of thousands of figures, and the scan was most of the audit's time.
            var byParent = present.Values.ToLookup(c => (c.Level, c.Pathway, c.Interval, c.Treatment, c.Parent));
            var byLevel = present.Values.ToLookup(c => (c.Level, c.Pathway, c.Interval, c.Treatment));
            var byOrganisation = present.Values.Where(c => c.Pathway != IndicatorFigure.AllPathways)
                .ToLookup(c => (c.Level, c.Organisation, c.Interval, c.Treatment));
            var byTreatment = present.Values.Where(c => c.Treatment is not null).ToLookup(c => (c.Pathway, c.Level, c.Organisation, c.Interval));
            foreach (var figure in present.Values)
            {
                if (cellOf.TryGetValue((p, figure.Key, "rest"), out var rest))
                {
                    relations.Add(new Relation([cellOf[(p, figure.Key, "count")], cellOf[(p, figure.Key, "numerator")], rest], [1, -1, -1], 0));
                }
                if (figure.Level != OrganisationLevel.Unit)
                {
                    Sum(p, figure, (figure.Level == OrganisationLevel.Nation
                        ? byLevel[(figure.Level - 1, figure.Pathway, figure.Interval, figure.Treatment)]
                        : byParent[(figure.Level - 1, figure.Pathway, figure.Interval, figure.Treatment, figure.Organisation)]).ToList());
                }
                if (figure.Pathway == IndicatorFigure.AllPathways)
                {
                    Sum(p, figure, byOrganisation[(figure.Level, figure.Organisation, figure.Interval, figure.Treatment)].ToList());
                }
                if (figure.Interval is not null && figure.Treatment is null)
                {
                    Sum(p, figure, byTreatment[(figure.Pathway, figure.Level, figure.Organisation, figure.Interval)].ToList());
                }
            }
        }
        var months = truth.Select(c => PublicationScope.Months(c.Period)).ToList();
        for (var p = 0; p < truth.Count; p++)
        {
            // Every tiling of the period by other periods of the scope: its months, its tertials, its quarters.
            var tilings = stock
                ? Enumerable.Range(0, truth.Count).Where(q => q != p && truth[q].Period.End == truth[p].Period.End).Select(q => new List<int> { q }).ToList()
                : Tilings(p);
            foreach (var tiling in tilings)
            {
                foreach (var figure in figuresOf[p].Values)
                {
                    foreach (var name in new[] { "count", "numerator", "rest" })
                    {
                        if (!cellOf.TryGetValue((p, figure.Key, name), out var total))
                        {
                            continue;
                        }
                        // A period without the figure holds zero of it; one holding the figure without this cell breaks the sum.
                        var parts = tiling.Select(q => figuresOf[q].ContainsKey(figure.Key) ? cellOf.GetValueOrDefault((q, figure.Key, name), -2) : -1).ToList();
                        if (parts.Contains(-2))
                        {
                            continue;
                        }
                        var members = parts.Where(c => c >= 0).ToList();
                        relations.Add(new Relation([total, .. members], [1, .. members.Select(_ => -1.0)], 0));
                    }
                }
            }
        }

        var lo = new long[cells.Count];
        var hi = new long[cells.Count];
        for (var c = 0; c < cells.Count; c++)
        {
            (lo[c], hi[c]) = cells[c].Shown ? (cells[c].Value, cells[c].Value) : (0L, Unbounded);
        }
        var derived = new List<Relation>();
        for (var round = 0; round < 20; round++)
        {
            Propagate(relations.Concat(derived).ToList(), lo, hi);
            var rows = Eliminate(relations, lo, hi);
            var fixedBefore = Enumerable.Range(0, cells.Count).Count(c => lo[c] == hi[c]);
            foreach (var row in rows.Where(r => r.Cells.Length == 1))
            {
                var value = (long)Math.Round(row.Constant / row.Coefficients[0]);
                (lo[row.Cells[0]], hi[row.Cells[0]]) = (value, value);
            }
            derived = rows.Where(r => r.Cells.Length > 1).ToList();
            Propagate(derived, lo, hi);
            if (Enumerable.Range(0, cells.Count).Count(c => lo[c] == hi[c]) == fixedBefore && round > 0)
            {
                break;
            }
        }

        var recovered = new List<RecoveredCell>();
        var suppressed = 0;
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            if (cell.Printed && !cell.Shown)
            {
                suppressed++;
            }
            if (!cell.Shown && lo[c] == hi[c])
            {
                if (lo[c] != cell.Value)
                {
                    throw new InvalidOperationException($"the audit derived {lo[c]} for {cell.Figure.Key} {cell.Name} = {cell.Value}: the tables or the relations are inconsistent");
                }
                recovered.Add(new RecoveredCell(truth[cell.Period].Period.Text, cell.Figure, cell.Name, cell.Value));
            }
        }
        return new DisclosureAuditResult(suppressed, recovered, threshold);

        void Add(int period, IndicatorFigure figure, string name, int value, bool printed, bool isShown)
        {
            cellOf[(period, figure.Key, name)] = cells.Count;
            cells.Add((period, figure, name, value, printed, isShown));
        }

        void Sum(int period, IndicatorFigure total, List<IndicatorFigure> parts)
        {
            if (parts.Count == 0)
            {
                return;
            }
            foreach (var name in new[] { "count", "numerator", "rest" })
            {
                if (cellOf.TryGetValue((period, total.Key, name), out var t) && parts.All(p => cellOf.ContainsKey((period, p.Key, name))))
                {
                    var members = parts.Select(p => cellOf[(period, p.Key, name)]).ToList();
                    relations.Add(new Relation([t, .. members], [1, .. members.Select(_ => -1.0)], 0));
                }
            }
        }

        // Sets of other periods of the scope whose months are exactly the period's, each month once.
        List<List<int>> Tilings(int period)
        {
            var result = new List<List<int>>();
            foreach (var length in months.Select(m => m.Count).Where(l => l < months[period].Count).Distinct())
            {
                var tiles = Enumerable.Range(0, truth.Count).Where(q => months[q].Count == length && months[q].All(months[period].Contains)).ToList();
                if (tiles.Sum(q => months[q].Count) == months[period].Count && tiles.SelectMany(q => months[q]).Distinct().Count() == months[period].Count)
                {
                    result.Add(tiles);
                }
            }
            return result;
        }
    }

    /// <summary>Narrows every cell's bounds through every relation until nothing changes; bounds are whole numbers.</summary>
    private static void Propagate(List<Relation> relations, long[] lo, long[] hi)
    {
        var relationsOf = new Dictionary<int, List<int>>();
        for (var r = 0; r < relations.Count; r++)
        {
            foreach (var c in relations[r].Cells)
            {
                if (!relationsOf.TryGetValue(c, out var list))
                {
                    relationsOf[c] = list = [];
                }
                list.Add(r);
            }
        }
        var queue = new Queue<int>(Enumerable.Range(0, relations.Count));
        var queued = Enumerable.Repeat(true, relations.Count).ToArray();
        while (queue.TryDequeue(out var r))
        {
            queued[r] = false;
            var relation = relations[r];
            // Σ a_k x_k over the relation, as bounds; infinite when any unbounded cell contributes in that direction.
            double min = 0, max = 0;
            int minInfinite = 0, maxInfinite = 0;
            for (var k = 0; k < relation.Cells.Length; k++)
            {
                var (a, c) = (relation.Coefficients[k], relation.Cells[k]);
                var (low, high) = a > 0 ? (a * lo[c], hi[c] >= Unbounded ? double.PositiveInfinity : a * hi[c]) : (hi[c] >= Unbounded ? double.NegativeInfinity : a * hi[c], a * lo[c]);
                if (double.IsInfinity(low)) { minInfinite++; } else { min += low; }
                if (double.IsInfinity(high)) { maxInfinite++; } else { max += high; }
            }
            for (var k = 0; k < relation.Cells.Length; k++)
            {
                var (a, c) = (relation.Coefficients[k], relation.Cells[k]);
                if (lo[c] == hi[c])
                {
                    continue;
                }
                var (low, high) = a > 0 ? (a * lo[c], hi[c] >= Unbounded ? double.PositiveInfinity : a * hi[c]) : (hi[c] >= Unbounded ? double.NegativeInfinity : a * hi[c], a * lo[c]);
                // a x_c = constant − Σ others.
                var othersMin = double.IsInfinity(low) ? (minInfinite > 1 ? double.NegativeInfinity : min) : (minInfinite > 0 ? double.NegativeInfinity : min - low);
                var othersMax = double.IsInfinity(high) ? (maxInfinite > 1 ? double.PositiveInfinity : max) : (maxInfinite > 0 ? double.PositiveInfinity : max - high);
                var axMin = relation.Constant - othersMax;
                var axMax = relation.Constant - othersMin;
                var (xMin, xMax) = a > 0 ? (axMin / a, axMax / a) : (axMax / a, axMin / a);
                var changed = false;
                if (!double.IsInfinity(xMin) && Math.Ceiling(xMin - Tolerance) > lo[c])
                {
                    lo[c] = (long)Math.Ceiling(xMin - Tolerance);
                    changed = true;
                }
                if (!double.IsInfinity(xMax) && Math.Floor(xMax + Tolerance) < hi[c])
                {
                    hi[c] = (long)Math.Floor(xMax + Tolerance);
                    changed = true;
                }
                if (lo[c] > hi[c])
                {
                    throw new InvalidOperationException("the published tables contradict their relations");
                }
                if (changed)
                {
                    foreach (var other in relationsOf[c].Where(o => !queued[o]))
                    {
                        queued[other] = true;
                        queue.Enqueue(other);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The relations over the cells not yet fixed, in reduced row echelon form (sparse Gaussian elimination, fixed cells
    /// moved to the constant). A row with one cell fixes it; the others are combinations the bounds can use.
    /// </summary>
    private static List<Relation> Eliminate(List<Relation> relations, long[] lo, long[] hi)
    {
        var pivotRow = new Dictionary<int, Dictionary<int, double>>();
        var constants = new Dictionary<int, double>();
        // For each column, the pivots whose rows hold it.
        var holders = new Dictionary<int, HashSet<int>>();
        void Hold(int column, int pivot)
        {
            if (!holders.TryGetValue(column, out var rows))
            {
                holders[column] = rows = [];
            }
            rows.Add(pivot);
        }
        foreach (var relation in relations)
        {
            var row = new Dictionary<int, double>();
            var constant = relation.Constant;
            for (var k = 0; k < relation.Cells.Length; k++)
            {
                var c = relation.Cells[k];
                if (lo[c] == hi[c])
                {
                    constant -= relation.Coefficients[k] * lo[c];
                }
                else
                {
                    row[c] = row.GetValueOrDefault(c) + relation.Coefficients[k];
                }
            }
            // Reduce by the pivots found so far (each pivot row holds no other pivot column... after the final pass).
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var c in row.Keys.Where(pivotRow.ContainsKey).ToList())
                {
                    if (!row.TryGetValue(c, out var factor) || Math.Abs(factor) < Tolerance)
                    {
                        row.Remove(c);
                        continue;
                    }
                    foreach (var (pc, pv) in pivotRow[c])
                    {
                        var v = row.GetValueOrDefault(pc) - factor * pv;
                        if (Math.Abs(v) < Tolerance)
                        {
                            row.Remove(pc);
                        }
                        else
                        {
                            row[pc] = v;
                        }
                    }
                    constant -= factor * constants[c];
                    changed = true;
                }
            }
            foreach (var c in row.Where(x => Math.Abs(x.Value) < Tolerance).Select(x => x.Key).ToList())
            {
                row.Remove(c);
            }
            if (row.Count == 0)
            {
                continue;
            }
            var pivot = row.Keys.Min();
            var scale = row[pivot];
            foreach (var c in row.Keys.ToList())
            {
                row[c] /= scale;
            }
            constant /= scale;
            // Keep the form reduced: the new pivot leaves every earlier row. Only the rows that hold its column are
            // visited (looked up, not scanned: with thousands of rows the scan was nearly all of the audit's time).
            if (holders.TryGetValue(pivot, out var holding))
            {
                foreach (var pc in holding.ToList())
                {
                    var other = pivotRow[pc];
                    var factor = other[pivot];
                    foreach (var (c, v) in row)
                    {
                        var w = other.GetValueOrDefault(c) - factor * v;
                        if (Math.Abs(w) < Tolerance)
                        {
                            if (other.Remove(c))
                            {
                                holders[c].Remove(pc);
                            }
                        }
                        else
                        {
                            if (other.TryAdd(c, w))
                            {
                                Hold(c, pc);
                            }
                            else
                            {
                                other[c] = w;
                            }
                        }
                    }
                    constants[pc] -= factor * constant;
                }
            }
            pivotRow[pivot] = row;
            constants[pivot] = constant;
            foreach (var c in row.Keys)
            {
                Hold(c, pivot);
            }
        }
        return pivotRow.Select(x => new Relation([.. x.Value.Keys], [.. x.Value.Values], constants[x.Key])).ToList();
    }

    private sealed record Relation(int[] Cells, double[] Coefficients, double Constant);
}
