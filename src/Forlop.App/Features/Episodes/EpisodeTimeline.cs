using Forlop.Domain;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Deviations;
using Forlop.App.Features.RecommendedActions;
using Forlop.App.Features.Patients;
using Forlop.App.Features.Predictions;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Episodes;

/// <summary>A measurement point of the episode in its current version.</summary>
public sealed record TimelinePoint(long EventId, long RootId, string RecordId, string Organisation, string Code, EventKind Kind, string Name, DateOnly Date, TimeOnly? Time, string? Outcome, bool WasCorrected);

/// <summary>
/// An interval against its standard: <see cref="Used"/> of <see cref="Allowed"/> (days, or minutes for stroke), and the
/// deviation reason recorded when it is over its standard.
/// </summary>
/// <remarks>
/// <see cref="DaysByHf"/>: on a transferred journey, the interval's days per HF (at the sending HF until the transfer, at
/// the receiving one after; a running interval up to today), decision 0026; null when the journey has one HF.
/// </remarks>
public sealed record TimelineInterval(string Id, string Name, DateOnly From, DateOnly? To, long Used, int? Allowed, TimeUnit Unit, IntervalStatus Status, DateOnly? Deadline,
    DeviationReasonView? Reason = null, IReadOnlyList<HfDays>? DaysByHf = null);

/// <summary>One stored row behind the episode, as sent: current, corrected, withdrawn, or a withdrawal.</summary>
public sealed record HistoryRow(long Id, long RootId, string RecordId, string Organisation, string? Code, DateOnly? Date, TimeOnly? Time, string? Outcome,
    long? ReplacesId, bool IsWithdrawal, DateTime RecordedAt, string RecordedBy, string Status);

public sealed record TransferLink(long EpisodeId, string Hf, string HfName, DateOnly StartDate);

public sealed record FindingView(string Kind, string Message, string Norwegian);

public sealed record EpisodeTimeline(
    long EpisodeId,
    long PatientId,
    string NationalId,
    string? Name,
    string Pathway,
    string PathwayName,
    string Hf,
    string HfName,
    string Unit,
    string State,
    bool IsOpen,
    DateOnly StartDate,
    DateOnly SeniorityDate,
    IReadOnlyList<TimelinePoint> Points,
    IReadOnlyList<TimelineInterval> Intervals,
    TimelineInterval? NextDeadline,
    int? DaysLeft,
    DeadlineStatus NextStatus,
    IReadOnlyList<HistoryRow> History,
    IReadOnlyList<FindingView> Findings,
    TransferLink? TransferredFrom,
    TransferLink? TransferredTo,
    string? Coordinator,
    string Version,
    DateOnly Today,
    IReadOnlyList<EpisodeActionView>? RecommendedActions = null,
    BreachForecast? Forecast = null)
{
    /// <summary>What an assignment of another coordinator sends back in If-Match (AssignCoordinator).</summary>
    public string CoordinatorVersion => AssignCoordinator.VersionOf(Coordinator);

    /// <summary>The decisions MDT meetings recorded for the episode, each with its meeting (decision 0025).</summary>
    public IReadOnlyList<Mdt.MdtDecision> MdtDecisions { get; init; } = [];

    /// <summary>The reserved slots booked for the episode (decision 0025).</summary>
    public IReadOnlyList<Slots.BookedSlot> BookedSlots { get; init; } = [];
}

/// <summary>One episode as a coordinator follows it, built from the patient's rows by the same linker as the import.</summary>
public static class EpisodeTimelineQuery
{
    /// <summary>
    /// The timeline; null when there is no such episode or it belongs to another scope: an id of another HF's episode
    /// answers exactly as a missing one, so ids reveal nothing about other HFs (ASVS 4.0 V4.2.1, issue 16).
    /// </summary>
    public static Task<EpisodeTimeline?> RunAsync(RegistryDb db, EpisodeLinker linker, OrganisationDirectory organisations, AccessLogWriter log, Caller caller, long episodeId, IClock clock, CancellationToken ct) =>
        RunAsync(db, linker, organisations, RecommendedActionCatalogue.Empty, log, caller, episodeId, clock, ct);

