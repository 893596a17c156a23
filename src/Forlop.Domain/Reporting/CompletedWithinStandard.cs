using System.Globalization;
using Forlop.Domain.Catalogue;
using Forlop.Domain.PathwayTimes;

namespace Forlop.Domain.Reporting;

/// <summary>How the indicator is broken down.</summary>
public enum ReportBreakdown
{
    Pathway,
    Hf,
    Rhf,
}

/// <summary>
/// A pathway journey that reached a start of surgery, drug or radiotherapy: what the indicator needs of it.
/// <see cref="SeniorityDate"/> is the journey's first start; <see cref="Hf"/> and <see cref="Rhf"/> are where the treatment started.
/// </summary>
public sealed record CompletedPathway(string Pathway, string Hf, string Rhf, NodaTime.LocalDate SeniorityDate, NodaTime.LocalDate TreatmentDate, TreatmentType Treatment);

/// <summary>One row of the indicator table; <see cref="Organisation"/> is null when broken down by pathway only.</summary>
public sealed record IndicatorRow(string Pathway, string? Organisation, int Completed, int WithinStandard)
{
    public int Breaches => Completed - WithinStandard;

    /// <summary>Share within the standard in percent, one decimal, rounded half away from zero.</summary>
    public string SharePercent => Completed == 0 ? "" :
        Math.Round(100m * WithinStandard / Completed, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>The indicator table: rows sorted by pathway (then organisation) and a final total.</summary>
public sealed record IndicatorTable(IReadOnlyList<IndicatorRow> Rows, IndicatorRow Total, IReadOnlyList<string> Warnings);

/// <summary>
/// Share of pathways completed within the standard time (national target 70 %). A pathway counts as completed in
/// the period when its start of surgery, drug or radiotherapy is dated in the period; it is within the standard
/// when OF4 — calendar days from the seniority date to that treatment — is at most the OF4 standard for the
/// treatment type in the catalogue version valid on the seniority date.
/// </summary>
public static class CompletedWithinStandard
{
    public const string StandardInterval = "OF4";

    public static IndicatorTable Compute(IEnumerable<CompletedPathway> pathways, PathwayCatalogue catalogue, ReportingPeriod period, ReportBreakdown by)
    {
        var counts = new SortedDictionary<(string Pathway, string Organisation), (int Completed, int Within)>();
        var missing = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in pathways)
        {
            if (!period.Contains(p.TreatmentDate))
            {
                continue;
            }
            var standard = catalogue.Pathway(p.Pathway)?.Interval(StandardInterval)?.StandardOn(p.SeniorityDate, p.Treatment);
            if (standard is null)
            {
                var key = $"{p.Pathway} {PathwayFileParser.Kebab(p.Treatment.ToString())}";
                missing[key] = missing.GetValueOrDefault(key) + 1;
                continue;
            }
            var within = PathwayTimeEngine.DaysBetween(p.SeniorityDate, p.TreatmentDate) <= standard.Limit;
            var organisation = by switch { ReportBreakdown.Hf => p.Hf, ReportBreakdown.Rhf => p.Rhf, _ => "" };
            var (c, w) = counts.GetValueOrDefault((p.Pathway, organisation));
            counts[(p.Pathway, organisation)] = (c + 1, w + (within ? 1 : 0));
        }
        var rows = counts
            .OrderBy(kv => kv.Key.Pathway, StringComparer.Ordinal).ThenBy(kv => kv.Key.Organisation, StringComparer.Ordinal)
            .Select(kv => new IndicatorRow(kv.Key.Pathway, by == ReportBreakdown.Pathway ? null : kv.Key.Organisation, kv.Value.Completed, kv.Value.Within))
            .ToList();
        var total = new IndicatorRow("ALL", by == ReportBreakdown.Pathway ? null : "", rows.Sum(r => r.Completed), rows.Sum(r => r.WithinStandard));
        var warnings = missing
            .Select(kv => $"{kv.Value} completed {kv.Key} pathway(s) not counted: the catalogue has no {StandardInterval} standard for them")
            .ToList();
        return new IndicatorTable(rows, total, warnings);
    }
}
