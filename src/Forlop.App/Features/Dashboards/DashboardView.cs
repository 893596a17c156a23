using System.Globalization;
using Forlop.App.Features.Indicators;
using Forlop.Domain.Access;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.App.Features.Dashboards;

/// <summary>
/// One line of the dashboard's table: a pathway (or <c>ALL</c>) at an HF in a period, as Helsedirektoratet publishes
/// it. <see cref="Completed"/> counts every completed pathway; <see cref="WithoutStandard"/> of them have no known
/// standard and are outside the <see cref="Share"/> (interchange.md, report). <see cref="Unverified"/>: the row rests
/// on a pathway code or standard no source confirms yet.
/// </summary>
public sealed record DashboardTableRow(string Pathway, int WithinStandard, int Completed, decimal? Share, int WithoutStandard = 0, bool Unverified = false)
{
    /// <summary>Whether the share is below the national target of <see cref="DashboardView.TargetPercent"/> %.</summary>
    public bool BelowTarget => Share is { } share && share < DashboardView.TargetPercent;
}

/// <summary>One month of the trend: the share within the standard and the counts behind it.</summary>
public sealed record DashboardTrendMonth(YearMonth Month, ReportingPeriod Period, decimal? Share, int WithinStandard, int Completed, int WithoutStandard = 0);

/// <summary>A total above the HF: an RHF, or the nation (<see cref="Organisation"/> null), with its figures in the period.</summary>
public sealed record DashboardTotal(OrganisationLevel Level, string? Organisation, string Name, int WithinStandard, int Completed, decimal? Share, int WithoutStandard = 0);

/// <summary>
/// What the share of all pathways together covers: of the <see cref="Pathways"/> with a completed pathway in the
/// period, <see cref="Measured"/> have a standard to measure against; <see cref="Lacking"/> (codes) had completed
/// pathways without one, <see cref="WithoutStandard"/> in all, which are outside the share.
/// </summary>
public sealed record DashboardCoverage(int Pathways, int Measured, IReadOnlyList<string> Lacking, int WithoutStandard);

/// <summary>
/// What the dashboard page (/dashbord) shows, taken from a <see cref="DashboardSnapshot"/>: the choices an actor has
/// (periods, the HFs whose figures she may see whole) and the table, trend and comparison of the chosen ones. Counts
/// only; every HF offered passes <see cref="AccessPolicy.MaySeeFiguresOf"/>.
/// </summary>
public static class DashboardView
{
    /// <summary>The national target: 70 % of the pathways completed within the standard time.</summary>
    public const decimal TargetPercent = 70m;

    /// <summary>The catalogue's indicator of interval lengths (median and quartiles), shown under the charts.</summary>
    public const string DistributionIndicator = "interval-distribution";

    /// <summary>The last tertial that has ended before <paramref name="today"/>.</summary>
    public static ReportingPeriod DefaultPeriod(LocalDate today)
    {
        var tertial = (today.Month - 1) / 4 + 1;
        var text = tertial == 1 ? $"{today.Year - 1}-T3" : $"{today.Year}-T{tertial - 1}";
        return Parse(text);
    }

    /// <summary>The periods offered: the last six ended tertials, newest first, then the last two whole years.</summary>
    public static IReadOnlyList<ReportingPeriod> Periods(LocalDate today)
    {
        var periods = new List<ReportingPeriod>();
        var period = DefaultPeriod(today);
        for (var i = 0; i < 6; i++)
        {
            periods.Add(period);
            period = DefaultPeriod(period.Start);
        }
        periods.Add(Parse((today.Year - 1).ToString(CultureInfo.InvariantCulture)));
        periods.Add(Parse((today.Year - 2).ToString(CultureInfo.InvariantCulture)));
        return periods;
    }

    /// <summary>The HFs whose figures the actor may see whole, in code order: her own HF, her region's or all.</summary>
    public static IReadOnlyList<Organisation> VisibleHfs(Actor actor, OrganisationDirectory organisations) =>
        organisations.All.Where(o => o.Kind is OrganisationKind.Hf or OrganisationKind.Ideell && AccessPolicy.MaySeeFiguresOf(actor, o.Code, organisations)).ToList();

    /// <summary>The table for one HF in a period: every pathway with a completed pathway, then all pathways together.</summary>
    public static IReadOnlyList<DashboardTableRow> Table(DashboardSnapshot snapshot, string hf, ReportingPeriod period)
    {
        var rows = new List<DashboardTableRow>();
        foreach (var pathway in snapshot.Pathways.Append(IndicatorFigure.AllPathways))
        {
            if (!snapshot.Covers(DashboardMeasure.Measured, pathway))
            {
                continue;
            }
            var figures = snapshot.Figures(pathway, OrganisationLevel.Hf, hf, period);
            if (figures.CompletedWithOrWithoutStandard > 0 || string.Equals(pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal))
            {
                rows.Add(new DashboardTableRow(pathway, figures.WithinStandard, figures.CompletedWithOrWithoutStandard, Share(figures),
                    figures.WithoutStandard, figures.Unverified > 0));
            }
        }
        return rows;
    }

