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

/// <summary>An HF of the comparison with its figures in the period.</summary>
public sealed record DashboardComparison(Organisation Hf, int WithinStandard, int Completed, decimal? Share);

/// <summary>Whose figures the dashboard shows: the nation (<see cref="Organisation"/> null), an RHF or an HF.</summary>
public sealed record DashboardScope(OrganisationLevel Level, Organisation? Organisation)
{
    /// <summary>The organisation's code; null for the nation.</summary>
    public string? Code => Organisation?.Code;
}

/// <summary>
/// What the dashboard page (/dashbord) shows, taken from a <see cref="DashboardSnapshot"/>: the choices an actor has
/// (periods, the HFs whose figures she may see whole) and the table, trend and comparison of the chosen ones. Counts
/// only; every HF offered passes <see cref="AccessPolicy.MaySeeFiguresOf"/>.
/// </summary>
public static class DashboardView
{
    /// <summary>Names in Norwegian alphabetical order (Æ, Ø, Å last), whatever the server's culture.</summary>
    private static readonly StringComparer ByName = StringComparer.Create(CultureInfo.GetCultureInfo("nb-NO"), ignoreCase: false);

    /// <summary>The national target: 70 % of the pathways completed within the standard time.</summary>
    public const decimal TargetPercent = 70m;

    /// <summary>The catalogue's indicator of interval lengths (median and quartiles), shown under the charts.</summary>
    public const string DistributionIndicator = "interval-distribution";

    /// <summary>
    /// The period the dashboard opens on: the tertial of the latest month with data (<paramref name="latest"/>, the
    /// registry's newest month), never after <paramref name="today"/>'s; today's tertial when nothing is known. On
    /// 4 December with data up to December that is the current tertial, still open (<see cref="IsProvisional"/>).
    /// </summary>
    public static ReportingPeriod DefaultPeriod(LocalDate today, YearMonth? latest)
    {
        var now = new YearMonth(today.Year, today.Month);
        var month = latest is { } last && last < now ? last : now;
        return Tertial(month);
    }

    /// <summary>Whether a period is still open on <paramref name="today"/>: its figures are provisional until it has ended.</summary>
    public static bool IsProvisional(ReportingPeriod period, LocalDate today) => period.End >= today;

    /// <summary>
    /// The periods offered, newest first in each kind: the default tertial and the six before it, the six months up
    /// to the default's latest month, then its year and the two before.
    /// </summary>
    public static IReadOnlyList<ReportingPeriod> Periods(LocalDate today, YearMonth? latest)
    {
        var periods = new List<ReportingPeriod>();
        var period = DefaultPeriod(today, latest);
        var anchor = new YearMonth(period.Start.Year, period.Start.Month);
        for (var i = 0; i < 7; i++)
        {
            periods.Add(Tertial(anchor.PlusMonths(-4 * i)));
        }
        var now = new YearMonth(today.Year, today.Month);
        var lastMonth = latest is { } last && last < now ? last : now;
        for (var i = 0; i < 6; i++)
        {
            periods.Add(Parse(lastMonth.PlusMonths(-i).ToString("yyyy'-'MM", CultureInfo.InvariantCulture)));
        }
        for (var i = 0; i < 3; i++)
        {
            periods.Add(Parse((anchor.Year - i).ToString(CultureInfo.InvariantCulture)));
        }
        return periods;
    }

    private static ReportingPeriod Tertial(YearMonth month) =>
        Parse(FormattableString.Invariant($"{month.Year}-T{(month.Month - 1) / 4 + 1}"));

    /// <summary>The HFs whose figures the actor may see whole, by name: her own HF, her region's or all.</summary>
    public static IReadOnlyList<Organisation> VisibleHfs(Actor actor, OrganisationDirectory organisations) =>
        organisations.All.Where(o => o.Kind is OrganisationKind.Hf or OrganisationKind.Ideell && AccessPolicy.MaySeeFiguresOf(actor, o.Code, organisations))
            .OrderBy(o => o.Name, ByName).ToList();

    /// <summary>
    /// The organisations whose figures the dashboard can show the actor, widest first: the nation (for a national
    /// analyst), the RHFs she may see, then her HFs, each kind by name. The first is where the dashboard opens.
    /// </summary>
    public static IReadOnlyList<DashboardScope> Scopes(Actor actor, OrganisationDirectory organisations)
    {
        var scopes = new List<DashboardScope>();
        if (AccessPolicy.MaySeeFiguresOf(actor, null, organisations))
        {
            scopes.Add(new DashboardScope(OrganisationLevel.Nation, null));
        }
        scopes.AddRange(organisations.All
            .Where(o => o.Kind == OrganisationKind.Rhf && AccessPolicy.MaySeeFiguresOf(actor, o.Code, organisations))
            .OrderBy(o => o.Name, ByName)
            .Select(o => new DashboardScope(OrganisationLevel.Rhf, o)));
        scopes.AddRange(VisibleHfs(actor, organisations).Select(o => new DashboardScope(OrganisationLevel.Hf, o)));
        return scopes;
    }

