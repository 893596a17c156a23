namespace Forlop.Domain.Indicators;

/// <summary>
/// Secondary suppression of a cube by the hypercube method (as in tau-ARGUS's GHMITER): every small count that is
/// hidden, or never printed (a share's few breaches), gets a certificate that it cannot be worked out — a pattern of
/// hidden cells along which the figures can be shifted without changing any printed cell or breaking any relation.
/// </summary>
/// <remarks>
/// The cube has one dimension per relation kind: periods (a publication scope: a year = the sum of its tertials, of
/// its quarters and of its months, each of them the sum of its months; for stocks, every period ending on the same
/// day holds the same figure), pathways (all pathways = the sum of the pathways), organisations (a
/// tree: the nation = the sum of the regions, a region = the sum of its HFs, an HF = the sum of its units), treatment
/// types (distributions: all types = the sum of the types) and, for shares, the measure (count = numerator + rest).
/// In each dimension a small vector of ±1 that every relation of that dimension sums to zero is picked — two parts
/// with opposite signs, a part and its total with the same sign, or a path up the organisation tree — and their
/// product is a shift of the whole cube that keeps every relation. In the period dimension a vector is a month's
/// path up (the month, its quarter, its tertial and the year, all +1) or one month's path up minus another's, which
/// keeps every sum of months whatever periods are printed. A shift must also keep every count at zero or more, or a
/// reader who knows that counts are not negative could rule it out: a product is used only when all its cells of one
/// sign are at least 1, so the figures can move by one in that direction. If every cell of the product is hidden (or never
/// printed), the small count is not fixed by what is printed: adding the shift gives another table with the same
/// printed cells. Hiding more cells keeps every earlier certificate valid, so one pass over the small counts is
/// enough, and a small count inside an earlier product needs none of its own (the shift moves it too). Among the products the one that hides the fewest and smallest further counts is chosen.
/// </remarks>
internal static class Hypercubes
{
    private const int Count = 0, Numerator = 1, Rest = 2;
    private const int CandidatesPerDimension = 4;
    private const int PathwayDimension = 0, OrganisationDimension = 1, TreatmentDimension = 2, MeasureDimension = 3, PeriodDimension = 4;

    private readonly record struct Node(OrganisationLevel Level, string? Organisation);

    /// <summary>A cell a product of vectors covers: its figure and measure, its sign, and the entries it came from.</summary>
    private readonly record struct ProductCell(int Figure, int Measure, int Sign, int Period, int Pathway, int Treatment);