    /// <summary>
    /// Month by month for the 12 months that end with the period's last month: the share within the standard (null where
    /// none was completed), the counts behind it and the month as a period, so each count can open its episodes.
    /// </summary>
    public static IReadOnlyList<DashboardTrendMonth> Trend(DashboardSnapshot snapshot, string hf, string pathway, ReportingPeriod period)
    {
        var last = new YearMonth(period.End.Year, period.End.Month);
        var months = new List<DashboardTrendMonth>();
        for (var back = 11; back >= 0; back--)
        {
            var month = last.PlusMonths(-back);
            var figures = snapshot.Figures(pathway, OrganisationLevel.Hf, hf, month);
            months.Add(new DashboardTrendMonth(month, Parse(month.ToString("yyyy'-'MM", CultureInfo.InvariantCulture)),
                Share(figures), figures.WithinStandard, figures.CompletedWithOrWithoutStandard, figures.WithoutStandard));
        }
        return months;
    }

    /// <summary>The share within the standard of each HF the actor may see, in the period, for a pathway or <c>ALL</c>.</summary>
    public static IReadOnlyList<(Organisation Hf, decimal? Share)> Comparison(DashboardSnapshot snapshot, IReadOnlyList<Organisation> hfs, string pathway, ReportingPeriod period) =>
        hfs.Select(hf => (hf, Share(snapshot.Figures(pathway, OrganisationLevel.Hf, hf.Code, period)))).ToList();

    /// <summary>
    /// The RHF and national totals the actor may see whole (<see cref="AccessPolicy.MaySeeFiguresOf"/>): a regional
    /// analyst her RHF, a national analyst every RHF and the nation; nobody else any. RHFs in code order, the nation last.
    /// </summary>
    public static IReadOnlyList<DashboardTotal> Totals(DashboardSnapshot snapshot, Actor actor, OrganisationDirectory organisations, string pathway, ReportingPeriod period)
    {
        var totals = new List<DashboardTotal>();
        foreach (var rhf in organisations.All.Where(o => o.Kind == OrganisationKind.Rhf && AccessPolicy.MaySeeFiguresOf(actor, o.Code, organisations)))
        {
            var figures = snapshot.Figures(pathway, OrganisationLevel.Rhf, rhf.Code, period);
            totals.Add(new DashboardTotal(OrganisationLevel.Rhf, rhf.Code, rhf.Name, figures.WithinStandard, figures.CompletedWithOrWithoutStandard, Share(figures), figures.WithoutStandard));
        }
        if (AccessPolicy.MaySeeFiguresOf(actor, null, organisations))
        {
            var figures = snapshot.Figures(pathway, OrganisationLevel.Nation, null, period);
            totals.Add(new DashboardTotal(OrganisationLevel.Nation, null, "", figures.WithinStandard, figures.CompletedWithOrWithoutStandard, Share(figures), figures.WithoutStandard));
        }
        return totals;
    }

    /// <summary>What the table's share of all pathways covers: the pathways it measures, and those that lack a standard.</summary>
    public static DashboardCoverage Coverage(IReadOnlyList<DashboardTableRow> table)
    {
        var pathways = table.Where(r => !string.Equals(r.Pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal)).ToList();
        return new DashboardCoverage(pathways.Count, pathways.Count(r => r.Completed > r.WithoutStandard),
            pathways.Where(r => r.WithoutStandard > 0).Select(r => r.Pathway).ToList(), pathways.Sum(r => r.WithoutStandard));
    }

    /// <summary>The words of the drill-down page's address for each part of a figure (?utvalg=innenfor).</summary>
    public static string SubsetText(FigureSubset subset) => subset switch
    {
        FigureSubset.Within => "innenfor",
        FigureSubset.Over => "utenfor",
        FigureSubset.WithoutStandard => "utenstandard",
        _ => "fullfort",
    };

    /// <summary>The part of a figure an address names; the number completed when it names none.</summary>
    public static FigureSubset SubsetOf(string? text) => text switch
    {
        "innenfor" => FigureSubset.Within,
        "utenfor" => FigureSubset.Over,
        "utenstandard" => FigureSubset.WithoutStandard,
        _ => FigureSubset.Completed,
    };

    /// <summary>The drill-down page of a figure of the table: the episodes of an HF's pathway (or all) in the period.</summary>
    public static string DrillDownUrl(string hf, string pathway, ReportingPeriod period, FigureSubset subset) =>
        "/dashbord/forlop?indikator=" + Uri.EscapeDataString(DashboardIndicators.WithinStandardId)
        + "&forlop=" + Uri.EscapeDataString(pathway)
        + "&periode=" + Uri.EscapeDataString(period.Text)
        + "&hf=" + Uri.EscapeDataString(hf)
        + "&utvalg=" + SubsetText(subset);

    private static decimal? Share(DashboardFigures figures) =>
        figures.Measured > 0 ? Math.Round(100m * figures.WithinStandard / figures.Measured, 1, MidpointRounding.AwayFromZero) : null;

    private static ReportingPeriod Parse(string text) =>
        ReportingPeriod.TryParse(text, out var period, out var error) ? period : throw new InvalidOperationException(error);
}
