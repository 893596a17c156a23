using Forlop.Domain.Indicators;

namespace Forlop.Domain.Tests.Indicators;

/// <summary>
/// Plays the reader of a suppressed <see cref="IndicatorCube"/> who wants a hidden small count back. The reader knows
/// every shown cell (and the figures <c>readerKnows</c> marks) and every relation the figures carry: a share's count
/// is its numerator plus the rest; a level is the sum of the level below; all pathways the sum of the pathways; all
/// treatment types the sum of the types. A cell can be worked out when it is fixed by those linear equations: its
/// column is a pivot of the reduced row echelon form whose row has no other unknown (Gaussian elimination). A reader
/// who knows some figures whole (their own) is not counted as learning what those figures alone already fix.
/// </summary>
internal static class CubeDisclosureCheck
{
    public static IReadOnlyList<string> Leaks(IndicatorCube truth, IndicatorCube shown, int threshold, Func<IndicatorFigure, bool>? readerKnows = null)
    {
        var figures = truth.Figures;
        var hasRest = truth.Definition.Kind is IndicatorKind.ShareWithinStandard or IndicatorKind.ShareReached;
        var cells = new List<(int Figure, string Name, int Value, bool Known)>();
        var cellOf = new Dictionary<(int, string), int>();
        for (var f = 0; f < figures.Count; f++)
        {
            var t = figures[f];
            var s = shown.Figures[f];
            Assert.Equal(t.Key, s.Key);
            var knows = readerKnows?.Invoke(t) ?? false;
            if (t.Count is { } c)
            {
                Add(f, "count", c, knows || s.Count is not null);
            }
            if (t.Numerator is { } n)
            {
                Add(f, "numerator", n, knows || s.Numerator is not null);
            }
            if (hasRest && t.Count is { } c2 && t.Numerator is { } n2)
            {
                Add(f, "rest", c2 - n2, knows);
            }
        }

        var equations = new List<Dictionary<int, double>>();
        for (var f = 0; f < figures.Count; f++)
        {
            if (cellOf.TryGetValue((f, "rest"), out var rest))
            {
                equations.Add(new() { [cellOf[(f, "count")]] = 1, [cellOf[(f, "numerator")]] = -1, [rest] = -1 });
            }
            var figure = figures[f];
            IEnumerable<int> children = figure.Level == OrganisationLevel.Unit ? [] : Enumerable.Range(0, figures.Count).Where(c =>
                figures[c].Level == figure.Level - 1 && figures[c].Pathway == figure.Pathway && figures[c].Interval == figure.Interval
                && figures[c].Treatment == figure.Treatment && (figure.Level == OrganisationLevel.Nation || figures[c].Parent == figure.Organisation));
            Sum(f, children.ToList());
            if (figure.Pathway == IndicatorFigure.AllPathways)
            {
                Sum(f, Enumerable.Range(0, figures.Count).Where(c => figures[c].Pathway != IndicatorFigure.AllPathways && figures[c].Level == figure.Level
                    && figures[c].Organisation == figure.Organisation && figures[c].Interval == figure.Interval && figures[c].Treatment == figure.Treatment).ToList());
            }
            if (figure.Interval is not null && figure.Treatment is null)
            {
                Sum(f, Enumerable.Range(0, figures.Count).Where(c => figures[c].Treatment is not null && figures[c].Pathway == figure.Pathway
                    && figures[c].Level == figure.Level && figures[c].Organisation == figure.Organisation && figures[c].Interval == figure.Interval).ToList());
            }
        }

        var unknown = Enumerable.Range(0, cells.Count).Where(i => !cells[i].Known).ToList();
        var determined = Determined(equations, unknown);
        // What the reader's own figures fix on their own (their HF is all of a region's) is theirs to know.
        if (readerKnows is not null)
        {
            var ownOnly = Enumerable.Range(0, cells.Count).Where(i => !readerKnows(figures[cells[i].Figure])).ToList();
            determined.ExceptWith(Determined(equations, ownOnly));
        }
        return unknown.Where(i => determined.Contains(i) && cells[i].Value >= 1 && cells[i].Value < threshold)
            .Select(i => $"{figures[cells[i].Figure].Pathway}/{figures[cells[i].Figure].Level}/{figures[cells[i].Figure].Organisation}/{figures[cells[i].Figure].Interval}/{figures[cells[i].Figure].Treatment} {cells[i].Name} = {cells[i].Value} can be worked out")
            .ToList();

        void Add(int figure, string name, int value, bool known)
        {
            cellOf[(figure, name)] = cells.Count;
            cells.Add((figure, name, value, known));
        }

        void Sum(int total, List<int> parts)
        {
            if (parts.Count == 0)
            {
                return;
            }
            foreach (var name in new[] { "count", "numerator", "rest" })
            {
                if (cellOf.TryGetValue((total, name), out var t) && parts.All(p => cellOf.ContainsKey((p, name))))
                {
                    var e = new Dictionary<int, double> { [t] = 1 };
                    foreach (var p in parts)
                    {
                        e[cellOf[(p, name)]] = -1;
                    }
                    equations.Add(e);
                }
            }
        }
    }

    /// <summary>The unknowns the equations fix, whatever the known cells are.</summary>
    private static HashSet<int> Determined(List<Dictionary<int, double>> equations, List<int> unknown)
    {
        var column = unknown.Select((cell, i) => (cell, i)).ToDictionary(x => x.cell, x => x.i);
        var m = equations.Select(e =>
        {
            var row = new double[unknown.Count];
            foreach (var (cell, coefficient) in e)
            {
                if (column.TryGetValue(cell, out var c))
                {
                    row[c] = coefficient;
                }
            }
            return row;
        }).Where(r => r.Any(x => x != 0)).ToList();
        var pivots = new List<(int Row, int Column)>();
        var rank = 0;
        for (var col = 0; col < unknown.Count && rank < m.Count; col++)
        {
            var pivot = Enumerable.Range(rank, m.Count - rank).FirstOrDefault(r => Math.Abs(m[r][col]) > 1e-9, -1);
            if (pivot < 0)
            {
                continue;
            }
            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            var p = m[rank][col];
            for (var c = 0; c < unknown.Count; c++)
            {
                m[rank][c] /= p;
            }
            for (var r = 0; r < m.Count; r++)
            {
                if (r != rank && Math.Abs(m[r][col]) > 1e-9)
                {
                    var factor = m[r][col];
                    for (var c = 0; c < unknown.Count; c++)
                    {
                        m[r][c] -= factor * m[rank][c];
                    }
                }
            }
            pivots.Add((rank, col));
            rank++;
        }
        return pivots.Where(x => Enumerable.Range(0, unknown.Count).All(c => c == x.Column || Math.Abs(m[x.Row][c]) < 1e-9))
            .Select(x => unknown[x.Column]).ToHashSet();
    }
}
