using Forlop.Domain.Reporting;

namespace Forlop.Domain.Indicators;

/// <summary>
/// Small-number suppression of a whole <see cref="IndicatorCube"/>: one decision for every figure of the period, so
/// that no small count can be worked out within a table (rows against totals), across levels (a region against its
/// HFs) or across pathways (all pathways against each one). Tables asked for at different levels or for different
/// pathways are slices of the same suppressed cube, so putting them side by side reveals nothing either.
/// </summary>
/// <remarks>
/// The relations are those <see cref="IndicatorComputation"/> builds figures by: a share's count is its numerator
/// plus the rest (breaches, or episodes that did not reach the point), which is a count though never printed; a
/// level's figure is the sum of the figures one level down; all pathways are the sum of the pathways; a distribution's
/// count over every treatment type is the sum over the types. A distribution's quartiles are shown only with its count.
/// Every small count gets a hypercube certificate (<see cref="Hypercubes"/>); the inclusion indicator, whose
/// denominators may be unknown, is solved relation by relation (<see cref="SmallNumberSuppression.Hide"/>).
/// A publication scope (<see cref="PublicationScope"/>: a year with its tertials, quarters and months) is suppressed
/// as one, so that a month cannot be worked out from its year and the other months either (docs/decisions/0014).
/// </remarks>
public static class IndicatorSuppression
{
    private const int CountCell = 0, NumeratorCell = 1, RestCell = 2;

    /// <summary>
    /// The cube as the public sees it: the national, regional and HF figures (units are an installation's own
    /// organisation and are not published), suppressed with <paramref name="threshold"/>.
    /// </summary>
    public static IndicatorCube ForPublic(IndicatorCube cube, int threshold) => ForPublic([cube], threshold)[0];

    /// <summary>
    /// The cubes of a publication scope (one indicator, the periods of <see cref="PublicationScope.Of"/>) as the public
    /// sees them, suppressed together so that no period's small counts can be worked out from the others.
    /// </summary>
    public static IReadOnlyList<IndicatorCube> ForPublic(IReadOnlyList<IndicatorCube> scope, int threshold) =>
        Apply(scope.Select(cube => cube with { Figures = cube.Figures.Where(f => f.Level != OrganisationLevel.Unit).ToList() }).ToList(), threshold);

    /// <summary>
    /// The cube as the public (or a reader who knows some figures already) may see it. Figures for which
    /// <paramref name="readerKnows"/> holds are shown whole and never hidden, and the others are hidden so that they
    /// cannot be worked out from them either.
    /// </summary>
    public static IndicatorCube Apply(IndicatorCube cube, int threshold, Func<IndicatorFigure, bool>? readerKnows = null) =>
        Apply([cube], threshold, readerKnows)[0];

    /// <summary>The cubes of a scope (one indicator, several periods) suppressed together; see <see cref="Apply(IndicatorCube, int, Func{IndicatorFigure, bool}?)"/>.</summary>
    public static IReadOnlyList<IndicatorCube> Apply(IReadOnlyList<IndicatorCube> scope, int threshold, Func<IndicatorFigure, bool>? readerKnows = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        if (scope.Count == 0)
        {
            return [];
        }
        if (scope.Any(c => c.Definition.Id != scope[0].Definition.Id))
        {
            throw new ArgumentException("a publication scope holds the cubes of one indicator", nameof(scope));
        }
        return scope[0].Definition.Kind switch
        {
            IndicatorKind.Inclusion => ByRelations(scope, threshold, readerKnows),
            IndicatorKind.ShareWithinStandard => WithWithoutStandard(scope, threshold, readerKnows),
            _ => Certified(scope, threshold, readerKnows),
        };
    }

