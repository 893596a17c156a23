using System.Globalization;
using Forlop.Domain.Reporting;

namespace Forlop.Domain.Indicators;

/// <summary>
/// The periods the public can ask for together, suppressed as one: a calendar year, its three tertials, four quarters
/// and twelve months. A month can be worked out as its tertial, quarter or year minus the other months when those
/// are printed, so a period is never suppressed on its own but as its slice of the scope (docs/decisions/0014).
/// </summary>
public static class PublicationScope
{
    /// <summary>The twenty periods of <paramref name="period"/>'s calendar year: the year, T1–T3, Q1–Q4, 01–12.</summary>
    public static IReadOnlyList<ReportingPeriod> Of(ReportingPeriod period)
    {
        var year = period.Start.Year.ToString("0000", CultureInfo.InvariantCulture);
        var texts = new List<string> { year };
        texts.AddRange(Enumerable.Range(1, 3).Select(t => $"{year}-T{t}"));
        texts.AddRange(Enumerable.Range(1, 4).Select(q => $"{year}-Q{q}"));
        texts.AddRange(Enumerable.Range(1, 12).Select(m => $"{year}-{m:00}"));
        return texts.Select(t => ReportingPeriod.TryParse(t, out var p, out var error) ? p : throw new InvalidOperationException(error)).ToList();
    }

    /// <summary>The year <paramref name="period"/> belongs to, as one period.</summary>
    public static ReportingPeriod YearOf(ReportingPeriod period) => Of(period)[0];

    /// <summary>
    /// The months (year × 12 + month − 1) a period covers: a period's figure is the sum of its months' figures for
    /// every indicator that counts events in the period.
    /// </summary>
    public static IReadOnlyList<int> Months(ReportingPeriod period)
    {
        var first = period.Start.Year * 12 + period.Start.Month - 1;
        var last = period.End.Year * 12 + period.End.Month - 1;
        return Enumerable.Range(first, last - first + 1).ToList();
    }

    /// <summary>
    /// Whether the indicator's figures are stocks (episodes still open at the period's end) rather than flows: a
    /// stock is not the sum of its months but equal to the figure of every period ending on the same day.
    /// </summary>
    public static bool IsStock(IndicatorDefinition definition) => definition.Counting == CountedEpisodes.StillOpen;
}
