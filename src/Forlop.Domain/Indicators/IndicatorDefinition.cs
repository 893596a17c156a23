using Forlop.Domain.Catalogue;
using NodaTime;

namespace Forlop.Domain.Indicators;

/// <summary>How an indicator is computed; the definition file says which, and with what parameters.</summary>
public enum IndicatorKind
{
    /// <summary>
    /// Share of measured intervals within their standard time: the intervals listed, reached (end point dated) in the
    /// period, each against the standard in force on its pathway's seniority date for its treatment type.
    /// </summary>
    ShareWithinStandard,
    /// <summary>Share of the episodes started in the period that reached an interval's end point (at any time since).</summary>
    ShareReached,
    /// <summary>
    /// Share of new cancer patients included in a pathway: journeys with a listed decision dated in the period,
    /// over the new cancer cases of the HF and period imported from the Cancer Registry's figures.
    /// </summary>
    Inclusion,
    /// <summary>A number of episodes: started, completed, ended without treatment, or still open.</summary>
    Count,
    /// <summary>Median and quartiles of interval lengths, per interval and treatment type.</summary>
    Distribution,
}

/// <summary>What a count indicator counts.</summary>
public enum CountedEpisodes
{
    None,
    /// <summary>Journeys started in the period (a start that continues a transfer is not a new journey).</summary>
    Started,
    /// <summary>Episodes whose first start of one of the listed treatments is dated in the period.</summary>
    Completed,
    /// <summary>Episodes ended in the period by a decision that ends them, a stop, or a start of one of the listed treatment types.</summary>
    EndedWithoutTreatment,
    /// <summary>Episodes open on the last day of the period.</summary>
    StillOpen,
}

/// <summary>The level figures are broken down to: a unit of an HF, the HF, its RHF, or the whole country.</summary>
public enum OrganisationLevel
{
    Unit,
    Hf,
    Rhf,
    Nation,
}

/// <summary>A target share in percent, in force for periods that begin on or after <see cref="ValidFrom"/>.</summary>
public sealed record IndicatorTarget(LocalDate ValidFrom, decimal Percent, Provenance Provenance);

/// <summary>
/// An indicator as the catalogue defines it (<c>catalog/indicators/*.yaml</c>, docs/indicators.md): its names,
/// what it counts, how it is computed over which pathways, its target and where the definition comes from.
/// Every indicator is computed per pathway × organisation level × period by <see cref="IndicatorComputation"/>.
/// </summary>
public sealed record IndicatorDefinition(
    string Id,
    LocalizedText Name,
    LocalizedText Counts,
    IndicatorKind Kind,
    IReadOnlyList<PathwayFamily> Families,
    IReadOnlyList<string> ExcludedPathways,
    IReadOnlyList<string> Intervals,
    IReadOnlyList<TreatmentType> Treatments,
    CareSetting Setting,
    CountedEpisodes Counting,
    IReadOnlyList<DecisionKind> Decisions,
    IReadOnlyList<IndicatorTarget> Targets,
    Provenance Provenance,
    string? Note,
    string SourceFile)
{
    /// <summary>Whether the indicator gives a share (numerator over count) rather than a number or a distribution.</summary>
    public bool IsShare => Kind is IndicatorKind.ShareWithinStandard or IndicatorKind.ShareReached or IndicatorKind.Inclusion;

    /// <summary>Whether a pathway takes part: its family is covered and it is not excluded.</summary>
    public bool Covers(Pathway pathway) =>
        Families.Contains(pathway.Family) && !ExcludedPathways.Contains(pathway.Code, StringComparer.Ordinal);

    /// <summary>The target in force for a period beginning on <paramref name="periodStart"/>; null when none is set.</summary>
    public IndicatorTarget? TargetFor(LocalDate periodStart) =>
        Targets.Where(t => t.ValidFrom <= periodStart).MaxBy(t => t.ValidFrom);
}