    /// <summary>The timeline with the recommended actions of the episode's pathway and version, each with the day it was done.</summary>
    public static Task<EpisodeTimeline?> RunAsync(RegistryDb db, EpisodeLinker linker, OrganisationDirectory organisations, RecommendedActionCatalogue actions,
        AccessLogWriter log, Caller caller, long episodeId, IClock clock, CancellationToken ct) =>
        RunAsync(db, linker, organisations, actions, null, log, caller, episodeId, clock, ct);

    /// <summary>The timeline with the recommended actions and, when a breach history is given, the next deadline's forecast (decision 0026).</summary>
    public static async Task<EpisodeTimeline?> RunAsync(RegistryDb db, EpisodeLinker linker, OrganisationDirectory organisations, RecommendedActionCatalogue actions,
        BreachHistory? predictions, AccessLogWriter log, Caller caller, long episodeId, IClock clock, CancellationToken ct)
    {
        var stored = await db.Episodes.AsNoTracking().Where(e => e.Id == episodeId)
            .Select(e => new { e.PatientId, e.Hf, e.Unit }).SingleOrDefaultAsync(ct);
        if (stored is null)
        {
            return null;
        }
        if (!AccessPolicy.MayAccessPatientData(caller.Actor, stored.Hf, stored.Unit))
        {
            return null;
        }
        var loaded = await PatientRecords.LoadAsync(db, linker, stored.PatientId, ct);
        var episode = loaded?.Record.Episodes.FirstOrDefault(e => e.Id == episodeId);
        if (loaded is null || episode is null)
        {
            return null;
        }
        var now = clock.GetCurrentInstant();
        var today = now.InZone(RegistryStore.Oslo).Date;
        var coordinator = await db.EpisodeAssignments.AsNoTracking().Where(a => a.EpisodeId == episodeId).Select(a => a.Coordinator).SingleOrDefaultAsync(ct);
        var reasons = await RecordDeviationReason.OfEpisodeAsync(db, episodeId, ct);
        var recommended = await RecordRecommendedAction.OfEpisodeAsync(db, actions, episodeId, episode.Pathway.Code, episode.StartDate, ct);
        var history = predictions is null || !episode.IsOpen ? null : await predictions.CurrentAsync(db, ct);
        await log.AppendAsync(caller.Entry(now, loaded.Patient.NationalId, AccessKind.Read, $"timeline: episode {episodeId}"), ct);
        var decisions = await Mdt.MdtMeetings.DecisionsOfAsync(db, episodeId, ct);
        var slots = await Slots.ReservedSlots.OfEpisodeAsync(db, episodeId, ct);
        var timeline = Build(loaded, episode, organisations, today, coordinator, reasons) with
        {
            RecommendedActions = recommended, MdtDecisions = decisions, BookedSlots = slots,
        };
        var forecast = history is not null && timeline.NextDeadline is { Deadline: { } deadline } next && episode.Pathway.Unit == TimeUnit.Days
            ? BreachForecasts.For(history, episode.Pathway.Code, episode.Hf, next.Id, LocalDate.FromDateOnly(next.From), LocalDate.FromDateOnly(deadline), today)
            : null;
        return timeline with { Forecast = forecast };
    }

