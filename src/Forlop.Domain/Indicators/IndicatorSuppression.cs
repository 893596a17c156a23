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
/// Periods are suppressed one at a time: a year against its months is not protected (docs/decisions/0004-indicators.md).
/// </remarks>
public static class IndicatorSuppression
{
    private const int CountCell = 0, NumeratorCell = 1, RestCell = 2;

    /// <summary>
    /// The cube as the public sees it: the national, regional and HF figures (units are an installation's own
    /// organisation and are not published), suppressed with <paramref name="threshold"/>.
    /// </summary>
    public static IndicatorCube ForPublic(IndicatorCube cube, int threshold) =>
        Apply(cube with { Figures = cube.Figures.Where(f => f.Level != OrganisationLevel.Unit).ToList() }, threshold);

    /// <summary>
    /// The cube as the public (or a reader who knows some figures already) may see it. Figures for which
    /// <paramref name="readerKnows"/> holds are shown whole and never hidden, and the others are hidden so that they
    /// cannot be worked out from them either.
    /// </summary>
    public static IndicatorCube Apply(IndicatorCube cube, int threshold, Func<IndicatorFigure, bool>? readerKnows = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        return cube.Definition.Kind switch
        {
            IndicatorKind.Inclusion => ByRelations(cube, threshold, readerKnows),
            IndicatorKind.ShareWithinStandard => WithWithoutStandard(cube, threshold, readerKnows),
            _ => Hypercubes.Apply(cube, threshold, readerKnows),
        };
    }

    /// <summary>
    /// A share within the standard: its count (the share's denominator), numerator and breaches as one table, and the
    /// completed pathways without a standard as a second table of counts (summed over pathways and organisations like
    /// any count), each suppressed on its own. The number completed is their sum, so it is shown only where both parts
    /// are (<see cref="IndicatorFigure.CompletedIn"/>): nothing printed links the two tables, and neither reveals the other.
    /// </summary>
    private static IndicatorCube WithWithoutStandard(IndicatorCube cube, int threshold, Func<IndicatorFigure, bool>? readerKnows)
    {
        var measured = Hypercubes.Apply(cube, threshold, readerKnows);
        var counts = cube with
        {
            Definition = cube.Definition with { Kind = IndicatorKind.Count },
            Figures = cube.Figures.Select(f => f with { Count = f.WithoutStandard ?? 0, Numerator = null, WithoutStandard = null, Quartiles = null }).ToList(),
        };
        var without = Hypercubes.Apply(counts, threshold, readerKnows);
        var figures = measured.Figures.Zip(without.Figures, (m, w) => m with
        {
            WithoutStandard = w.Count,
            Suppressed = m.Suppressed || w.Suppressed,
        }).ToList();
        return measured with { Figures = figures };
    }

    /// <summary>
    /// The inclusion indicator's few figures (all pathways, per organisation; denominators that may be unknown) are
    /// suppressed by propagating and solving their relations directly.
    /// </summary>
    private static IndicatorCube ByRelations(IndicatorCube cube, int threshold, Func<IndicatorFigure, bool>? readerKnows)
    {
        var figures = cube.Figures;
        var hasRest = cube.Definition.Kind is IndicatorKind.ShareWithinStandard or IndicatorKind.ShareReached;
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
        foreach (var group in index.GroupBy(x => (x.figure.Pathway, x.figure.Interval, x.figure.Treatment)))
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
        foreach (var group in index.GroupBy(x => (x.figure.Level, x.figure.Organisation, x.figure.Interval, x.figure.Treatment)))
        {
            var all = group.Where(x => x.figure.Pathway == IndicatorFigure.AllPathways).Select(x => x.i).ToList();
            var parts = group.Where(x => x.figure.Pathway != IndicatorFigure.AllPathways).Select(x => x.i).ToList();
            if (all.Count == 1)
            {
                AddSums(all[0], parts);
            }
        }
        // Every treatment type together is the sum of the types.
        foreach (var group in index.Where(x => x.figure.Interval is not null).GroupBy(x => (x.figure.Pathway, x.figure.Level, x.figure.Organisation, x.figure.Interval)))
        {
            var all = group.Where(x => x.figure.Treatment is null).Select(x => x.i).ToList();
            if (all.Count == 1)
            {
                AddSums(all[0], group.Where(x => x.figure.Treatment is not null).Select(x => x.i).ToList());
            }
        }

        var hidden = SmallNumberSuppression.Hide(values, printed, relations, threshold, known, alsoHidden);
        var result = new List<IndicatorFigure>(figures.Count);
        for (var f = 0; f < figures.Count; f++)
        {
            var figure = figures[f];
            var countHidden = hidden[3 * f];
            var numeratorHidden = hidden[3 * f + 1];
            result.Add(figure with
            {
                Count = countHidden ? null : figure.Count,
                Numerator = numeratorHidden ? null : figure.Numerator,
                Quartiles = countHidden ? null : figure.Quartiles,
                Suppressed = countHidden || numeratorHidden,
            });
        }
        return cube with { Figures = result };

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
