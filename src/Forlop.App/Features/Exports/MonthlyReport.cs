using Forlop.App.Hosting;
using System.Globalization;
using Forlop.App.Features.Report;
using Forlop.Domain.Access;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.App.Features.Exports;

/// <summary>One pathway's bar in the monthly report's chart.</summary>
public sealed record PathwayShare(string Pathway, int Completed, decimal? SharePercent);

/// <summary>One month of the monthly report's trend: all the HF's pathways together; <see cref="Provisional"/> while the month is not locked.</summary>
public sealed record MonthShare(LocalDate Month, int Completed, int WithinStandard, decimal? SharePercent, int WithoutStandard = 0, bool Provisional = true);

/// <summary>
/// What an HF's monthly report shows: the indicator per pathway for the month (table and chart against the 70 %
/// target) and the share of all its pathways in each of the twelve months up to and including it.
/// </summary>
public sealed record MonthlyReport(
    Organisation Hf,
    ReportingPeriod Month,
    LocalDate Made,
    ExportTable Pathways,
    IReadOnlyList<PathwayShare> Shares,
    IReadOnlyList<MonthShare> Trend,
    ExportTable TrendTable)
{
    public const int TrendMonths = 12;

    public const decimal TargetPercent = 70m;

    /// <summary>The report's two tables as the files for people lay them out (Excel: a sheet each; CSV: one under the other).</summary>
    public IReadOnlyList<ExportTable> Tables => [Pathways, TrendTable];

    private static readonly string[] MonthNames =
        ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];

    private static readonly string[] ShortMonthNames =
        ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"];

    /// <summary>"september 2016": Norwegian month names, written out here so no server's culture data is needed.</summary>
    public static string MonthName(LocalDate month) => $"{MonthNames[month.Month - 1]} {month.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"sep" over "2016", for a chart's axis.</summary>
    public static string ShortMonthName(LocalDate month) =>
        $"{ShortMonthNames[month.Month - 1]}\n{month.Year.ToString(CultureInfo.InvariantCulture)}";
}

public sealed partial class IndicatorExports
{
    /// <summary>
    /// The monthly report of <paramref name="hf"/> for <paramref name="month"/> (a <c>YYYY-MM</c> period), made on
    /// <paramref name="made"/>, for an actor who may see the HF's figures.
    /// </summary>
    public Task<Outcome<MonthlyReport>> MonthlyReportAsync(Actor actor, string hf, ReportingPeriod month, LocalDate made, CancellationToken ct) =>
        MonthlyReportAsync(actor, hf, month, made, printed: true, ct);

    /// <summary>
    /// The same, its table of pathways laid out for paper (<paramref name="printed"/>: short headings, a * for an
    /// unverified pathway) or for a spreadsheet (the flag columns unverified and provisional, as the other tables' files).
    /// </summary>
    public async Task<Outcome<MonthlyReport>> MonthlyReportAsync(Actor actor, string hf, ReportingPeriod month, LocalDate made, bool printed, CancellationToken ct)
    {
        var organisation = organisations.Find(hf);
        if (organisation is null || organisation.Kind is not (OrganisationKind.Hf or OrganisationKind.Ideell))
        {
            return new Outcome<MonthlyReport>.Invalid($"'{hf}' is not an HF this registry knows");
        }
        if (month.Start.Day != 1 || month.Start.Month != month.End.Month || month.Start.Year != month.End.Year)
        {
            return new Outcome<MonthlyReport>.Invalid($"'{month.Text}' is not a month: use YYYY-MM");
        }
        if (!AccessPolicy.MaySeeFiguresOf(actor, hf, organisations))
        {
            return new Outcome<MonthlyReport>.NotAllowed($"{actor.UserName} may not see the figures of {hf}");
        }

        var firstMonth = month.Start.PlusMonths(-(MonthlyReport.TrendMonths - 1));
        // The HF's pathways are those treated there (where the treatment started), as in the breakdown by HF: the
        // indicator's own cube of each month, so the report counts as every other output does.
        var (cube, publication) = await CompletedWithinStandardCubeAsync(month, ct);
        var (rows, total) = CompletedWithinStandard.Rows(cube, ReportBreakdown.Pathway, hf, organisations);
        var subtitle = $"{organisation.Name} ({organisation.Code}) · {MonthlyReport.MonthName(month.Start)}" + (publication is null ? "" : " · " + publication.DescribeNb());
        var pathways = CompletedWithinStandardTable(rows, total, ReportBreakdown.Pathway, subtitle, TargetNote, cube.Warnings, cube.Provisional, printed, publication);
        var shares = rows.Select(r => new PathwayShare(r.Pathway, r.Completed ?? 0, ShareOf(r))).ToList();

        var trend = new List<MonthShare>();
        // Counted, not stepped past the report's month: the month after 9999-12 is not a date.
        for (var i = 0; i < MonthlyReport.TrendMonths; i++)
        {
            var m = firstMonth.PlusMonths(i);
            var period = new ReportingPeriod(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), m, m.With(DateAdjusters.EndOfMonth));
            var monthCube = period.Text == month.Text ? cube : (await CompletedWithinStandardCubeAsync(period, ct)).Cube;
            var (_, monthTotal) = CompletedWithinStandard.Rows(monthCube, ReportBreakdown.Pathway, hf, organisations);
            trend.Add(new MonthShare(m, monthTotal.Completed ?? 0, monthTotal.WithinStandard ?? 0, ShareOf(monthTotal), monthTotal.WithoutStandard ?? 0, monthCube.Provisional));
        }
        var trendTable = new ExportTable(
            "Utvikling siste tolv måneder",
            subtitle,
            [
                new("month", "Måned", ColumnKind.Text),
                new("completed", "Gjennomført", ColumnKind.Count),
                new("within_standard", "Innenfor", ColumnKind.Count),
                new("share_within_pct", "Andel", ColumnKind.Percent),
                new("without_standard", "Uten standard", ColumnKind.Count),
            ],
            trend.Select(t => new ExportRow(
            [
                new ExportCell.Text(MonthlyReport.MonthName(t.Month)),
                new ExportCell.Count(t.Completed),
                new ExportCell.Count(t.WithinStandard),
                t.SharePercent is { } share ? new ExportCell.Percent(share) : ExportCell.Empty.Instance,
                new ExportCell.Count(t.WithoutStandard),
            ])).ToList(),
            ProvisionalMonths(trend));

        return new Outcome<MonthlyReport>.Ready(new MonthlyReport(organisation, month, made, pathways, shares, trend, trendTable));

        // The months not locked, named under the trend (the columns are kept for the figures).
        static string? ProvisionalMonths(List<MonthShare> trend) => trend.Any(t => t.Provisional)
            ? "Foreløpige tall, ikke kvalitetssikret (perioden er ikke låst): " + string.Join(", ", trend.Where(t => t.Provisional).Select(t => MonthlyReport.MonthName(t.Month))) + "."
            : null;

        static decimal? ShareOf(PublicIndicatorRow row) => row.SharePercent is { Length: > 0 } text
            ? decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : null;
    }
}