    public static EpisodeTimeline Build(LoadedPatient loaded, Episode episode, OrganisationDirectory organisations, LocalDate today, string? coordinator,
        IReadOnlyDictionary<string, DeviationReasonView>? reasons = null)
    {
        var times = PathwayTimeEngine.Measure(episode, today);
        var unit = episode.Pathway.Unit;
        var corrected = loaded.Record.Rows.Where(r => r.ReplacesId is not null).Select(r => r.RootId).ToHashSet();
        var points = episode.Events.Select(e => new TimelinePoint(e.Event.Id, e.Event.RootId, e.Event.RecordId, e.Event.Organisation, e.Code,
            e.Kind, e.Definition.Name.Nb, e.Date.ToDateOnly(), e.Event.Time?.ToTimeOnly(), e.Event.Outcome,
            corrected.Contains(e.Event.RootId))).ToList();
        var stays = unit == TimeUnit.Days ? TransferAttribution.StaysOf(episode) : [];
        TimelineInterval View(IntervalMeasure m) => ToView(m, unit) with
        {
            Reason = reasons?.GetValueOrDefault(m.Definition.Id),
            DaysByHf = stays.Count > 1 ? TransferAttribution.Split(stays, m.FromDate, m.ToEvent?.Date ?? (today > m.FromDate ? today : m.FromDate)) : null,
        };
        var intervals = times.Intervals.Select(View).ToList();
        var next = times.NextDeadline is { } n ? View(n) : null;
        var nextDeadline = times.NextDeadline?.Deadline;
        return new EpisodeTimeline(
            episode.Id,
            loaded.Patient.Id,
            loaded.Patient.NationalId,
            loaded.Patient.Name,
            episode.Pathway.Code,
            episode.Pathway.Name.Nb,
            episode.Hf,
            organisations.Find(episode.Hf)?.Name ?? episode.Hf,
            episode.Start.Event.Organisation,
            EnumNames.Of(episode.State),
            episode.IsOpen,
            episode.StartDate.ToDateOnly(),
            episode.SeniorityDate.ToDateOnly(),
            points,
            intervals,
            next,
            nextDeadline is { } d ? Deadlines.DaysLeft(d, today) : null,
            episode.IsOpen ? Deadlines.StatusOf(nextDeadline, today) : DeadlineStatus.NoDeadline,
            History(loaded, episode, organisations),
            DataQuality.Findings(episode).Select(f => new FindingView(f.Kind, f.Message, f.Description.Nb)).ToList(),
            episode.TransferredFrom is { } from ? Link(from, organisations) : null,
            episode.TransferredTo is { } to ? Link(to, organisations) : null,
            coordinator,
            loaded.Version,
            today.ToDateOnly());
    }

    private static TimelineInterval ToView(IntervalMeasure m, TimeUnit unit) => new(
        m.Definition.Id, m.Definition.Name.Nb, m.FromDate.ToDateOnly(), m.ToEvent?.Date.ToDateOnly(), m.Length, m.Standard?.Limit, unit,
        m.Status, m.Deadline?.ToDateOnly());

    private static TransferLink Link(Episode e, OrganisationDirectory organisations) =>
        new(e.Id, e.Hf, organisations.Find(e.Hf)?.Name ?? e.Hf, e.StartDate.ToDateOnly());

    /// <summary>Every row of the correction chains that belong to this episode: its own, and withdrawn ones of its pathway, HF and dates.</summary>
    private static List<HistoryRow> History(LoadedPatient loaded, Episode episode, OrganisationDirectory organisations)
    {
        var roots = episode.Events.Select(e => e.Event.RootId).ToHashSet();
        var codes = episode.Pathway.Events.Select(e => e.Code.Value).ToHashSet(StringComparer.Ordinal);
        var end = episode.Ending?.Date ?? episode.ClosedBy?.Date;
        foreach (var root in loaded.Events.Where(e => e.Id == e.RootId && !roots.Contains(e.Id)))
        {
            // A withdrawn chain no longer sits in any episode: it belongs here if it was sent for this pathway, HF and period.
            if (root.Code is { } code && codes.Contains(code)
                && string.Equals(organisations.HfOf(root.Organisation)?.Code, episode.Hf, StringComparison.Ordinal)
                && root.Date is { } date && LocalDate.FromDateOnly(date) >= episode.StartDate && (end is null || LocalDate.FromDateOnly(date) <= end))
            {
                roots.Add(root.Id);
            }
        }
        var replaced = loaded.Events.Where(e => e.ReplacesId is not null).ToDictionary(e => e.ReplacesId!.Value);
        return loaded.Events.Where(e => roots.Contains(e.RootId)).OrderBy(e => e.RootId).ThenBy(e => e.Id)
            .Select(e => new HistoryRow(e.Id, e.RootId, e.RecordId, e.Organisation, e.Code, e.Date, e.Time, e.Outcome, e.ReplacesId, e.IsWithdrawal,
                e.RecordedAt, e.RecordedBy,
                e.IsWithdrawal ? "withdrawal"
                : replaced.TryGetValue(e.Id, out var next) ? (next.IsWithdrawal ? "withdrawn" : "corrected")
                : "current"))
            .ToList();
    }
}