    /// <summary>
    /// Hypercube suppression, then every hidden cell that the public tables fix anyway printed again. A secondary
    /// cell the certificates hid can still be worked out exactly (its shift is blocked in one direction by a zero, or
    /// by the relations between periods); hiding it protects nothing, and showing a value anyone can derive adds no
    /// information, so the reader gets it and no hidden count can be recovered from the tables (issue 10 item 7).
    /// The attacker (<see cref="DisclosureAudit"/>) decides what is derivable; a small count it recovers stays hidden
    /// (that would be a leak the tests report, not something to print). Only for the public, whose tables the attacker
    /// models; a reader who knows some figures gets the certificates alone, and so does a scope holding a locked period.
    /// </summary>
    private static IReadOnlyList<IndicatorCube> Certified(IReadOnlyList<IndicatorCube> scope, int threshold, Func<IndicatorFigure, bool>? readerKnows)
    {
        // A pathway with nothing in any cell of the scope (no completed pathway without a standard, say, for one whose
        // standards are all known) prints zero for the nation and the year, so every one of its cells is known to be
        // zero: certificates must not shift counts into them, and hiding its zeros would only hide figures people read
        // (the number completed is shown only where both its parts are).
        var empty = scope.SelectMany(c => c.Figures).GroupBy(f => f.Pathway, StringComparer.Ordinal)
            .Where(g => g.Key != IndicatorFigure.AllPathways && g.All(f => (f.Count ?? 0) == 0 && (f.Numerator ?? 0) == 0))
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var known = empty.Count == 0 ? readerKnows : f => empty.Contains(f.Pathway) || (readerKnows?.Invoke(f) ?? false);
        var shown = Hypercubes.Apply(scope, threshold, known);
        // A locked period enters the scope with the figures it was published with, which later corrections make
        // differ from the sum of its months: the relations the attacker solves no longer hold, and a cell it "works out"
        // from them is not derivable at all. Printing it could break another cell's certificate, so a scope with a
        // lock keeps the certificates alone.
        if (readerKnows is not null || scope.Any(c => !c.Provisional))
        {
            return shown;
        }
        var derivable = DisclosureAudit.Attack(scope, shown, threshold).Recovered
            .Where(c => c.Cell != "rest" && !(c.Value >= 1 && c.Value < threshold))
            .Select(c => (c.Period, c.Figure.Key, c.Cell))
            .ToHashSet();
        if (derivable.Count == 0)
        {
            return shown;
        }
        return shown.Select((cube, p) => cube with
        {
            Figures = cube.Figures.Zip(scope[p].Figures, (s, truth) =>
            {
                var count = s.Count ?? (derivable.Contains((cube.Period.Text, s.Key, "count")) ? truth.Count : null);
                var numerator = s.Numerator ?? (derivable.Contains((cube.Period.Text, s.Key, "numerator")) ? truth.Numerator : null);
                return s with
                {
                    Count = count,
                    Numerator = numerator,
                    Quartiles = count is null ? null : truth.Quartiles,
                    Suppressed = (count is null && truth.Count is not null) || (numerator is null && truth.Numerator is not null),
                };
            }).ToList(),
        }).ToList();
    }

    /// <summary>
    /// A share within the standard: its count (the share's denominator), numerator and breaches as one table, and the
    /// completed pathways without a standard as a second table of counts (summed over pathways and organisations like
    /// any count), each suppressed on its own over the whole scope. The number completed is their sum, so it is shown
    /// only where both parts are (<see cref="IndicatorFigure.CompletedIn"/>): nothing printed links the two tables, and
    /// neither reveals the other.
    /// </summary>
    private static List<IndicatorCube> WithWithoutStandard(IReadOnlyList<IndicatorCube> scope, int threshold, Func<IndicatorFigure, bool>? readerKnows)
    {
        var measured = Certified(scope, threshold, readerKnows);
        var counts = scope.Select(cube => cube with
        {
            Definition = cube.Definition with { Kind = IndicatorKind.Count },
            Figures = cube.Figures.Select(f => f with { Count = f.WithoutStandard ?? 0, Numerator = null, WithoutStandard = null, Quartiles = null }).ToList(),
        }).ToList();
        var without = Certified(counts, threshold, readerKnows);
        return measured.Zip(without, (m, w) => m with
        {
            Figures = m.Figures.Zip(w.Figures, (mf, wf) => mf with
            {
                WithoutStandard = wf.Count,
                Suppressed = mf.Suppressed || wf.Suppressed,
            }).ToList(),
        }).ToList();
    }

