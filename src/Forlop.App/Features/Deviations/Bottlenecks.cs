using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.Deviations;
using Forlop.Domain.Organisations;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Deviations;

/// <summary>
/// One interval of one pathway at an HF in a period: the reached intervals measured against a standard, how many went
/// over, and of those how many for the patient's own wish. <see cref="OfficialShare"/> counts as NPR does;
/// <see cref="ShareWithoutPatientsWish"/> is a second, local figure that leaves the patient-initiated delays out of
/// the denominator, shown beside the official one and never instead of it.
/// </summary>
public sealed record IntervalBreaches(string Pathway, string IntervalId, int Measured, int Within, int Over, int OverForPatientsWish,
    int OverWithoutReason, double? OfficialShare, double? ShareWithoutPatientsWish);

/// <summary>Breaches of one interval at one unit for one reason (<c>unexplained</c> when none was recorded).</summary>
public sealed record BreachCount(string Pathway, string IntervalId, string Unit, string Cause, string? Resource, int Count);

/// <summary>The bottleneck view of an HF and period: /dashbord/flaskehalser and GET /api/v1/bottlenecks.</summary>
public sealed record BottleneckFigures(string Period, string Hf, IReadOnlyList<IntervalBreaches> Intervals, IReadOnlyList<BreachCount> Breaches);

/// <summary>
/// Breaches by interval, unit and deviation reason: where an HF's pathways lose their days (the cancer plan's
/// bottlenecks). Counts reached intervals in the period their end point falls in, as the indicators do; figures only,
/// no patients, for those who may see the HF's figures.
/// </summary>
public static class Bottlenecks
{
    /// <summary>The cause a breach without a recorded reason is counted under.</summary>
    public const string Unexplained = "unexplained";

    public static async Task<Outcome<BottleneckFigures>> RunAsync(RegistryDb db, OrganisationDirectory organisations, Caller caller, string? period, string? hf, CancellationToken ct)
    {
        if (!ReportingPeriod.TryParse(period, out var reporting, out var error))
        {
            return new Outcome<BottleneckFigures>.Invalid(error);
        }
        if (hf is null || !string.Equals(organisations.HfOf(hf)?.Code, hf, StringComparison.Ordinal))
        {
            return new Outcome<BottleneckFigures>.Invalid($"'{hf}' is not a health trust (HF)");
        }
        if (!AccessPolicy.MaySeeFiguresOf(caller.Actor, hf, organisations))
        {
            return new Outcome<BottleneckFigures>.NotAllowed($"you may not see the figures of {hf}");
        }
        var (first, last) = (reporting.Start.ToDateOnly(), reporting.End.ToDateOnly());
        var within = EnumNames.Of(IntervalStatus.Within);
        var over = EnumNames.Of(IntervalStatus.Over);
        var rows = await (from i in db.EpisodeIntervals.AsNoTracking()
                          join e in db.Episodes on i.EpisodeId equals e.Id
                          join r0 in db.DeviationReasons on new { i.EpisodeId, i.IntervalId } equals new { r0.EpisodeId, r0.IntervalId } into reasons
                          from r in reasons.DefaultIfEmpty()
                          where e.Hf == hf && i.ToDate >= first && i.ToDate <= last && (i.Status == within || i.Status == over)
                          select new { e.Pathway, i.IntervalId, e.Unit, i.Status, Cause = r == null ? null : r.Cause, Resource = r == null ? null : r.Resource })
            .ToListAsync(ct);
        var patientsWish = EnumNames.Of(DeviationCause.PatientsWish);
        var intervals = rows.GroupBy(x => (x.Pathway, x.IntervalId))
            .Select(g =>
            {
                var w = g.Count(x => x.Status == within);
                var o = g.Count(x => x.Status == over);
                var wish = g.Count(x => x.Status == over && x.Cause == patientsWish);
                return new IntervalBreaches(g.Key.Pathway, g.Key.IntervalId, w + o, w, o, wish, g.Count(x => x.Status == over && x.Cause is null),
                    Share(w, w + o), Share(w, w + o - wish));
            })
            .OrderBy(x => x.Pathway, StringComparer.Ordinal).ThenBy(x => x.IntervalId, StringComparer.Ordinal)
            .ToList();
        var breaches = rows.Where(x => x.Status == over)
            .GroupBy(x => (x.Pathway, x.IntervalId, x.Unit, Cause: x.Cause ?? Unexplained, x.Resource))
            .Select(g => new BreachCount(g.Key.Pathway, g.Key.IntervalId, g.Key.Unit, g.Key.Cause, g.Key.Resource, g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Pathway, StringComparer.Ordinal).ThenBy(x => x.IntervalId, StringComparer.Ordinal)
            .ThenBy(x => x.Unit, StringComparer.Ordinal).ThenBy(x => x.Cause, StringComparer.Ordinal).ThenBy(x => x.Resource, StringComparer.Ordinal)
            .ToList();
        return new BottleneckFigures(reporting.Text, hf, intervals, breaches);
    }

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
