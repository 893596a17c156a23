using System.Globalization;
using Forlop.App.Features.Indicators;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;

namespace Forlop.App.Features.Report;

/// <summary>
/// The indicator "share of pathways completed within the standard time" for a period as the report prints it: the
/// rows of the indicator's cube (<see cref="CompletedWithinStandard.Rows"/>), the same cube the indicator command,
/// the API, the dashboards and the exports read, so every output counts the same pathways.
/// </summary>
public static class IndicatorReport
{
    /// <summary>The indicator id of this table in catalog/indicators/.</summary>
    public const string IndicatorId = "completed-within-standard";

    /// <summary>What the table's fifth column holds, printed under the text table (the CSV's header names it).</summary>
    public const string WithoutStandardNote =
        "without_standard: completed pathways whose standard time the catalogue does not know; counted as completed, outside the share (share = within ÷ (completed − without_standard))";

    /// <summary>
    /// CSV as the interchange contract defines it: pathway[,organisation],completed,within_standard,share_within_pct,
    /// then without_standard. A suppressed cell is empty.
    /// </summary>
    public static string ToCsv(IReadOnlyList<PublicIndicatorRow> rows, PublicIndicatorRow total, ReportBreakdown by) =>
        Render(PublicCells(rows, total, by), csv: true);

    /// <summary>The same table as aligned text, with a line under it saying what without_standard holds.</summary>
    public static string ToText(IReadOnlyList<PublicIndicatorRow> rows, PublicIndicatorRow total, ReportBreakdown by) =>
        Render(PublicCells(rows, total, by), csv: false) + WithoutStandardNote + "\n";

    private static List<string[]> PublicCells(IReadOnlyList<PublicIndicatorRow> rows, PublicIndicatorRow total, ReportBreakdown by)
    {
        var withOrganisation = by != ReportBreakdown.Pathway;
        var result = new List<string[]>
        {
            withOrganisation
                ? ["pathway", "organisation", "completed", "within_standard", "share_within_pct", "without_standard"]
                : ["pathway", "completed", "within_standard", "share_within_pct", "without_standard"],
        };
        foreach (var r in rows.Append(total))
        {
            var counts = new[] { Number(r.Completed), Number(r.WithinStandard), r.SharePercent ?? "", Number(r.WithoutStandard) };
            result.Add(withOrganisation ? [r.Pathway, r.Organisation ?? "", .. counts] : [r.Pathway, .. counts]);
        }
        return result;

        static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
    }

    // The pathway, and the organisation when the table is by organisation (six columns), are names; the rest numbers.
    private static string Render(List<string[]> cells, bool csv) =>
        IndicatorText.Table(cells, csv, leftAligned: cells[0].Length == 6 ? 2 : 1);
}