    /// <summary>
    /// The inclusion indicator's few figures (all pathways, per organisation; denominators that may be unknown) are
    /// suppressed by propagating and solving their relations directly.
    /// </summary>
    private static List<IndicatorCube> ByRelations(IReadOnlyList<IndicatorCube> scope, int threshold, Func<IndicatorFigure, bool>? readerKnows)
    {
        var figures = scope.SelectMany(c => c.Figures).ToList();
        var periodOf = scope.SelectMany((c, p) => c.Figures.Select(_ => p)).ToArray();
        var hasRest = scope[0].Definition.Kind is IndicatorKind.ShareWithinStandard or IndicatorKind.ShareReached;
        // Cell 3f + c is cell c of figure f; -1 where the figure has no such cell.
        var values = new int[figures.Count * 3];
        var printed = new bool[figures.Count * 3];
        var exists = new bool[figures.Count * 3];
        var known = new bool[figures.Count * 3];
        var alsoHidden = new bool[figures.Count * 3];
        for (var f = 0; f < figures.Count; f++)
        {
            var figure = figures[f];
            var knows = readerKnows?.Invoke(figure) ?? false;
            if (figure.Count is { } count)
            {
                (values[3 * f], printed[3 * f], exists[3 * f], known[3 * f]) = (count, true, true, knows);
            }
            if (figure.Numerator is { } numerator)
            {
                (values[3 * f + 1], printed[3 * f + 1], exists[3 * f + 1], known[3 * f + 1]) = (numerator, true, true, knows);
            }
            if (hasRest && figure.Count is { } c && figure.Numerator is { } n)
            {
                (values[3 * f + 2], exists[3 * f + 2], known[3 * f + 2]) = (c - n, true, knows);
                // A few breaches hide the numerator even where the count is hidden too (NPR's rule for the share).
                alsoHidden[3 * f + 1] = c - n >= 1 && c - n < threshold;
            }
        }

        var relations = new List<SumRelation>();
        if (hasRest)
        {
            for (var f = 0; f < figures.Count; f++)
            {
                if (exists[3 * f + RestCell])
                {
                    relations.Add(new SumRelation(3 * f + CountCell, [3 * f + NumeratorCell, 3 * f + RestCell]));
                }
            }
        }
        var index = figures.Select((figure, i) => (figure, i)).ToList();
        // Each level is the sum of the level below.
        foreach (var group in index.GroupBy(x => (periodOf[x.i], x.figure.Pathway, x.figure.Interval, x.figure.Treatment)))
        {
            var members = group.ToList();
            foreach (var (parent, i) in members.Where(x => x.figure.Level != OrganisationLevel.Unit))
            {
                var below = parent.Level - 1;
                var parts = members.Where(x => x.figure.Level == below
                    && (parent.Level == OrganisationLevel.Nation || string.Equals(x.figure.Parent, parent.Organisation, StringComparison.Ordinal)))
                    .Select(x => x.i).ToList();
                AddSums(i, parts);
            }
        }
        // All pathways are the sum of the pathways.
        foreach (var group in index.GroupBy(x => (periodOf[x.i], x.figure.Level, x.figure.Organisation, x.figure.Interval, x.figure.Treatment)))
        {
            var all = group.Where(x => x.figure.Pathway == IndicatorFigure.AllPathways).Select(x => x.i).ToList();
            var parts = group.Where(x => x.figure.Pathway != IndicatorFigure.AllPathways).Select(x => x.i).ToList();
            if (all.Count == 1)
            {
                AddSums(all[0], parts);
            }
        }
        // Every treatment type together is the sum of the types.
        foreach (var group in index.Where(x => x.figure.Interval is not null).GroupBy(x => (periodOf[x.i], x.figure.Pathway, x.figure.Level, x.figure.Organisation, x.figure.Interval)))
        {
            var all = group.Where(x => x.figure.Treatment is null).Select(x => x.i).ToList();
            if (all.Count == 1)
            {
                AddSums(all[0], group.Where(x => x.figure.Treatment is not null).Select(x => x.i).ToList());
            }
        }
        // A period of the scope is the sum of its months when they are all in the scope (an absent figure is a zero).
        var months = scope.Select(c => PublicationScope.Months(c.Period)).ToList();
        var monthPeriods = Enumerable.Range(0, scope.Count).Where(p => months[p].Count == 1).ToDictionary(p => months[p][0]);
        foreach (var group in index.GroupBy(x => x.figure.Key))
        {
            var byPeriod = group.ToDictionary(x => periodOf[x.i], x => x.i);
            foreach (var (period, total) in byPeriod.Where(x => months[x.Key].Count > 1))
            {
                if (months[period].All(monthPeriods.ContainsKey))
                {
                    AddSums(total, months[period].Select(m => byPeriod.TryGetValue(monthPeriods[m], out var part) ? part : -1).Where(part => part >= 0).ToList());
                }
            }
        }

        var hidden = SmallNumberSuppression.Hide(values, printed, relations, threshold, known, alsoHidden);
        var results = scope.Select(c => new List<IndicatorFigure>(c.Figures.Count)).ToList();
        for (var f = 0; f < figures.Count; f++)
        {
            var figure = figures[f];
            var countHidden = hidden[3 * f];
            var numeratorHidden = hidden[3 * f + 1];
            results[periodOf[f]].Add(figure with
            {
                Count = countHidden ? null : figure.Count,
                Numerator = numeratorHidden ? null : figure.Numerator,
                Quartiles = countHidden ? null : figure.Quartiles,
                Suppressed = countHidden || numeratorHidden,
            });
        }
        return scope.Select((c, p) => c with { Figures = results[p] }).ToList();

        // One relation per cell kind the total and every part have; a part missing is a zero and needs no cell.
        void AddSums(int total, List<int> parts)
        {
            if (parts.Count == 0)
            {
                return;
            }
            foreach (var cell in new[] { CountCell, NumeratorCell, RestCell })
            {
                if (exists[3 * total + cell] && parts.All(p => exists[3 * p + cell]))
                {
                    relations.Add(new SumRelation(3 * total + cell, parts.Select(p => 3 * p + cell).ToList()));
                }
            }
        }
    }
}