    /// <summary>Suppresses the cubes of a publication scope (one indicator, several periods) together.</summary>
    public static IReadOnlyList<IndicatorCube> Apply(IReadOnlyList<IndicatorCube> cubes, int threshold, Func<IndicatorFigure, bool>? readerKnows)
    {
        var definition = cubes[0].Definition;
        // Figure f of the scope belongs to cube periodOf[f].
        var figures = cubes.SelectMany(c => c.Figures).ToList();
        var periodOf = cubes.SelectMany((c, p) => c.Figures.Select(_ => p)).ToArray();
        var share = definition.Kind is IndicatorKind.ShareWithinStandard or IndicatorKind.ShareReached;

        // Every coordinate as a number, so that a cell is found by one integer key.
        var pathways = figures.Select(f => f.Pathway).Where(p => p != IndicatorFigure.AllPathways).Distinct().Order(StringComparer.Ordinal).ToList();
        var pathwayId = pathways.Prepend(IndicatorFigure.AllPathways).Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var treatments = figures.Where(f => f.Treatment is not null).Select(f => f.Treatment!).Distinct().Order(StringComparer.Ordinal).ToList();
        // Treatment 0 is every type together (null).
        var treatmentId = treatments.Select((t, i) => (t, i + 1)).ToDictionary(x => x.t, x => x.Item2, StringComparer.Ordinal);
        var intervals = figures.Where(f => f.Interval is not null).Select(f => f.Interval!).Distinct().Order(StringComparer.Ordinal).ToList();
        var intervalId = intervals.Select((t, i) => (t, i + 1)).ToDictionary(x => x.t, x => x.Item2, StringComparer.Ordinal);
        // Parents too: a parent without figures of its own is still on the paths up the tree (its cells are absent zeros).
        var nodes = figures.Select(NodeOf).Concat(figures.Where(f => f.Level != OrganisationLevel.Nation).Select(ParentOf)).Distinct().ToList();
        var nodeId = nodes.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i);
        int TreatmentOf(IndicatorFigure f) => f.Treatment is null ? 0 : treatmentId[f.Treatment];
        int IntervalOf(IndicatorFigure f) => f.Interval is null ? 0 : intervalId[f.Interval];
        long Key(int period, int pathway, int node, int interval, int treatment) =>
            (((((long)period * pathwayId.Count + pathway) * nodes.Count + node) * (intervals.Count + 1) + interval) * (treatments.Count + 1)) + treatment;
        var index = new Dictionary<long, int>(figures.Count);
        for (var f = 0; f < figures.Count; f++)
        {
            index[Key(periodOf[f], pathwayId[figures[f].Pathway], nodeId[NodeOf(figures[f])], IntervalOf(figures[f]), TreatmentOf(figures[f]))] = f;
        }
        var months = cubes.Select(c => PublicationScope.Months(c.Period).ToHashSet()).ToList();
        var stock = PublicationScope.IsStock(definition);
        // A period's weight in the cost: the year is read most, then its tertials and quarters.
        var periodWeight = months.Select(m => m.Count >= 12 ? 4L : m.Count >= 3 ? 2L : 1L).ToArray();
        var known = figures.Select(f => readerKnows?.Invoke(f) ?? false).ToArray();
        // The figures people read first, most read highest: the nation's for all pathways (the headline of the public
        // page and of the national dashboard), the nation's per pathway for the year, then for its tertials (NPR's
        // publication periods). A certificate avoids hiding any of them while another exists, then gives them up from
        // the least read (`spare`: the lowest rank still kept).
        var headline = figures.Select((f, i) => f.Level != OrganisationLevel.Nation || f.Treatment is not null ? 0
            : f.Pathway == IndicatorFigure.AllPathways ? 3
            : months[periodOf[i]].Count >= 12 ? 2
            : months[periodOf[i]].Count >= 4 ? 1 : 0).ToArray();
        var spare = 1;
        var hidden = new bool[figures.Count, 3];
        // A cell inside a chosen product moves with that shift, so it has a certificate already.
        var covered = new bool[figures.Count, 3];
        var values = new int?[figures.Count, 3];
        // Rate runs for every candidate: one buffer for its cells (this method runs on one thread).
        var scratch = new List<ProductCell>();
        for (var f = 0; f < figures.Count; f++)
        {
            values[f, Count] = figures[f].Count;
            values[f, Numerator] = figures[f].Numerator;
            values[f, Rest] = share && figures[f].Count is { } c && figures[f].Numerator is { } n ? c - n : null;
        }

        // The organisation tree, from the figures at hand.
        var children = new Dictionary<Node, SortedSet<string>>();
        foreach (var f in figures.Where(f => f.Level != OrganisationLevel.Nation))
        {
            var parent = ParentOf(f);
            if (!children.TryGetValue(parent, out var set))
            {
                children[parent] = set = new SortedSet<string>(StringComparer.Ordinal);
            }
            set.Add(f.Organisation ?? "");
        }
        var parents = figures.Where(f => f.Level != OrganisationLevel.Nation).GroupBy(NodeOf).ToDictionary(g => g.Key, g => ParentOf(g.First()));
        // Each dimension's vectors through an index, made once.
        var vectorCache = new Dictionary<(int Dimension, int Index), List<Vector>>();

        bool Small(int f, int m) => values[f, m] is >= 1 and var v && v < threshold;

        // Primary suppression; a few breaches hide the numerator too (NPR's rule for the share).
        for (var f = 0; f < figures.Count; f++)
        {
            if (known[f])
            {
                continue;
            }
            hidden[f, Count] = Small(f, Count);
            hidden[f, Numerator] = Small(f, Numerator) || (share && Small(f, Rest));
        }

        for (var f = 0; f < figures.Count; f++)
        {
            if (known[f])
            {
                continue;
            }
            foreach (var m in share ? new[] { Count, Numerator, Rest } : [Count])
            {
                if (Small(f, m) && !covered[f, m])
                {
                    Protect(f, m);
                }
            }
        }

