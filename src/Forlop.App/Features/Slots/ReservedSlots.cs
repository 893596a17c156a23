using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Organisations;
using Forlop.Domain.Slots;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Forlop.App.Features.Slots;

/// <summary>
/// A slot to publish: the unit (the caller's HF or one of its units; the HF when left out), the resource (ct, mr, pet,
/// endoscopy, outpatient-consultation), the local time it starts (YYYY-MM-DDTHH:MM, Europe/Oslo), its length in minutes
/// (30 when left out) and how many hours before it starts it is released to other patients (48 when left out).
/// </summary>
public sealed record SlotForm(string? Unit, string? Resource, string? StartsAt, int? Minutes = null, int? ReleaseHoursBefore = null);

/// <summary>A booking: the episode the slot is for.</summary>
public sealed record BookingForm(long EpisodeId);

/// <summary>The patient a slot is booked for, shown only to a caller whose scope holds the episode.</summary>
public sealed record SlotPatient(long EpisodeId, string NationalId, string? Name, string Pathway);

/// <summary>
/// A reserved slot: when, what, who published it, when it is (or was) released, its status now, and — when booked —
/// for whom (<see cref="Patient"/> is null when the booking is outside the caller's units).
/// </summary>
public sealed record SlotView(long Id, string Hf, string Unit, SlotResource Resource, DateTime StartsAt, string StartsAtLocal, int Minutes, DateTime ReleaseAt,
    SlotStatus Status, SlotPatient? Patient, string? BookedBy, DateTime? ReleasedAt);

/// <summary>A booked slot on a patient's timeline.</summary>
public sealed record BookedSlot(long Id, SlotResource Resource, string Unit, string StartsAtLocal, int Minutes, string BookedBy);

/// <summary>One resource in one ISO week: reserved, booked for pathway patients, released, used in time (SlotRules.Figures).</summary>
public sealed record SlotWeek(SlotResource Resource, int WeekYear, int Week, DateOnly Monday, int Reserved, int Booked, int Released, int UsedInTime);

/// <summary>The slots' figures of an HF per resource and ISO week, from the Monday of the first week to the Sunday of the last.</summary>
public sealed record SlotFigures(string Hf, DateOnly From, DateOnly To, IReadOnlyList<SlotWeek> Weeks);

/// <summary>
/// Reserved slots (issue 12, item 2; decision 0025): an HF's units publish slots kept for pathway patients, a
/// coordinator books one for an episode of her scope (a second booking of the same slot is refused with 409), and a
/// slot not booked by its release time goes to other patients (<see cref="SlotReleaser"/> writes that down; the status
/// follows from the time alone). Every booking is one change and one access-log entry for the patient; every booked
/// slot shown with its patient is one read.
/// </summary>
public sealed class ReservedSlots(RegistryDb db, OrganisationDirectory organisations, AccessLogWriter log, IClock clock)
{
    public const string NoSuchSlot = "there is no such slot, or it is outside your access";

    private static readonly LocalDateTimePattern LocalMinute = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    /// <summary>Who publishes slots and books them: coordinators and hospital systems of the HF (a clinical lead reads).</summary>
    private static bool MayChange(Actor actor) => actor.Role is Role.Coordinator or Role.HospitalSystem;

    public static string Local(DateTime utc) =>
        LocalMinute.Format(Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(RegistryStore.Oslo).LocalDateTime);

