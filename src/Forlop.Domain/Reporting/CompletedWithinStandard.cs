using System.Globalization;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;

namespace Forlop.Domain.Reporting;

/// <summary>How the indicator is broken down.</summary>
public enum ReportBreakdown
{
    Pathway,
    Hf,
    Rhf,
}

/// <summary>
/// One row of the indicator table; <see cref="Organisation"/> is null when broken down by pathway only.
/// <see cref="WithoutStandard"/> of the <see cref="Completed"/> have no standard time in the catalogue: completed, but
/// outside the share (interchange.md, <c>report</c>). <see cref="Unverified"/>: the row counts a pathway code or a
/// standard time that no source confirms yet.
/// </summary>
public sealed record IndicatorRow(string Pathway, string? Organisation, int Completed, int WithinStandard, int WithoutStandard = 0, bool Unverified = false)
{
    /// <summary>The pathways the share is taken of: the completed ones whose standard is known.</summary>
    public int Measured => Completed - WithoutStandard;

    /// <summary>Measured pathways over their standard.</summary>
    public int Breaches => Measured - WithinStandard;

    /// <summary>Share within the standard in percent of those measured, one decimal, rounded half away from zero.</summary>
    public string SharePercent => Measured == 0 ? "" :
        Math.Round(100m * WithinStandard / Measured, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>The indicator table: rows sorted by pathway (then organisation) and a final total.</summary>
public sealed record IndicatorTable(IReadOnlyList<IndicatorRow> Rows, IndicatorRow Total, IReadOnlyList<string> Warnings);

/// <summary>
/// The table of "share of pathways completed within the standard time" (national target 70 %) as the report, the
/// exports and the monthly report print it, read from the indicator's cube (<see cref="IndicatorComputation"/>, the
/// <c>completed-within-standard</c> definition): so every output counts the same way. A pathway counts as completed
/// in the period when its start of surgery, drug or radiotherapy is dated in the period, whether or not a standard
/// is known for it; it is within the standard when OF4 — calendar days from the seniority date to that treatment —
/// is at most the OF4 standard for the treatment type in the catalogue version valid on the seniority date. The
/// share is within ÷ (completed − without standard) (interchange.md, <c>report</c>).
/// </summary>
public static class CompletedWithinStandard
{
    public const string StandardInterval = "OF4";

    /// <summary>
    /// The rows of the table and its total from a cube, unsuppressed or suppressed (a hidden cell is null): by pathway
    /// the national figures, by HF or RHF those of each organisation of that level. With <paramref name="organisation"/>
    /// (an HF or an RHF) only the pathways treated there: its own figures, or by HF those of its HFs, and its total.
    /// </summary>
    public static (IReadOnlyList<PublicIndicatorRow> Rows, PublicIndicatorRow Total) Rows(IndicatorCube cube, ReportBreakdown by,
        string? organisation = null, OrganisationDirectory? organisations = null)
    {
        var kind = cube.Definition.Kind;
        var level = by switch { ReportBreakdown.Hf => OrganisationLevel.Hf, ReportBreakdown.Rhf => OrganisationLevel.Rhf, _ => OrganisationLevel.Nation };
        var scopeLevel = organisation is null ? OrganisationLevel.Nation
            : organisations?.Find(organisation)?.Kind == OrganisationKind.Rhf ? OrganisationLevel.Rhf : OrganisationLevel.Hf;
        if (organisation is not null && by == ReportBreakdown.Pathway)
        {
            level = scopeLevel;
        }
        bool InScope(IndicatorFigure f) => organisation is null || f.Level == OrganisationLevel.Nation
            || string.Equals(f.Organisation, organisation, StringComparison.Ordinal) || string.Equals(f.Parent, organisation, StringComparison.Ordinal);
        var rows = cube.Figures.Where(f => f.Level == level && f.Pathway != IndicatorFigure.AllPathways && InScope(f))
            .Select(f => Row(f, f.Pathway, by == ReportBreakdown.Pathway ? null : f.Organisation))
            .ToList();
        var all = cube.Figures.SingleOrDefault(f => f.Level == scopeLevel && f.Pathway == IndicatorFigure.AllPathways
            && (organisation is null || string.Equals(f.Organisation, organisation, StringComparison.Ordinal)));
        var total = all is null
            ? new PublicIndicatorRow(IndicatorFigure.AllPathways, by == ReportBreakdown.Pathway ? null : "", 0, 0, "", 0)
            : Row(all, all.Pathway, by == ReportBreakdown.Pathway ? null : "");
        return (rows, total);

        PublicIndicatorRow Row(IndicatorFigure f, string pathway, string? shownOrganisation) =>
            new(pathway, shownOrganisation, f.CompletedIn(kind), f.Numerator, f.Count is 0 ? "" : f.SharePercent, f.WithoutStandard, f.Unverified);
    }

    /// <summary>The unsuppressed table of a cube (see <see cref="Rows"/>), with the cube's warnings.</summary>
    public static IndicatorTable Table(IndicatorCube cube, ReportBreakdown by, string? organisation = null, OrganisationDirectory? organisations = null)
    {
        var (rows, total) = Rows(cube, by, organisation, organisations);
        return new IndicatorTable(rows.Select(Whole).ToList(), Whole(total), cube.Warnings);

        static IndicatorRow Whole(PublicIndicatorRow r) =>
            new(r.Pathway, r.Organisation, r.Completed ?? 0, r.WithinStandard ?? 0, r.WithoutStandard ?? 0, r.Unverified);
    }
}
