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
/// enough. Among the products the one that hides the fewest and smallest further counts is chosen.
/// </remarks>
internal static class Hypercubes
{
    private const int Count = 0, Numerator = 1, Rest = 2;
    private const int CandidatesPerDimension = 4;

    private readonly record struct Node(OrganisationLevel Level, string? Organisation);

    /// <summary>Suppresses the cubes of a publication scope (one indicator, several periods) together.</summary>
    public static IReadOnlyList<IndicatorCube> Apply(IReadOnlyList<IndicatorCube> cubes, int threshold, Func<IndicatorFigure, bool>? readerKnows)
    {
        var definition = cubes[0].Definition;
        // Figure f of the scope is figure f − offsets[p] of cube p = periodOf[f].
        var figures = cubes.SelectMany(c => c.Figures).ToList();
        var periodOf = cubes.SelectMany((c, p) => c.Figures.Select(_ => p)).ToArray();
        var share = definition.Kind is IndicatorKind.ShareWithinStandard or IndicatorKind.ShareReached;
        var index = new Dictionary<(int Period, string Pathway, Node Node, string? Interval, string? Treatment), int>();
        for (var f = 0; f < figures.Count; f++)
        {
            index[(periodOf[f], figures[f].Pathway, NodeOf(figures[f]), figures[f].Interval, figures[f].Treatment)] = f;
        }
        var months = cubes.Select(c => PublicationScope.Months(c.Period).ToHashSet()).ToList();
        var stock = PublicationScope.IsStock(definition);
        // A period's weight in the cost: the year is read most, then its tertials and quarters.
        var periodWeight = months.Select(m => m.Count >= 12 ? 4L : m.Count >= 3 ? 2L : 1L).ToArray();
        var known = figures.Select(f => readerKnows?.Invoke(f) ?? false).ToArray();
        var hidden = new bool[figures.Count, 3];

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
        var pathways = figures.Select(f => f.Pathway).Where(p => p != IndicatorFigure.AllPathways).Distinct().Order(StringComparer.Ordinal).ToList();
        var treatments = figures.Where(f => f.Treatment is not null).Select(f => f.Treatment).Distinct().Order(StringComparer.Ordinal).ToList();

        int? Value(int f, int m) => m switch
        {
            Count => figures[f].Count,
            Numerator => figures[f].Numerator,
            _ => share && figures[f].Count is { } c && figures[f].Numerator is { } n ? c - n : null,
        };
        bool Small(int f, int m) => Value(f, m) is >= 1 and var v && v < threshold;

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
                if (Small(f, m))
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
            var node = NodeOf(figure);
            var dimensions = new List<List<Vector>>
            {
                PathwayVectors(figure.Pathway),
                OrganisationVectors(node),
                figure.Interval is null ? [Vector.Unit(figure.Treatment)] : TreatmentVectors(figure.Treatment),
                share ? MeasureVectors(m) : [Vector.Unit(m)],
                PeriodVectors(periodOf[f]),
            };
            var unit = new[] { Vector.Unit(figure.Pathway), Vector.Unit(node), Vector.Unit(figure.Treatment), Vector.Unit(m), Vector.Unit(periodOf[f]) };
            // Rank each dimension's vectors along the line through the cell, then try their best products.
            var best = dimensions.Select((candidates, d) => candidates
                    .Select(v => (Vector: v, Cost: Cost([.. unit[..d], v, .. unit[(d + 1)..]], figure.Interval)))
                    .Where(x => x.Cost is not null)
                    .OrderBy(x => x.Cost)
                    .Take(CandidatesPerDimension)
                    .Select(x => x.Vector)
                    .ToList())
                .ToList();
            // None at all only where the figures the reader knows fix the count already (their own HF is all of a
            // region's): there is nothing left to hide it from.
            if ((Cheapest(best, figure.Interval) ?? Cheapest(dimensions, figure.Interval)) is not { } chosen)
            {
                return;
            }
            foreach (var (cellFigure, cellMeasure, _) in Cells(chosen, figure.Interval)!)
            {
                if (cellMeasure != Rest)
                {
                    hidden[cellFigure, cellMeasure] = true;
                }
            }
        }

