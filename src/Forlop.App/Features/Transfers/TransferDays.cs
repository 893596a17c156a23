using System.ComponentModel;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using Forlop.Domain.Access;
using Forlop.Domain.Organisations;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Transfers;

/// <summary>
/// The reached intervals of one pathway's transferred journeys in a period, from one HF's side: <see cref="Direction"/>
/// <c>out</c> for journeys the HF started and sent on, <c>in</c> for those it received; the days it held them
/// (<see cref="DaysAtHf"/>) and the days the other HFs did (<see cref="DaysElsewhere"/>), and how many of those
/// intervals went over their standard.
/// </summary>
public sealed record TransferDayRow(string Direction, string Pathway, string IntervalId, int Intervals, int Over, int DaysAtHf, int DaysElsewhere);

/// <summary>"Days used by us on pathways transferred in and out": GET /api/v1/transfer-days and /dashbord/overforinger.</summary>
public sealed record TransferDayFigures(string Period, string Hf, int JourneysOut, int JourneysIn, IReadOnlyList<TransferDayRow> Rows);

/// <summary>
/// Breach attribution on transfers (issue 12, item 5; decision 0026): every reached interval of a journey that crossed
/// HFs, split into the days at the sending HF until the transfer and at the receiving HF after it
/// (<see cref="TransferAttribution"/>), summed per direction, pathway and interval for one HF, so it sees the days it
/// controls. Counts intervals in the period their end point falls in, as the indicators do. Figures only, no patients.
/// </summary>
public static class TransferDays
{
    public const string Out = "out", In = "in";

    public static async Task<Outcome<TransferDayFigures>> RunAsync(RegistryDb db, OrganisationDirectory organisations, Caller caller, string? period, string? hf, CancellationToken ct)
    {
        if (!ReportingPeriod.TryParse(period, out var reporting, out var error))
        {
            return new Outcome<TransferDayFigures>.Invalid(error);
        }
        if (hf is null || !string.Equals(organisations.HfOf(hf)?.Code, hf, StringComparison.Ordinal))
        {
            return new Outcome<TransferDayFigures>.Invalid($"'{hf}' is not a health trust (HF)");
        }
        if (!AccessPolicy.MaySeeFiguresOf(caller.Actor, hf, organisations))
        {
            return new Outcome<TransferDayFigures>.NotAllowed($"you may not see the figures of {hf}");
        }
        // The episodes of transferred journeys: the receiving ones name their sender; the senders ended with the transfer.
        var transferred = "transferred";
        var linked = await db.Episodes.AsNoTracking()
            .Where(e => e.TransferredFromId != null || e.State == transferred)
            .Select(e => new { e.Id, e.Hf, e.Pathway, e.TransferredFromId, e.EndDate })
            .ToListAsync(ct);
        var byId = linked.ToDictionary(e => e.Id);
        var next = linked.Where(e => e.TransferredFromId is not null).ToDictionary(e => e.TransferredFromId!.Value, e => e.Id);
        var journeys = new List<(List<long> Episodes, IReadOnlyList<JourneyStay> Stays, string Direction)>();
        foreach (var first in linked.Where(e => e.TransferredFromId is null || !byId.ContainsKey(e.TransferredFromId.Value)))
        {
            var chain = new List<long> { first.Id };
            while (next.TryGetValue(chain[^1], out var following) && !chain.Contains(following))
            {
                chain.Add(following);
            }
            if (chain.Count < 2)
            {
                continue; // A transfer without a receiving start (yet): one HF held every day.
            }
            var stays = chain.Select((id, i) => new JourneyStay(byId[id].Hf, i < chain.Count - 1 ? LocalDate.FromDateOnly(byId[id].EndDate ?? DateOnly.MaxValue) : null)).ToList();
            var position = stays.FindIndex(s => string.Equals(s.Hf, hf, StringComparison.Ordinal));
            if (position >= 0)
            {
                journeys.Add((chain, stays, position == 0 ? Out : In));
            }
        }
        var episodeIds = journeys.SelectMany(j => j.Episodes).ToList();
        var (first0, last) = (reporting.Start.ToDateOnly(), reporting.End.ToDateOnly());
        var intervals = episodeIds.Count == 0 ? []
            : await db.EpisodeIntervals.AsNoTracking()
                .Where(i => episodeIds.Contains(i.EpisodeId) && i.ToDate >= first0 && i.ToDate <= last)
                .Select(i => new { i.EpisodeId, i.IntervalId, i.FromDate, i.ToDate, i.Status })
                .ToListAsync(ct);
        var journeyOf = journeys.SelectMany(j => j.Episodes.Select(id => (id, j))).ToDictionary(x => x.id, x => x.j);
        var over = Forlop.Domain.EnumNames.Of(IntervalStatus.Over);
        var rows = intervals
            .Select(i =>
            {
                var journey = journeyOf[i.EpisodeId];
                var days = TransferAttribution.Split(journey.Stays, LocalDate.FromDateOnly(i.FromDate), LocalDate.FromDateOnly(i.ToDate));
                var atHf = days.Where(d => string.Equals(d.Hf, hf, StringComparison.Ordinal)).Sum(d => d.Days);
                return (journey.Direction, byId[i.EpisodeId].Pathway, i.IntervalId, Over: i.Status == over, AtHf: atHf, Elsewhere: days.Sum(d => d.Days) - atHf);
            })
            .GroupBy(x => (x.Direction, x.Pathway, x.IntervalId))
            .Select(g => new TransferDayRow(g.Key.Direction, g.Key.Pathway, g.Key.IntervalId, g.Count(), g.Count(x => x.Over), g.Sum(x => x.AtHf), g.Sum(x => x.Elsewhere)))
            .OrderBy(r => r.Direction == Out ? 0 : 1).ThenBy(r => r.Pathway, StringComparer.Ordinal).ThenBy(r => r.IntervalId, StringComparer.Ordinal)
            .ToList();
        var counted = intervals.Select(i => journeyOf[i.EpisodeId]).Distinct().ToList();
        return new TransferDayFigures(reporting.Text, hf, counted.Count(j => j.Direction == Out), counted.Count(j => j.Direction == In), rows);
    }
}

/// <summary>The figure per HF of days on transferred pathways. Sample calls: transfers.http.</summary>
public static class TransferDaysApi
{
    public static void MapTransferDaysApi(this WebApplication app) =>
        app.MapGroup("/api/v1")
            .RequireAuthorization(AccountsSetup.FiguresPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .MapGet("/transfer-days", async (HttpContext context, RegistryDb db, OrganisationDirectory organisations, CancellationToken ct,
                [Description("A year, tertial, quarter or month: 2026, 2026-T3, 2026-Q4, 2026-09")] string? period,
                [Description("The HF (health trust) code, e.g. OUS")] string? hf) =>
            {
                var outcome = await TransferDays.RunAsync(db, organisations, Caller.Of(context)!, period, hf, ct);
                return outcome is Outcome<TransferDayFigures>.Ready ready ? Results.Ok(ready.Value) : outcome.Problem();
            })
            .WithName("GetTransferDays")
            .WithSummary("Days used by an HF and by the other HFs on the intervals of pathways it transferred out (direction out) and received (in) in a period, per pathway and interval: each interval's days at the sending HF until the transfer, at the receiving HF after")
            .Produces<TransferDayFigures>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