    /// <summary>The HF's slots starting from <paramref name="from"/> to <paramref name="to"/> (days, inclusive), by time; each patient shown is logged once.</summary>
    public async Task<IReadOnlyList<SlotView>> ListAsync(Caller caller, LocalDate from, LocalDate to, CancellationToken ct)
    {
        var hf = caller.Actor.Organisation;
        var start = Utc(from);
        var end = Utc(to.PlusDays(1));
        var rows = await db.ReservedSlots.AsNoTracking()
            .Where(s => s.Hf == hf && s.StartsAt >= start && s.StartsAt < end)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .ToListAsync(ct);
        var episodeIds = rows.Where(r => r.EpisodeId is not null).Select(r => r.EpisodeId!.Value).Distinct().ToList();
        var patients = (await (from e in db.Episodes.AsNoTracking()
                               join p in db.Patients on e.PatientId equals p.Id
                               where episodeIds.Contains(e.Id)
                               select new { e.Id, e.Hf, e.Unit, e.Pathway, p.NationalId, p.Name }).ToListAsync(ct))
            .Where(p => AccessPolicy.MayAccessPatientData(caller.Actor, p.Hf, p.Unit))
            .ToDictionary(p => p.Id, p => new SlotPatient(p.Id, p.NationalId, p.Name, p.Pathway));
        var now = clock.GetCurrentInstant();
        var views = rows.Select(r => View(r, r.EpisodeId is { } id ? patients.GetValueOrDefault(id) : null, now)).ToList();
        var shown = views.Where(v => v.Patient is not null).Select(v => v.Patient!).DistinctBy(p => p.EpisodeId).ToList();
        if (shown.Count > 0)
        {
            await log.AppendAsync(shown.Select(p => caller.Entry(now, p.NationalId, AccessKind.Read, $"slots: episode {p.EpisodeId}")).ToList(), ct);
        }
        return views;
    }

    /// <summary>Publishes a slot of a unit of the caller's HF (a caller limited to units: of those only).</summary>
    public async Task<Outcome<SlotView>> PublishAsync(Caller caller, SlotForm form, CancellationToken ct)
    {
        var hf = caller.Actor.Organisation;
        var unit = string.IsNullOrWhiteSpace(form.Unit) ? hf : form.Unit.Trim();
        if (!MayChange(caller.Actor))
        {
            return new Outcome<SlotView>.NotAllowed("your role may not publish reserved slots");
        }
        if (!AccessPolicy.MayRegisterFor(caller.Actor, unit, organisations))
        {
            return new Outcome<SlotView>.NotAllowed($"you may not publish slots for {unit}");
        }
        if (!EnumNames.TryParse<SlotResource>(form.Resource, out var resource))
        {
            return new Outcome<SlotView>.Invalid($"resource: '{form.Resource}' is not one of ct, mr, pet, endoscopy, outpatient-consultation");
        }
        if (form.StartsAt is null || !LocalMinute.Parse(form.StartsAt.Trim()).TryGetValue(default, out var local))
        {
            return new Outcome<SlotView>.Invalid($"startsAt: '{form.StartsAt}' is not a local time (YYYY-MM-DDTHH:MM)");
        }
        var minutes = form.Minutes ?? 30;
        if (minutes is < 5 or > 480)
        {
            return new Outcome<SlotView>.Invalid("minutes: from 5 to 480");
        }
        if (local.Year is < 1900 or >= 2200)
        {
            return new Outcome<SlotView>.Invalid($"startsAt: '{form.StartsAt}' is not a time a slot can have");
        }
        var startsAt = local.InZoneLeniently(RegistryStore.Oslo).ToInstant();
        var hours = form.ReleaseHoursBefore ?? SlotRules.DefaultReleaseHoursBefore;
        var now = clock.GetCurrentInstant();
        if (SlotRules.PublishRefusal(startsAt, hours, now) is { } refusal)
        {
            return new Outcome<SlotView>.Invalid(refusal.En);
        }
        var slot = new ReservedSlotEntity
        {
            Hf = hf, Unit = unit, Resource = EnumNames.Of(resource), StartsAt = startsAt.ToDateTimeUtc(), Minutes = minutes,
            ReleaseAt = SlotRules.ReleaseAt(startsAt, hours).ToDateTimeUtc(), PublishedBy = caller.Actor.UserName, PublishedAt = now.ToDateTimeUtc(),
        };
        await log.WriteGate.WaitAsync(ct);
        try
        {
            db.ReservedSlots.Add(slot);
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
            log.WriteGate.Release();
        }
        return View(slot, null, now);
    }

