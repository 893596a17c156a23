namespace Forlop.Domain.Indicators;

/// <summary>
/// A figure of a locked period that later corrections changed: as it was published when the period was locked, and as
/// the registry gives it now. A figure that did not exist on one side stands as zero there.
/// </summary>
public sealed record IndicatorCorrection(IndicatorFigure Published, IndicatorFigure Current)
{
    public int? CountChange => Current.Count - Published.Count;

    public int? NumeratorChange => Current.Numerator - Published.Numerator;

    /// <summary>The figures of the period that differ between the published cube and the current one, in the published order.</summary>
    public static IReadOnlyList<IndicatorCorrection> Between(IndicatorCube published, IndicatorCube current)
    {
        var now = current.Figures.ToDictionary(f => f.Key);
        var then = published.Figures.ToDictionary(f => f.Key);
        var corrections = new List<IndicatorCorrection>();
        foreach (var p in published.Figures)
        {
            var c = now.GetValueOrDefault(p.Key) ?? Zero(p);
            if (c.Count != p.Count || c.Numerator != p.Numerator || c.Quartiles != p.Quartiles)
            {
                corrections.Add(new IndicatorCorrection(p, c));
            }
        }
        corrections.AddRange(current.Figures.Where(c => !then.ContainsKey(c.Key)).Select(c => new IndicatorCorrection(Zero(c), c)));
        return corrections;
    }

    private static IndicatorFigure Zero(IndicatorFigure like) =>
        like with { Count = like.Count is null ? null : 0, Numerator = like.Numerator is null ? null : 0, Quartiles = null, Suppressed = false };
}
