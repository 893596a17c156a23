using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.RecommendedActions;

/// <summary>
/// One recommended action of one pathway at an HF: of the episodes started in the period that it is recommended for,
/// how many have it done. <see cref="Verified"/> is false for an action whose source is unconfirmed or a placeholder.
/// </summary>
public sealed record ActionShare(string Pathway, string ActionId, LocalizedText Name, bool Verified, int Episodes, int Done, double? Share);

/// <summary>The share of recommended actions done per pathway at an HF: /dashbord/anbefalte-tiltak and GET /api/v1/recommended-actions.</summary>
public sealed record ActionFigures(string Period, string Hf, IReadOnlyList<ActionShare> Actions);

/// <summary>
/// How far an HF reaches the goals these actions serve (seed 002: better somatic health, user involvement): per pathway
/// and action, the episodes started in the period (a transfer's continuation is not a new one) and those with the
/// action done. Figures only, for those who may see the HF's figures.
/// </summary>
public static class RecommendedActionFigures
{
    public static async Task<Outcome<ActionFigures>> RunAsync(RegistryDb db, RecommendedActionCatalogue actions, OrganisationDirectory organisations, Caller caller,
        string? period, string? hf, CancellationToken ct)
    {
        if (!ReportingPeriod.TryParse(period, out var reporting, out var error))
        {
            return new Outcome<ActionFigures>.Invalid(error);
        }
        if (hf is null || !string.Equals(organisations.HfOf(hf)?.Code, hf, StringComparison.Ordinal))
        {
            return new Outcome<ActionFigures>.Invalid($"'{hf}' is not a health trust (HF)");
        }
        if (!AccessPolicy.MaySeeFiguresOf(caller.Actor, hf, organisations))
        {
            return new Outcome<ActionFigures>.NotAllowed($"you may not see the figures of {hf}");
        }
        var (first, last) = (reporting.Start.ToDateOnly(), reporting.End.ToDateOnly());
        var rows = await (from e in db.Episodes.AsNoTracking()
                          join a0 in db.EpisodeActions on e.Id equals a0.EpisodeId into done
                          from a in done.DefaultIfEmpty()
                          where e.Hf == hf && e.StartDate >= first && e.StartDate <= last && e.TransferredFromId == null
                          select new { e.Id, e.Pathway, e.StartDate, ActionId = a == null ? null : a.ActionId })
            .ToListAsync(ct);
        var episodes = rows.GroupBy(r => r.Id)
            .Select(g => (g.First().Pathway, Start: LocalDate.FromDateOnly(g.First().StartDate), Done: g.Where(x => x.ActionId is not null).Select(x => x.ActionId!).ToHashSet(StringComparer.Ordinal)))
            .ToList();
        var shares = episodes
            .SelectMany(e => actions.For(e.Pathway, e.Start).Select(a => (e.Pathway, Action: a, Done: e.Done.Contains(a.Id))))
            .GroupBy(x => (x.Pathway, x.Action.Id))
            .Select(g =>
            {
                var action = g.First().Action;
                var done = g.Count(x => x.Done);
                return new ActionShare(g.Key.Pathway, action.Id, action.Name, action.Provenance.Verified, g.Count(), done, (double)done / g.Count());
            })
            .OrderBy(x => x.Pathway, StringComparer.Ordinal)
            .ThenBy(x => actions.All.ToList().FindIndex(a => string.Equals(a.Id, x.ActionId, StringComparison.Ordinal)))
            .ToList();
        return new ActionFigures(reporting.Text, hf, shares);
    }
}