        Vector[]? Cheapest(List<List<Vector>> dimensions, string? interval)
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
        // or when the shift cannot move in either direction without making a count negative.
        long? Cost(Vector[] product, string? interval)
        {
            if (Cells(product, interval) is not { } cells)
            {
                return null;
            }
            long cost = 0;
            bool up = true, down = true;
            foreach (var (f, m, sign) in cells)
            {
                // Adding the shift lowers the cells of sign −1, subtracting it those of sign +1.
                var value = Value(f, m)!.Value;
                up &= sign > 0 || value >= 1;
                down &= sign < 0 || value >= 1;
                if (m != Rest && !hidden[f, m])
                {
                    var figure = figures[f];
                    var weight = (1L << (int)figure.Level)
                        * (figure.Pathway == IndicatorFigure.AllPathways ? 3 : 1)
                        * (figure.Interval is not null && figure.Treatment is null ? 2 : 1)
                        * periodWeight[periodOf[f]];
                    cost += (value + 1) * weight;
                }
            }
            return up || down ? cost : null;
        }

        List<(int Figure, int Measure, int Sign)>? Cells(Vector[] product, string? interval)
        {
            var cells = new List<(int, int, int)>();
            foreach (var q in product[4].Entries)
            {
                foreach (var p in product[0].Entries)
                {
                    foreach (var o in product[1].Entries)
                    {
                        foreach (var t in product[2].Entries)
                        {
                            if (!index.TryGetValue(((int)q.Index!, (string)p.Index!, (Node)o.Index!, interval, (string?)t.Index), out var f) || known[f])
                            {
                                return null;
                            }
                            foreach (var m in product[3].Entries)
                            {
                                if (Value(f, (int)m.Index!) is null)
                                {
                                    return null;
                                }
                                cells.Add((f, (int)m.Index!, q.Sign * p.Sign * o.Sign * t.Sign * m.Sign));
                            }
                        }
                    }
                }
            }
            return cells;
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
                return [new Vector(Enumerable.Range(0, cubes.Count).Where(p => cubes[p].Period.End == end).Select(p => ((object?)p, 1)).ToList())];
            }
            var atoms = months.SelectMany(m => m).Distinct().Order().ToList();
            List<int> Up(int month) => Enumerable.Range(0, cubes.Count).Where(p => months[p].Contains(month)).ToList();
            var vectors = new List<Vector>();
            foreach (var inside in months[period].Order())
            {
                var up = Up(inside);
                vectors.Add(new Vector(up.Select(p => ((object?)p, 1)).ToList()));
                foreach (var outside in atoms.Where(m => !months[period].Contains(m)))
                {
                    var down = Up(outside);
                    vectors.Add(new Vector(up.Except(down).Select(p => ((object?)p, 1)).Concat(down.Except(up).Select(p => ((object?)p, -1))).ToList()));
                }
            }
            return vectors;
        }

        List<Vector> PathwayVectors(string pathway) => Flat(pathway, IndicatorFigure.AllPathways, pathways.Cast<object?>().ToList());

        List<Vector> TreatmentVectors(string? treatment) => Flat(treatment, null, treatments.Cast<object?>().ToList());

        // A part with its total (same sign) or with another part (opposite signs); the total with one of its parts.
        static List<Vector> Flat(object? index, object? total, List<object?> parts)
        {
            if (Equals(index, total))
            {
                return parts.Select(p => new Vector([(total, 1), (p, 1)])).ToList();
            }
            return parts.Where(p => !Equals(p, index)).Select(p => new Vector([(index, 1), (p, -1)]))
                .Prepend(new Vector([(index, 1), (total, 1)])).ToList();
        }

        // Organisations: a leaf's path up to the nation (all +1), or two sibling subtrees' paths down to a leaf each
        // (+1 and −1); every vector holds the node.
        List<Vector> OrganisationVectors(Node node)
        {
            var vectors = new List<Vector>();
            foreach (var leaf in Leaves(node))
            {
                vectors.Add(new Vector(Path(leaf, null).Select(n => ((object?)n, 1)).ToList()));
            }
            foreach (var leaf in Leaves(node))
            {
                for (var a = node; parents.TryGetValue(a, out var parent); a = parent)
                {
                    foreach (var sibling in children[parent].Select(o => new Node(a.Level, o)).Where(b => b != a))
                    {
                        foreach (var other in Leaves(sibling))
                        {
                            vectors.Add(new Vector(Path(leaf, a).Select(n => ((object?)n, 1))
                                .Concat(Path(other, sibling).Select(n => ((object?)n, -1))).ToList()));
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

    /// <summary>A vector of one dimension: indexes with their signs (the signs matter to the proof, not to the cells hidden).</summary>
    private sealed record Vector(List<(object? Index, int Sign)> Entries)
    {
        public static Vector Unit(object? index) => new([(index, 1)]);
    }
}
