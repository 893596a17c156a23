using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.Indicators;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Report;

/// <summary>
/// The indicator "share of pathways completed within the standard time" for a period, read from the stored
/// episodes and computed by the domain, so SQLite and PostgreSQL give the same figures.
/// </summary>
public static class IndicatorReport
{
    private static readonly string[] CountedTreatments = ["surgery", "drug", "radiotherapy"];

    public static async Task<IndicatorTable> ComputeAsync(RegistryDb db, PathwayCatalogue catalogue, ReportingPeriod period, ReportBreakdown by, CancellationToken ct)
    {
        var completed = await LoadCompletedAsync(db, period.Start, period.End, null, ct);
        return CompletedWithinStandard.Compute(completed, catalogue, period, by);
    }

    /// <summary>
    /// The pathways whose surgery, drug or radiotherapy started from <paramref name="from"/> to <paramref name="to"/>,
    /// all of them or only those treated at <paramref name="organisation"/> (an HF, or every HF of an RHF).
    /// </summary>
    public static async Task<IReadOnlyList<CompletedPathway>> LoadCompletedAsync(RegistryDb db, LocalDate from, LocalDate to, string? organisation, CancellationToken ct)
    {
        var first = from.ToDateOnly();
        var last = to.ToDateOnly();
        var episodes = db.Episodes.AsNoTracking()
            .Where(e => e.TreatmentDate >= first && e.TreatmentDate <= last && CountedTreatments.Contains(e.TreatmentType!));
        if (organisation is not null)
        {
            episodes = episodes.Where(e => e.Hf == organisation || e.Rhf == organisation);
        }
        var rows = await episodes
            .Select(e => new { e.Pathway, e.Hf, e.Rhf, e.SeniorityDate, e.TreatmentDate, e.TreatmentType })
            .ToListAsync(ct);
        return rows.Select(r => new CompletedPathway(r.Pathway, r.Hf, r.Rhf,
            LocalDate.FromDateOnly(r.SeniorityDate), LocalDate.FromDateOnly(r.TreatmentDate!.Value),
            PathwayFileParser.TryParseEnum<TreatmentType>(r.TreatmentType, out var t) ? t : TreatmentType.None)).ToList();
    }

    /// <summary>The indicator id of this table in catalog/indicators/.</summary>
    public const string IndicatorId = "completed-within-standard";

    /// <summary>The report's table from a cube of the indicator (a locked period's, or the current one): its rows at the breakdown's level and the national total.</summary>
    public static IndicatorTable FromCube(IndicatorCube cube, ReportBreakdown by)
    {
        var (rows, total) = Rows(cube, by);
        return new IndicatorTable(
            rows.Select(r => new IndicatorRow(r.Pathway, r.Organisation, r.Completed ?? 0, r.WithinStandard ?? 0)).ToList(),
            new IndicatorRow(total.Pathway, total.Organisation, total.Completed ?? 0, total.WithinStandard ?? 0), cube.Warnings);
    }

    /// <summary>The public table from a suppressed cube: a hidden cell is null.</summary>
    public static (IReadOnlyList<PublicIndicatorRow> Rows, PublicIndicatorRow Total) Rows(IndicatorCube cube, ReportBreakdown by)
    {
        var level = by switch { ReportBreakdown.Hf => OrganisationLevel.Hf, ReportBreakdown.Rhf => OrganisationLevel.Rhf, _ => OrganisationLevel.Nation };
        var rows = cube.Figures.Where(f => f.Level == level && f.Pathway != IndicatorFigure.AllPathways)
            .Select(f => new PublicIndicatorRow(f.Pathway, by == ReportBreakdown.Pathway ? null : f.Organisation, f.Count, f.Numerator, f.SharePercent))
            .ToList();
        var all = cube.Figures.Single(f => f.Level == OrganisationLevel.Nation && f.Pathway == IndicatorFigure.AllPathways);
        return (rows, new PublicIndicatorRow(all.Pathway, by == ReportBreakdown.Pathway ? null : "", all.Count, all.Numerator, all.SharePercent));
    }

    /// <summary>CSV as the interchange contract defines it: pathway[,organisation],completed,within_standard,share_within_pct.</summary>
    public static string ToCsv(IndicatorTable table, ReportBreakdown by) =>
        Render(Cells(table, by), csv: true);

    public static string ToCsv(IReadOnlyList<PublicIndicatorRow> rows, PublicIndicatorRow total, ReportBreakdown by) =>
        Render(PublicCells(rows, total, by), csv: true);

    public static string ToText(IndicatorTable table, ReportBreakdown by) => Render(Cells(table, by), csv: false);

    public static string ToText(IReadOnlyList<PublicIndicatorRow> rows, PublicIndicatorRow total, ReportBreakdown by) =>
        Render(PublicCells(rows, total, by), csv: false);

    private static List<string[]> Cells(IndicatorTable table, ReportBreakdown by) =>
        PublicCells(table.Rows.Select(Visible).ToList(), Visible(table.Total), by);

    private static PublicIndicatorRow Visible(IndicatorRow r) => new(r.Pathway, r.Organisation, r.Completed, r.WithinStandard, r.SharePercent);

    private static List<string[]> PublicCells(IReadOnlyList<PublicIndicatorRow> rows, PublicIndicatorRow total, ReportBreakdown by)
    {
        var withOrganisation = by != ReportBreakdown.Pathway;
        var result = new List<string[]>
        {
            withOrganisation
                ? ["pathway", "organisation", "completed", "within_standard", "share_within_pct"]
                : ["pathway", "completed", "within_standard", "share_within_pct"],
        };
        foreach (var r in rows.Append(total))
        {
            var counts = new[] { Number(r.Completed), Number(r.WithinStandard), r.SharePercent ?? "" };
            result.Add(withOrganisation ? [r.Pathway, r.Organisation ?? "", .. counts] : [r.Pathway, .. counts]);
        }
        return result;

        static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
    }

    // The pathway, and the organisation when the table is by organisation (five columns), are names; the rest numbers.
    private static string Render(List<string[]> cells, bool csv) =>
        IndicatorText.Table(cells, csv, leftAligned: cells[0].Length == 5 ? 2 : 1);
}
