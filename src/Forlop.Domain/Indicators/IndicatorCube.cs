using System.Globalization;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;

namespace Forlop.Domain.Indicators;

/// <summary>Lower quartile, median and upper quartile of interval lengths, in the pathway's unit, one decimal.</summary>
public sealed record IntervalQuartiles(decimal P25, decimal Median, decimal P75);

/// <summary>
/// One figure of an indicator: a pathway (or <c>ALL</c> pathways) at an organisation of a level (<see cref="Organisation"/>
/// null for the nation). <see cref="Parent"/> is the organisation one level up (a unit's HF, an HF's RHF).
/// <see cref="Count"/> is the number counted — for a share its denominator, for a distribution the number of intervals;
/// <see cref="Numerator"/> is the part of it that meets the definition (shares only). A distribution figure is for one
/// <see cref="Interval"/> and <see cref="Treatment"/> type (null: every type). A null cell is not known (a
/// denominator that was not imported) or, with <see cref="Suppressed"/>, hidden from the public.
/// For a share within the standard <see cref="WithoutStandard"/> counts the facts of the figure whose standard the
/// catalogue does not know: they are completed all the same but outside the share, so the number completed is
/// <see cref="Count"/> + <see cref="WithoutStandard"/> (interchange.md, <c>report</c>: the share is within ÷ (completed −
/// without_standard)). It is null for the other kinds, and where it is hidden from the public.
/// <see cref="Unverified"/>: the figure counts a pathway whose code, or a standard time, no source confirms yet
/// (catalogue <c>verified: false</c>), so it must not be published as an official figure without that mark.
/// </summary>
public sealed record IndicatorFigure(
    string Pathway,
    OrganisationLevel Level,
    string? Organisation,
    string? Parent,
    string? Interval,
    string? Treatment,
    int? Count,
    int? Numerator,
    IntervalQuartiles? Quartiles,
    bool Suppressed = false,
    int? WithoutStandard = null,
    bool Unverified = false)
{
    public const string AllPathways = "ALL";

    /// <summary>
    /// The number completed as the report and the dashboards show it: for a share within the standard the count plus
    /// those without a standard (null when either is hidden), for every other kind the count.
    /// </summary>
    public int? CompletedIn(IndicatorKind kind) => kind == IndicatorKind.ShareWithinStandard
        ? Count is { } c && WithoutStandard is { } w ? c + w : null
        : Count;

    /// <summary>Numerator over count in percent, one decimal, rounded half away from zero; null when either is not known.</summary>
    public string? SharePercent => Count is > 0 && Numerator is { } n
        ? Math.Round(100m * n / Count.Value, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture)
        : null;

    /// <summary>The figure's place in its table: the same key is the same figure in another computation of the period.</summary>
    public (string Pathway, OrganisationLevel Level, string? Organisation, string? Interval, string? Treatment) Key =>
        (Pathway, Level, Organisation, Interval, Treatment);
}

/// <summary>Which figures of a table to give: one pathway, and organisations at or under one organisation.</summary>
public sealed record IndicatorFilter(string? Pathway = null, string? Organisation = null)
{
    public static IndicatorFilter None { get; } = new();
}

/// <summary>
/// Every figure of one indicator for one period, at every organisation level, for every pathway and for all pathways
/// together. Suppression and period locks work on the whole cube so that tables asked for at different levels stay
/// consistent; <see cref="At"/> gives the table a caller asks for. <see cref="Provisional"/>: the figures are the
/// registry's as it stands, not quality-assured, until the period is locked (as NPR marks its newest month); only the
/// published cube of a locked period is final.
/// </summary>
public sealed record IndicatorCube(
    IndicatorDefinition Definition,
    ReportingPeriod Period,
    TimeUnit Unit,
    IReadOnlyList<IndicatorFigure> Figures,
    IReadOnlyList<string> Warnings,
    bool Provisional = true)
{
    /// <summary>Whether any figure rests on a pathway code or standard time that no source confirms yet.</summary>
    public bool HasUnverified => Figures.Any(f => f.Unverified);

    public IndicatorTarget? Target => Definition.TargetFor(Period.Start);

    /// <summary>
    /// The figures at <paramref name="level"/> that pass the filter, followed by the national figures of the same
    /// pathways (the reference line of a comparison); at the national level, the national figures alone.
    /// </summary>
    public IReadOnlyList<IndicatorFigure> At(OrganisationLevel level, IndicatorFilter filter, OrganisationDirectory organisations) =>
        Figures.Where(f => f.Level == level && Selects(f, level, filter, organisations))
            .Concat(level == OrganisationLevel.Nation ? [] : Figures.Where(f => f.Level == OrganisationLevel.Nation && Selects(f, level, filter, organisations)))
            .ToList();

    /// <summary>Whether <see cref="At"/> gives the figure for this level and filter.</summary>
    public static bool Selects(IndicatorFigure figure, OrganisationLevel level, IndicatorFilter filter, OrganisationDirectory organisations) =>
        (filter.Pathway is null || string.Equals(figure.Pathway, filter.Pathway, StringComparison.Ordinal))
        && (figure.Level == OrganisationLevel.Nation || (figure.Level == level && Under(figure, filter.Organisation, organisations)));

    private static bool Under(IndicatorFigure figure, string? organisation, OrganisationDirectory organisations)
    {
        if (organisation is null)
        {
            return true;
        }
        if (string.Equals(figure.Organisation, organisation, StringComparison.Ordinal) || string.Equals(figure.Parent, organisation, StringComparison.Ordinal))
        {
            return true;
        }
        // A unit under an HF of the RHF asked for.
        return figure.Level == OrganisationLevel.Unit && figure.Parent is { } hf
            && string.Equals(organisations.RhfOf(hf)?.Code, organisation, StringComparison.Ordinal);
    }
}