        var results = cubes.Select(c => new List<IndicatorFigure>(c.Figures.Count)).ToList();
        for (var f = 0; f < figures.Count; f++)
        {
            var figure = figures[f];
            results[periodOf[f]].Add(figure with
            {
                Count = hidden[f, Count] ? null : figure.Count,
                Numerator = hidden[f, Numerator] ? null : figure.Numerator,
                Quartiles = hidden[f, Count] ? null : figure.Quartiles,
                Suppressed = hidden[f, Count] || hidden[f, Numerator],
            });
        }
        return cubes.Select((c, p) => c with { Figures = results[p] }).ToList();

        void Protect(int f, int m)
        {
            var figure = figures[f];
            var pathway = pathwayId[figure.Pathway];
            var node = nodeId[NodeOf(figure)];
            var treatment = TreatmentOf(figure);
            var interval = IntervalOf(figure);
            var dimensions = new List<List<Vector>>
            {
                Cached(PathwayDimension, pathway, () => Flat(pathway, 0, Enumerable.Range(1, pathways.Count).ToList())),
                Cached(OrganisationDimension, node, () => OrganisationVectors(nodes[node])),
                interval == 0 ? [Vector.Unit(treatment)] : Cached(TreatmentDimension, treatment, () => Flat(treatment, 0, Enumerable.Range(1, treatments.Count).ToList())),
                share ? MeasureVectors(m) : [Vector.Unit(m)],
                Cached(PeriodDimension, periodOf[f], () => PeriodVectors(periodOf[f])),
            };
            var unit = new[] { Vector.Unit(pathway), Vector.Unit(node), Vector.Unit(treatment), Vector.Unit(m), Vector.Unit(periodOf[f]) };
            // First a certificate that leaves the headline figures shown; only if none is found among the best
            // candidates, one that may hide them. Each candidate and product is rated once (its cost and the highest
            // headline rank it would hide); a level only filters the ratings, so trying the next level costs no new
            // pass over the products (it used to repeat the whole search for every level).
            var rated = dimensions.Select((candidates, d) => candidates
                    .Select(v => (Vector: v, Rate: Rate([.. unit[..d], v, .. unit[(d + 1)..]], interval)))
                    .Where(x => x.Rate is not null)
                    .Select(x => (x.Vector, Rate: x.Rate!.Value))
                    .ToList())
                .ToList();
            List<(Vector[] Product, (long Cost, int Headline) Rate)>? everyProduct = null;
            Vector[]? chosen = null;
            foreach (var level in new[] { 1, 2, 3, int.MaxValue })
            {
                spare = level;
                // Rank each dimension's vectors along the line through the cell, then try their best products.
                var best = rated.Select(candidates => candidates
                        .Where(x => x.Rate.Headline < level)
                        .OrderBy(x => x.Rate.Cost)
                        .Take(CandidatesPerDimension)
                        .Select(x => x.Vector)
                        .ToList())
                    .ToList();
                chosen = Cheapest(best, interval);
                if (chosen is null && level == 1)
                {
                    // Most cells find one at the first level: search in order and stop at a free one.
                    chosen = Cheapest(dimensions, interval);
                }
                else if (chosen is null)
                {
                    everyProduct ??= Products(dimensions).Select(p => (Product: p, Rate: Rate(p, interval)))
                        .Where(x => x.Rate is not null).Select(x => (x.Product, x.Rate!.Value)).ToList();
                    // The first product of the lowest cost among those this level allows, as a search in order would find it.
                    long? lowest = null;
                    foreach (var (product, rate) in everyProduct)
                    {
                        if (rate.Headline < level && (lowest is null || rate.Cost < lowest))
                        {
                            (chosen, lowest) = (product, rate.Cost);
                            if (rate.Cost == 0)
                            {
                                break;
                            }
                        }
                    }
                }
                if (chosen is not null)
                {
                    break;
                }
            }
            // None at all only where the figures the reader knows fix the count already (their own HF is all of a
            // region's): there is nothing left to hide it from.
            if (chosen is null)
            {
                return;
            }
            foreach (var (cellFigure, cellMeasure, _) in Cells(chosen, interval)!)
            {
                covered[cellFigure, cellMeasure] = true;
                if (cellMeasure != Rest)
                {
                    hidden[cellFigure, cellMeasure] = true;
                }
            }
        }

        List<Vector> Cached(int dimension, int at, Func<List<Vector>> make)
        {
            if (!vectorCache.TryGetValue((dimension, at), out var vectors))
            {
                vectorCache[(dimension, at)] = vectors = make();
            }
            return vectors;
        }

