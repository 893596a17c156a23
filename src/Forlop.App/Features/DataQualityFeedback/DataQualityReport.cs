using System.CommandLine;
using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Hosting;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Registry;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Forlop.Domain;

namespace Forlop.App.Features.DataQualityFeedback;

/// <summary>The report, or why the actor gets none.</summary>
public sealed record DataQualityOutcome(HfDataQuality? Report, string? Refusal);

/// <summary>
/// An HF's data-quality report read from the registry: its episodes' findings and last events, and the corrections and
/// withdrawals its organisations (the HF and its units) sent. <paramref name="clock"/> gives today in Europe/Oslo.
/// Every call names the <see cref="Actor"/> asking; figures of an HF the actor may not see (AccessPolicy) are refused.
/// </summary>
public sealed class DataQualityReport(RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, IClock clock)
{
    /// <summary>The report of <paramref name="hf"/>; with <paramref name="period"/>, only episodes started and corrections recorded in it.</summary>
    public async Task<DataQualityOutcome> ForHfAsync(Actor actor, string hf, ReportingPeriod? period, CancellationToken ct)
    {
        if (organisations.Find(hf) is not { Kind: OrganisationKind.Hf or OrganisationKind.Ideell })
        {
            return new DataQualityOutcome(null, $"'{hf}' is not an HF");
        }
        if (!AccessPolicy.MaySeeFiguresOf(actor, hf, organisations))
        {
            return new DataQualityOutcome(null, $"{actor.UserName} may not see the figures of {hf}");
        }
        var episodes = db.Episodes.AsNoTracking().Where(e => e.Hf == hf);
        if (period is not null)
        {
            var (from, to) = (period.Start.ToDateOnly(), period.End.ToDateOnly());
            episodes = episodes.Where(e => e.StartDate >= from && e.StartDate <= to);
        }
        var open = new[] { nameof(EpisodeState.AwaitingFirstAttendance), nameof(EpisodeState.UnderInvestigation), nameof(EpisodeState.AwaitingTreatment) }
            .Select(EnumNames.Of).ToList();
        var rows = await episodes
            .Where(e => e.Findings > 0 || open.Contains(e.State))
            .Select(e => new { e.Id, e.Pathway, e.Unit, e.State, e.StartDate, e.SeniorityDate, e.LastEventDate, e.Findings })
            .ToListAsync(ct);
        var activity = rows.Select(e => new EpisodeActivity(e.Id, e.Pathway, e.Unit, open.Contains(e.State),
            LocalDate.FromDateOnly(e.StartDate), LocalDate.FromDateOnly(e.SeniorityDate), LocalDate.FromDateOnly(e.LastEventDate), e.Findings));

        // The HF's own code and its units': corrections count where they were sent from.
        var senders = organisations.All.Where(o => string.Equals(organisations.HfOf(o.Code)?.Code, hf, StringComparison.Ordinal)).Select(o => o.Code.Value).ToList();
        var corrections = db.Events.AsNoTracking().Where(e => e.ReplacesId != null && senders.Contains(e.Organisation));
        if (period is not null)
        {
            var from = period.Start.AtStartOfDayInZone(RegistryStore.Oslo).ToDateTimeUtc();
            // The last period of the calendar has no day after it.
            var to = period.End == LocalDate.MaxIsoValue ? DateTime.MaxValue : period.End.PlusDays(1).AtStartOfDayInZone(RegistryStore.Oslo).ToDateTimeUtc();
            corrections = corrections.Where(e => e.RecordedAt >= from && e.RecordedAt < to);
        }
        var counts = await corrections.GroupBy(e => e.IsWithdrawal).Select(g => new { Withdrawal = g.Key, Count = g.Count() }).ToListAsync(ct);
        var today = clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;
        return new DataQualityOutcome(HfDataQuality.Compute(hf, activity,
            counts.Where(c => !c.Withdrawal).Sum(c => c.Count), counts.Where(c => c.Withdrawal).Sum(c => c.Count), catalogue, today), null);
    }

    /// <summary><c>forlop data-quality --hf HF [--period P]</c>; the command line runs with the rights of whoever can open the database.</summary>
    public static Command CreateCommand()
    {
        var hf = FigureOptions.RequiredOrganisation("--hf", "the HF's organisation code");
        var period = FigureOptions.OptionalPeriod("only episodes started, and corrections recorded, in " + FigureOptions.PeriodForms);
        var command = new Command("data-quality", "An HF's data quality: episodes missing points, open episodes without activity, corrections") { hf, period };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var errors = parse.InvocationConfiguration.Error;
            var reportingPeriod = parse.GetValue(period);
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var operatorActor = new Actor($"cli:{Environment.UserName}", Environment.UserName, Role.NationalAnalyst, "", []);
            var outcome = await new DataQualityReport(store.Db, store.Catalogue, store.Organisations, store.Clock)
                .ForHfAsync(operatorActor, parse.GetValue(hf).Value, reportingPeriod, ct);
            if (outcome.Report is not { } report)
            {
                await errors.WriteLineAsync(outcome.Refusal);
                return 1;
            }
            await output.WriteAsync(Render(report, store.Organisations.Find(report.Hf)?.Name, reportingPeriod));
            return 0;
        });
        return command;
    }

    public static string Render(HfDataQuality report, string? name, ReportingPeriod? period)
    {
        var text = new System.Text.StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Line($"Data quality of {report.Hf}{(name is null ? "" : $" ({name})")} on {Day(report.Today)}{(period is null ? "" : $", episodes started and corrections recorded in {period.Text}")}");
        Line($"episodes missing points: {report.MissingPoints.Count}");
        foreach (var e in report.MissingPoints)
        {
            Line($"  episode {e.EpisodeId} {e.Pathway} at {e.Unit}, started {Day(e.StartDate)}: {e.Findings} missing point(s)");
        }
        Line($"open episodes with no activity for longer than the pathway allows: {report.Inactive.Count}");
        foreach (var i in report.Inactive)
        {
            Line($"  episode {i.Episode.EpisodeId} {i.Episode.Pathway} at {i.Episode.Unit}, started {Day(i.Episode.StartDate)}: last event {Day(i.Episode.LastEventDate)}, {i.DaysWithoutActivity} days ago (the pathway allows {i.AllowedDays})");
        }
        if (report.OpenWithoutStandard > 0)
        {
            Line($"open episodes whose pathway has no standard time to judge inactivity by: {report.OpenWithoutStandard}");
        }
        Line($"corrections: {report.Corrections}, withdrawals: {report.Withdrawals}");
        return text.ToString();

        static string Day(LocalDate d) => IsoDate.Text(d);
    }
}