    /// <summary>
    /// Books a slot of the caller's HF for an episode of her scope. Refused: another scope's episode or slot (404, as a
    /// missing one), a role that does not book (403), a slot booked already or released (409). The booking and its
    /// access-log entry commit together; the slot is taken by one conditional update, so two coordinators booking the
    /// same slot at once get one booking and one 409.
    /// </summary>
    public async Task<Outcome<SlotView>> BookAsync(Caller caller, long slotId, BookingForm form, CancellationToken ct)
    {
        var hf = caller.Actor.Organisation;
        var slot = await db.ReservedSlots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == slotId && s.Hf == hf, ct);
        if (slot is null || !caller.Actor.SeesPersonData)
        {
            return new Outcome<SlotView>.NotFound(NoSuchSlot);
        }
        var episode = await (from e in db.Episodes.AsNoTracking()
                             join p in db.Patients on e.PatientId equals p.Id
                             where e.Id == form.EpisodeId
                             select new { e.Id, e.Hf, e.Unit, e.Pathway, e.NextDeadline, e.State, p.NationalId, p.Name }).SingleOrDefaultAsync(ct);
        if (episode is null || !AccessPolicy.MayAccessPatientData(caller.Actor, episode.Hf, episode.Unit))
        {
            return new Outcome<SlotView>.NotFound(Episodes.EpisodeApi.NoSuchEpisode);
        }
        if (!MayChange(caller.Actor))
        {
            return new Outcome<SlotView>.NotAllowed("your role may not book reserved slots");
        }
        var now = clock.GetCurrentInstant();
        var nowUtc = now.ToDateTimeUtc();
        await log.WriteGate.WaitAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Only an open slot is taken: not booked, not released, its release time not come.
            var taken = await db.ReservedSlots
                .Where(s => s.Id == slotId && s.EpisodeId == null && s.ReleasedAt == null && s.ReleaseAt > nowUtc)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.EpisodeId, episode.Id)
                    .SetProperty(s => s.DeadlineAtBooking, episode.NextDeadline)
                    .SetProperty(s => s.BookedBy, caller.Actor.UserName)
                    .SetProperty(s => s.BookedAt, nowUtc), ct);
            if (taken == 0)
            {
                return new Outcome<SlotView>.Conflict(slot.EpisodeId is not null
                    ? $"slot {slotId} is booked already"
                    : $"slot {slotId} was released to other patients at {Local(slot.ReleaseAt)}");
            }
            await AccessLogger.AppendAsync(db, caller.Entry(now, episode.NationalId, AccessKind.Change,
                $"booked slot {slotId} ({slot.Resource} {Local(slot.StartsAt)}) for episode {episode.Id}"), ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
            log.WriteGate.Release();
        }
        var booked = await db.ReservedSlots.AsNoTracking().SingleAsync(s => s.Id == slotId, ct);
        return View(booked, new SlotPatient(episode.Id, episode.NationalId, episode.Name, episode.Pathway), now);
    }

    /// <summary>The HF's figures per resource and ISO week of the weeks from <paramref name="from"/> to <paramref name="to"/>: no person data.</summary>
    public async Task<SlotFigures> FiguresAsync(Caller caller, LocalDate from, LocalDate to, CancellationToken ct)
    {
        var hf = caller.Actor.Organisation;
        var monday = from.PlusDays(1 - (int)from.DayOfWeek);
        var sunday = to.PlusDays(7 - (int)to.DayOfWeek);
        var start = Utc(monday);
        var end = Utc(sunday.PlusDays(1));
        var rows = await db.ReservedSlots.AsNoTracking()
            .Where(s => s.Hf == hf && s.StartsAt >= start && s.StartsAt < end)
            .Select(s => new { s.Resource, s.StartsAt, s.ReleaseAt, s.EpisodeId, s.DeadlineAtBooking })
            .ToListAsync(ct);
        var facts = rows.Select(r => new SlotFacts(Resource(r.Resource), Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.StartsAt, DateTimeKind.Utc)),
            Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.ReleaseAt, DateTimeKind.Utc)), r.EpisodeId is not null,
            r.DeadlineAtBooking is { } d ? LocalDate.FromDateOnly(d) : null));
        var weeks = SlotRules.Figures(facts, RegistryStore.Oslo, clock.GetCurrentInstant())
            .Select(w => new SlotWeek(w.Resource, w.WeekYear, w.Week, w.Monday.ToDateOnly(), w.Reserved, w.Booked, w.Released, w.UsedInTime)).ToList();
        return new SlotFigures(hf, monday.ToDateOnly(), sunday.ToDateOnly(), weeks);
    }

    /// <summary>The slots booked for an episode (the timeline shows them); the timeline's own read is the log entry.</summary>
    public static async Task<IReadOnlyList<BookedSlot>> OfEpisodeAsync(RegistryDb db, long episodeId, CancellationToken ct) =>
        (await db.ReservedSlots.AsNoTracking().Where(s => s.EpisodeId == episodeId).OrderBy(s => s.StartsAt).ToListAsync(ct))
            .Select(s => new BookedSlot(s.Id, Resource(s.Resource), s.Unit, Local(s.StartsAt), s.Minutes, s.BookedBy ?? "")).ToList();

    /// <summary>
    /// Writes down the release of every unbooked slot whose release time has come by <paramref name="now"/>, dated its
    /// release time (not the moment this ran), so a release caught up after a restart reads as it happened. Returns how many.
    /// </summary>
    public static async Task<int> ReleaseDueAsync(RegistryDb db, AccessLogWriter log, Instant now, CancellationToken ct)
    {
        var nowUtc = now.ToDateTimeUtc();
        await log.WriteGate.WaitAsync(ct);
        try
        {
            return await db.ReservedSlots
                .Where(s => s.EpisodeId == null && s.ReleasedAt == null && s.ReleaseAt <= nowUtc)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ReleasedAt, s => (DateTime?)s.ReleaseAt), ct);
        }
        finally
        {
            log.WriteGate.Release();
        }
    }

    /// <summary>The next release time after <paramref name="now"/> of a slot still open, if any: when the release service wakes next.</summary>
    public static async Task<Instant?> NextReleaseAsync(RegistryDb db, Instant now, CancellationToken ct)
    {
        var nowUtc = now.ToDateTimeUtc();
        var next = await db.ReservedSlots.AsNoTracking()
            .Where(s => s.EpisodeId == null && s.ReleasedAt == null && s.ReleaseAt > nowUtc)
            .OrderBy(s => s.ReleaseAt).Select(s => (DateTime?)s.ReleaseAt).FirstOrDefaultAsync(ct);
        return next is { } n ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(n, DateTimeKind.Utc)) : null;
    }

    private static SlotView View(ReservedSlotEntity s, SlotPatient? patient, Instant now) => new(
        s.Id, s.Hf, s.Unit, Resource(s.Resource), DateTime.SpecifyKind(s.StartsAt, DateTimeKind.Utc), Local(s.StartsAt), s.Minutes,
        DateTime.SpecifyKind(s.ReleaseAt, DateTimeKind.Utc),
        SlotRules.StatusAt(s.EpisodeId is not null, Instant.FromDateTimeUtc(DateTime.SpecifyKind(s.ReleaseAt, DateTimeKind.Utc)), now),
        patient, patient is null ? null : s.BookedBy, s.ReleasedAt is { } r ? DateTime.SpecifyKind(r, DateTimeKind.Utc) : null);

    private static SlotResource Resource(string stored) =>
        EnumNames.TryParse<SlotResource>(stored, out var resource) ? resource : throw new InvalidOperationException($"stored slot resource '{stored}'");

    private static DateTime Utc(LocalDate day) => day.AtStartOfDayInZone(RegistryStore.Oslo).ToDateTimeUtc();

    /// <summary>The longest period one request reads: a year and a few days.</summary>
    public const int LongestPeriodDays = 400;

    /// <summary>A day as the API takes it (YYYY-MM-DD) in the years slots can have (1900–2199), or the default.</summary>
    public static bool TryDay(string? text, LocalDate fallback, out LocalDate day)
    {
        day = fallback;
        if (text is null)
        {
            return true;
        }
        if (IsoDate.Parse(text) is { Year: >= 1900 and < 2200 } parsed)
        {
            day = parsed;
            return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="from"/>–<paramref name="to"/> is a period one request may read: in order, at most <see cref="LongestPeriodDays"/> days.</summary>
    public static bool IsPeriod(LocalDate from, LocalDate to) => from <= to && Period.Between(from, to, PeriodUnits.Days).Days <= LongestPeriodDays;

    public static string Text(LocalDate day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