        Vector[]? Cheapest(List<List<Vector>> dimensions, int interval)
        {
            Vector[]? chosen = null;
            long? lowest = null;
            foreach (var product in Products(dimensions))
            {
                if (Cost(product, interval) is { } cost && (lowest is null || cost < lowest))
                {
                    (chosen, lowest) = (product, cost);
                    if (cost == 0)
                    {
                        break;
                    }
                }
            }
            return chosen;
        }

        // What hiding the product still costs: the printed counts not hidden yet, each weighing its value plus one,
        // times more for totals (a region twice an HF, the nation twice a region; all pathways and all treatment types
        // three and two times; a tertial or quarter twice a month, the year four times), so that the figures most read
        // stay shown; null when a corner is not a figure (an absent figure is a known zero) or is one the reader knows,
        // when the shift cannot move in either direction without making a count negative, or when it would hide a
        // headline figure of rank `spare` or above.
        long? Cost(Vector[] product, int interval) => Rate(product, interval) is { } rate && rate.Headline < spare ? rate.Cost : null;

        // The cost, and the highest headline rank among the printed cells the product would hide (0: none).
        (long Cost, int Headline)? Rate(Vector[] product, int interval)
        {
            if (!Walk(product, interval, scratch))
            {
                return null;
            }
            long cost = 0;
            var highest = 0;
            bool up = true, down = true;
            foreach (var c in scratch)
            {
                var value = values[c.Figure, c.Measure]!.Value;
                // Adding the shift lowers the cells of sign −1, subtracting it those of sign +1.
                up &= c.Sign > 0 || value >= 1;
                down &= c.Sign < 0 || value >= 1;
                if (c.Measure != Rest && !hidden[c.Figure, c.Measure])
                {
                    highest = Math.Max(highest, headline[c.Figure]);
                    var figure = figures[c.Figure];
                    var weight = (1L << (int)figure.Level)
                        * (c.Pathway == 0 ? 3 : 1)
                        * (interval != 0 && c.Treatment == 0 ? 2 : 1)
                        * periodWeight[c.Period];
                    cost += (value + 1) * weight;
                }
            }
            return up || down ? (cost, highest) : null;
        }

        List<(int Figure, int Measure, int Sign)>? Cells(Vector[] product, int interval)
        {
            var cells = new List<ProductCell>();
            return Walk(product, interval, cells) ? cells.ConvertAll(c => (c.Figure, c.Measure, c.Sign)) : null;
        }

        // The cells a product covers, each with its sign, into `cells`; false when one is missing, already known or
        // without a value (the product cannot shift them). Rate and Cells walk it the same way by construction.
        bool Walk(Vector[] product, int interval, List<ProductCell> cells)
        {
            cells.Clear();
            foreach (var q in product[PeriodDimension].Entries)
            {
                foreach (var p in product[PathwayDimension].Entries)
                {
                    foreach (var o in product[OrganisationDimension].Entries)
                    {
                        foreach (var t in product[TreatmentDimension].Entries)
                        {
                            if (!index.TryGetValue(Key(q.Index, p.Index, o.Index, interval, t.Index), out var f) || known[f])
                            {
                                return false;
                            }
                            foreach (var m in product[MeasureDimension].Entries)
                            {
                                if (values[f, m.Index] is null)
                                {
                                    return false;
                                }
                                cells.Add(new ProductCell(f, m.Index, q.Sign * p.Sign * o.Sign * t.Sign * m.Sign, q.Index, p.Index, t.Index));
                            }
                        }
                    }
                }
            }
            return true;
        }

        // Periods: for a stock, every period ending on the same day (they hold the same figure). For a flow, a month's
        // path up (every period holding it), or that path minus another month's outside the period (periods holding
        // both cancel); every vector holds the period.
        List<Vector> PeriodVectors(int period)
        {
            if (cubes.Count == 1)
            {
                return [Vector.Unit(period)];
            }
            if (stock)
            {
                var end = cubes[period].Period.End;
                return [new Vector(Enumerable.Range(0, cubes.Count).Where(p => cubes[p].Period.End == end).Select(p => (p, 1)).ToList())];
            }
            var atoms = months.SelectMany(m => m).Distinct().Order().ToList();
            List<int> Up(int month) => Enumerable.Range(0, cubes.Count).Where(p => months[p].Contains(month)).ToList();
            var vectors = new List<Vector>();
            foreach (var inside in months[period].Order())
            {
                var up = Up(inside);
                vectors.Add(new Vector(up.Select(p => (p, 1)).ToList()));
                foreach (var outside in atoms.Where(m => !months[period].Contains(m)))
                {
                    var down = Up(outside);
                    vectors.Add(new Vector(up.Except(down).Select(p => (p, 1)).Concat(down.Except(up).Select(p => (p, -1))).ToList()));
                }
            }
            return vectors;
        }