    /// <summary>The HFs compared under a scope: all the actor may see for the nation, an RHF's, an HF's neighbours in its region.</summary>
    public static IReadOnlyList<Organisation> HfsOf(DashboardScope scope, IReadOnlyList<Organisation> visibleHfs) => scope.Level switch
    {
        OrganisationLevel.Nation => visibleHfs,
        OrganisationLevel.Rhf => visibleHfs.Where(h => string.Equals(h.Parent, scope.Code, StringComparison.Ordinal)).ToList(),
        _ => visibleHfs.Where(h => string.Equals(h.Parent, scope.Organisation!.Parent, StringComparison.Ordinal)).ToList(),
    };

    /// <summary>The table of a scope in a period: every pathway with a completed pathway, then all pathways together.</summary>
    public static IReadOnlyList<DashboardTableRow> Table(DashboardSnapshot snapshot, DashboardScope scope, ReportingPeriod period)
    {
        var rows = new List<DashboardTableRow>();
        foreach (var pathway in snapshot.Pathways.Append(IndicatorFigure.AllPathways))
        {
            if (!snapshot.Covers(DashboardMeasure.Measured, pathway))
            {
                continue;
            }
            var figures = snapshot.Figures(pathway, scope.Level, scope.Code, period);
            if (figures.CompletedWithOrWithoutStandard > 0 || string.Equals(pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal))
            {
                rows.Add(new DashboardTableRow(pathway, figures.WithinStandard, figures.CompletedWithOrWithoutStandard, Share(figures),
                    figures.WithoutStandard, figures.Unverified > 0));
            }
        }
        return rows;
    }

    /// <summary>
    /// Month by month for the 12 months that end with the period's last month, or with today's month while the period
    /// is open: the share within the standard (null where none was completed), the counts behind it and the month as a
    /// period, so each count can open its episodes.
    /// </summary>
    public static IReadOnlyList<DashboardTrendMonth> Trend(DashboardSnapshot snapshot, DashboardScope scope, string pathway, ReportingPeriod period, LocalDate today)
    {
        var end = period.End < today ? period.End : today;
        var last = new YearMonth(end.Year, end.Month);
        var months = new List<DashboardTrendMonth>();
        for (var back = 11; back >= 0; back--)
        {
            var month = last.PlusMonths(-back);
            var figures = snapshot.Figures(pathway, scope.Level, scope.Code, month);
            months.Add(new DashboardTrendMonth(month, Parse(month.ToString("yyyy'-'MM", CultureInfo.InvariantCulture)),
                Share(figures), figures.WithinStandard, figures.CompletedWithOrWithoutStandard, figures.WithoutStandard));
        }
        return months;
    }

    /// <summary>
    /// The share within the standard of each HF given, in the period, for a pathway or <c>ALL</c>: highest share first
    /// (a comparison is read by value), HFs without a completed pathway last, ties by name.
    /// </summary>
    public static IReadOnlyList<DashboardComparison> Comparison(DashboardSnapshot snapshot, IReadOnlyList<Organisation> hfs, string pathway, ReportingPeriod period) =>
        hfs.Select(hf =>
            {
                var figures = snapshot.Figures(pathway, OrganisationLevel.Hf, hf.Code, period);
                return new DashboardComparison(hf, figures.WithinStandard, figures.CompletedWithOrWithoutStandard, Share(figures));
            })
            .OrderBy(c => c.Share is null)
            .ThenByDescending(c => c.Share)
            .ThenBy(c => c.Hf.Name, ByName)
            .ToList();

    /// <summary>
    /// The RHF and national totals the actor may see whole (<see cref="AccessPolicy.MaySeeFiguresOf"/>): a regional
    /// analyst her RHF, a national analyst every RHF and the nation; nobody else any. RHFs by name, the nation last.
    /// </summary>
    public static IReadOnlyList<DashboardTotal> Totals(DashboardSnapshot snapshot, Actor actor, OrganisationDirectory organisations, string pathway, ReportingPeriod period)
    {
        var totals = new List<DashboardTotal>();
        foreach (var rhf in organisations.All.Where(o => o.Kind == OrganisationKind.Rhf && AccessPolicy.MaySeeFiguresOf(actor, o.Code, organisations)).OrderBy(o => o.Name, ByName))
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