        // Organisations: a leaf's path up to the nation (all +1), or two sibling subtrees' paths down to a leaf each
        // (+1 and −1); every vector holds the node.
        List<Vector> OrganisationVectors(Node node)
        {
            var vectors = new List<Vector>();
            foreach (var leaf in Leaves(node))
            {
                vectors.Add(new Vector(Path(leaf, null).Select(n => (nodeId[n], 1)).ToList()));
            }
            foreach (var leaf in Leaves(node))
            {
                for (var a = node; parents.TryGetValue(a, out var parent); a = parent)
                {
                    foreach (var sibling in children[parent].Select(o => new Node(a.Level, o)).Where(b => b != a))
                    {
                        foreach (var other in Leaves(sibling))
                        {
                            vectors.Add(new Vector(Path(leaf, a).Select(n => (nodeId[n], 1))
                                .Concat(Path(other, sibling).Select(n => (nodeId[n], -1))).ToList()));
                        }
                    }
                }
            }
            return vectors;
        }

        IEnumerable<Node> Leaves(Node node)
        {
            var below = node.Level - 1;
            if (node.Level == OrganisationLevel.Unit || !children.TryGetValue(node, out var set))
            {
                return [node];
            }
            return set.SelectMany(o => Leaves(new Node(below, o)));
        }

        // From a node up to and including `top` (null: the nation).
        List<Node> Path(Node from, Node? top)
        {
            var path = new List<Node> { from };
            for (var n = from; n != top && parents.TryGetValue(n, out var parent); n = parent)
            {
                path.Add(parent);
            }
            return top is null ? path : path.TakeWhile(n => n.Level <= top.Value.Level).ToList();
        }
    }

    // A part with its total (same sign) or with another part (opposite signs); the total with one of its parts.
    private static List<Vector> Flat(int index, int total, List<int> parts)
    {
        if (index == total)
        {
            return parts.Select(p => new Vector([(total, 1), (p, 1)])).ToList();
        }
        return parts.Where(p => p != index).Select(p => new Vector([(index, 1), (p, -1)]))
            .Prepend(new Vector([(index, 1), (total, 1)])).ToList();
    }

    // count = numerator + rest: a numerator against the rest (opposite signs), or the count with either part.
    private static List<Vector> MeasureVectors(int measure) => measure switch
    {
        Count => [new([(Count, 1), (Numerator, 1)]), new([(Count, 1), (Rest, 1)])],
        Numerator => [new([(Numerator, 1), (Rest, -1)]), new([(Numerator, 1), (Count, 1)])],
        _ => [new([(Rest, 1), (Numerator, -1)]), new([(Rest, 1), (Count, 1)])],
    };

    private static IEnumerable<Vector[]> Products(List<List<Vector>> dimensions)
    {
        foreach (var a in dimensions[0])
        {
            foreach (var b in dimensions[1])
            {
                foreach (var c in dimensions[2])
                {
                    foreach (var d in dimensions[3])
                    {
                        foreach (var e in dimensions[4])
                        {
                            yield return [a, b, c, d, e];
                        }
                    }
                }
            }
        }
    }

    private static Node NodeOf(IndicatorFigure f) => new(f.Level, f.Organisation);

    private static Node ParentOf(IndicatorFigure f) => f.Level switch
    {
        OrganisationLevel.Rhf => new Node(OrganisationLevel.Nation, null),
        _ => new Node(f.Level + 1, f.Parent),
    };

    /// <summary>A vector of one dimension: indexes with their signs (the signs decide which way the shift can move).</summary>
    private sealed record Vector(List<(int Index, int Sign)> Entries)
    {
        public static Vector Unit(int index) => new([(index, 1)]);
    }
}
