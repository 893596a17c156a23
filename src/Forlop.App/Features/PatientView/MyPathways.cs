using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.ContactPoints;
using Forlop.App.Features.Patients;
using Forlop.App.Features.Predictions;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Patients;
using Forlop.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.PatientView;

/// <summary>Something that has happened in a pathway: a measurement point by its name in bokmål and English, and its day.</summary>
public sealed record MyPoint(string Name, string NameEn, DateOnly Date);

/// <summary>
/// What comes next and by when: the next point (<see cref="Step"/>: first-attendance, decision, treatment, evaluation
/// or a point code), its deadline by the pathway's standard, and, when the prediction has enough comparable pathways,
/// the days it usually comes between (the 80 % range of decision 0026's forecast).
/// </summary>
public sealed record MyNextStep(string Step, string Name, string NameEn, DateOnly? Deadline, DateOnly? ExpectedFrom, DateOnly? ExpectedTo);

/// <summary>
/// The pathway coordinators' office of the pathway's HF for its family, as the HF entered it in the contact-point
/// directory (/kontaktpunkter): who answers, phone, e-mail, opening hours and visiting address. <see cref="Placeholder"/>
/// is true for an entry without a source (demo data).
/// </summary>
public sealed record MyOffice(string Name, string? Phone, string? Email, string? Hours, string? Address, bool Placeholder);

/// <summary>
/// The coordinator who follows the pathway, the hospital to call to reach her, and that hospital's coordinators' office
/// for the pathway's family (<see cref="Office"/>: null where the HF has entered none, so nothing is made up).
/// </summary>
public sealed record MyCoordinator(string? Name, string Hf, string HfName, MyOffice? Office);

public sealed record MyPathway(long EpisodeId, string Pathway, string PathwayName, string PathwayNameEn, string Hf, string HfName, bool IsOpen,
    DateOnly StartDate, DateOnly? EndDate, IReadOnlyList<MyPoint> Happened, MyNextStep? Next, MyCoordinator Coordinator);

/// <summary>A person's pathways as she sees them: her own, or a patient's who gave her consent as a relative.</summary>
public sealed record MyPathways(string? PatientName, bool AsRelative, IReadOnlyList<MyPathway> Pathways);

/// <summary>One read or change of the patient's data, from the access log, for the patient (Normen: the patient's right to know who).</summary>
public sealed record MyAccess(DateTime At, string Who, string Role, string Organisation, string OrganisationName, string Kind, string What, bool ByMe);

/// <summary>A consent the patient gave a relative.</summary>
public sealed record MyConsent(long Id, string RelativeNationalId, string RelativeName, DateTime GivenAt, DateTime? RevokedAt);

/// <summary>A patient who gave the signed-in person consent as her relative: the consent's id opens the patient's pathways.</summary>
public sealed record SharedWithMe(long ConsentId, string PatientName, DateTime GivenAt);

public sealed record ConsentForm(string? RelativeNationalId, string? RelativeName);

/// <summary>
/// The patient's own view (decision 0029): her pathways, what comes next, her coordinator, who read her data, and the
/// consents she gives relatives. A person sees only herself, or a patient who consented; every read is logged.
/// </summary>
public sealed class MyPathwaysQuery(RegistryDb db, EpisodeLinker linker, OrganisationDirectory organisations, BreachHistory predictions, ContactPointDirectory directory,
    AccessLogWriter log, IClock clock)
{
    public const string OwnViewPurpose = "patient's own view";
    public const string OwnAccessLogPurpose = "patient's own access log";
    public const string OwnConsentsPurpose = "patient's consents";

    /// <summary>The signed-in person's own pathways (none when she is in no pathway); one access-log entry when she is a patient.</summary>
    public async Task<MyPathways> OwnAsync(Citizen citizen, CancellationToken ct) =>
        await PathwaysOfAsync(citizen, citizen.NationalId, OwnViewPurpose, asRelative: false, ct);

    /// <summary>A patient's pathways for a relative: only through a consent given to her and not revoked; otherwise not found.</summary>
    public async Task<Outcome<MyPathways>> OfPatientAsync(Citizen relative, long consentId, CancellationToken ct)
    {
        var consent = await ActiveConsentAsync(relative, consentId, ct);
        if (consent is null)
        {
            return new Outcome<MyPathways>.NotFound("no consent of this number is given to you");
        }
        return await PathwaysOfAsync(relative, consent.PatientNationalId, $"relative's view: consent {consentId}", asRelative: true, ct);
    }

    private Task<RelativeConsentEntity?> ActiveConsentAsync(Citizen relative, long consentId, CancellationToken ct) =>
        db.RelativeConsents.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == consentId && c.RelativeNationalId == relative.NationalId && c.RevokedAt == null, ct);

    private async Task<MyPathways> PathwaysOfAsync(Citizen reader, string nationalId, string purpose, bool asRelative, CancellationToken ct)
    {
        var loaded = await PatientRecords.LoadByNationalIdAsync(db, linker, nationalId, ct);
        if (loaded is null)
        {
            return new MyPathways(null, asRelative, []);
        }
        var now = clock.GetCurrentInstant();
        var today = now.InZone(RegistryStore.Oslo).Date;
        var episodes = loaded.Record.Episodes.OrderByDescending(e => e.IsOpen).ThenByDescending(e => e.StartDate).ToList();
        var ids = episodes.Select(e => e.Id).ToList();
        var coordinators = await (from a in db.EpisodeAssignments.AsNoTracking()
                                  join u in db.Users.AsNoTracking() on a.Coordinator equals u.UserName into users
                                  from u in users.DefaultIfEmpty()
                                  where ids.Contains(a.EpisodeId)
                                  select new { a.EpisodeId, Name = u == null ? a.Coordinator : u.DisplayName }).ToDictionaryAsync(a => a.EpisodeId, a => a.Name, ct);
        var history = episodes.Any(e => e.IsOpen) ? await predictions.CurrentAsync(db, ct) : null;
        var offices = await directory.OfficesOfAsync(episodes.Select(e => e.Hf).ToList(), ct);
        await log.AppendAsync(reader.Entry(now, nationalId, AccessKind.Read, purpose), ct);
        var pathways = episodes.Select(e => View(e, today, history, coordinators.GetValueOrDefault(e.Id),
            offices.GetValueOrDefault((e.Hf, EnumNames.Of(e.Pathway.Family))))).ToList();
        return new MyPathways(loaded.Patient.Name, asRelative, pathways);
    }

    private MyPathway View(Episode episode, LocalDate today, BreachHistorySnapshot? history, string? coordinator, ContactPointEntity? office)
    {
        var happened = episode.Events.Select(e => new MyPoint(e.Definition.Name.Nb, e.Definition.Name.En, e.Date.ToDateOnly())).ToList();
        MyNextStep? next = null;
        if (episode.IsOpen && PathwayTimeEngine.Measure(episode, today).NextDeadline is { } running)
        {
            var forecast = history is not null && running.Deadline is { } deadline && episode.Pathway.Unit == TimeUnit.Days
                ? BreachForecasts.For(history, episode.Pathway.Code, episode.Hf, running.Definition.Id, running.FromDate, deadline, today)
                : null;
            var to = running.Definition.To;
            var point = episode.Pathway.Events.FirstOrDefault(d => string.Equals(EnumNames.Of(d.Kind), to, StringComparison.Ordinal)
                                                                   || string.Equals(d.Code.Value, to, StringComparison.Ordinal));
            next = new MyNextStep(to, point?.Name.Nb ?? running.Definition.Name.Nb, point?.Name.En ?? running.Definition.Name.En,
                running.Deadline?.ToDateOnly(), forecast?.Earliest, forecast?.Latest);
        }
        var ended = episode.Ending?.Date ?? episode.ClosedBy?.Date;
        var hfName = organisations.Find(episode.Hf)?.Name ?? episode.Hf;
        return new MyPathway(episode.Id, episode.Pathway.Code, episode.Pathway.Name.Nb, episode.Pathway.Name.En, episode.Hf, hfName, episode.IsOpen,
            episode.StartDate.ToDateOnly(), ended?.ToDateOnly(), happened, next, new MyCoordinator(coordinator, episode.Hf, hfName,
                office is null ? null : new MyOffice(office.Name, office.Phone, office.Email, office.Hours, office.Address, office.Placeholder)));
    }

    /// <summary>Who has read or changed the person's data, newest first (at most <paramref name="limit"/>); this reading is logged too.</summary>
    public async Task<IReadOnlyList<MyAccess>> AccessLogAsync(Citizen citizen, CancellationToken ct, int limit = 200)
    {
        var rows = await (await AccessLogPatients.EntriesOfAsync(db, citizen.NationalId, ct))
            .OrderByDescending(e => e.Sequence).Take(limit).ToListAsync(ct);
        var userNames = rows.Select(r => r.User).Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Users.AsNoTracking().Where(u => userNames.Contains(u.UserName)).ToDictionaryAsync(u => u.UserName, u => u.DisplayName, ct);
        var relatives = (await db.RelativeConsents.AsNoTracking().Where(c => c.PatientNationalId == citizen.NationalId).ToListAsync(ct))
            .GroupBy(c => "innbygger:" + c.RelativeNationalId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().RelativeName, StringComparer.Ordinal);
        await log.AppendAsync(citizen.Entry(clock.GetCurrentInstant(), citizen.NationalId, AccessKind.Read, OwnAccessLogPurpose), ct);
        return rows.Select(r => new MyAccess(DateTime.SpecifyKind(r.At, DateTimeKind.Utc),
                string.Equals(r.User, citizen.LogUser, StringComparison.Ordinal) ? citizen.Name
                : names.GetValueOrDefault(r.User) ?? relatives.GetValueOrDefault(r.User) ?? r.User,
                r.Role, r.Organisation, organisations.Find(r.Organisation)?.Name ?? r.Organisation, r.Kind, r.What,
                string.Equals(r.User, citizen.LogUser, StringComparison.Ordinal)))
            .ToList();
    }

    /// <summary>The consents the patient gave (with her relatives' identity numbers): logged as a read of her data.</summary>
    public async Task<IReadOnlyList<MyConsent>> ConsentsAsync(Citizen patient, CancellationToken ct)
    {
        var consents = await db.RelativeConsents.AsNoTracking().Where(c => c.PatientNationalId == patient.NationalId).OrderBy(c => c.Id).ToListAsync(ct);
        await log.AppendAsync(patient.Entry(clock.GetCurrentInstant(), patient.NationalId, AccessKind.Read, OwnConsentsPurpose), ct);
        return consents.Select(ToView).ToList();
    }

    /// <summary>The patients who gave the person consent as their relative (their names are logged as read, one entry each).</summary>
    public async Task<IReadOnlyList<SharedWithMe>> SharedWithMeAsync(Citizen relative, CancellationToken ct)
    {
        var consents = await (from c in db.RelativeConsents.AsNoTracking()
                              where c.RelativeNationalId == relative.NationalId && c.RevokedAt == null
                              join p in db.Patients.AsNoTracking() on c.PatientNationalId equals p.NationalId into patients
                              from p in patients.DefaultIfEmpty()
                              orderby c.Id
                              select new { c.Id, c.PatientNationalId, Name = p == null ? null : p.Name, c.GivenAt }).ToListAsync(ct);
        var now = clock.GetCurrentInstant();
        await log.AppendAsync(consents.Select(c => relative.Entry(now, c.PatientNationalId, AccessKind.Read, $"relative's list: consent {c.Id}")).ToList(), ct);
        return consents.Select(c => new SharedWithMe(c.Id, c.Name ?? "", DateTime.SpecifyKind(c.GivenAt, DateTimeKind.Utc))).ToList();
    }

    /// <summary>The patient gives a named relative (by identity number) the right to see her pathways; logged as a change of her data.</summary>
    public async Task<Outcome<MyConsent>> GiveConsentAsync(Citizen patient, ConsentForm form, CancellationToken ct)
    {
        if (!NationalIdentityNumber.TryParse(form.RelativeNationalId?.Trim(), out var relative, out var error))
        {
            return new Outcome<MyConsent>.Invalid($"the relative's identity number {error}");
        }
        if (string.Equals(relative.Value, patient.NationalId, StringComparison.Ordinal))
        {
            return new Outcome<MyConsent>.Invalid("a consent is given to someone else");
        }
        var name = form.RelativeName?.Trim() ?? "";
        if (name.Length is 0 or > 128)
        {
            return new Outcome<MyConsent>.Invalid("the relative's name is required (at most 128 characters)");
        }
        await log.WriteGate.WaitAsync(ct);
        try
        {
            if (await db.RelativeConsents.AnyAsync(c => c.PatientNationalId == patient.NationalId && c.RelativeNationalId == relative.Value && c.RevokedAt == null, ct))
            {
                return new Outcome<MyConsent>.Conflict("this relative has your consent already");
            }
            var now = clock.GetCurrentInstant();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var consent = new RelativeConsentEntity { PatientNationalId = patient.NationalId, RelativeNationalId = relative.Value, RelativeName = name, GivenAt = now.ToDateTimeUtc() };
            db.RelativeConsents.Add(consent);
            await db.SaveChangesAsync(ct);
            await AccessLogger.AppendAsync(db, patient.Entry(now, patient.NationalId, AccessKind.Change, $"consent {consent.Id} given to a relative"), ct);
            await transaction.CommitAsync(ct);
            return ToView(consent);
        }
        finally
        {
            log.WriteGate.Release();
        }
    }

    /// <summary>The patient ends a consent she gave; the relative's next request is refused.</summary>
    public async Task<Outcome<MyConsent>> RevokeConsentAsync(Citizen patient, long consentId, CancellationToken ct)
    {
        await log.WriteGate.WaitAsync(ct);
        try
        {
            var consent = await db.RelativeConsents.SingleOrDefaultAsync(c => c.Id == consentId && c.PatientNationalId == patient.NationalId, ct);
            if (consent is null)
            {
                return new Outcome<MyConsent>.NotFound("you gave no consent of this number");
            }
            if (consent.RevokedAt is not null)
            {
                return ToView(consent);
            }
            var now = clock.GetCurrentInstant();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            consent.RevokedAt = now.ToDateTimeUtc();
            await db.SaveChangesAsync(ct);
            await AccessLogger.AppendAsync(db, patient.Entry(now, patient.NationalId, AccessKind.Change, $"consent {consent.Id} revoked"), ct);
            await transaction.CommitAsync(ct);
            return ToView(consent);
        }
        finally
        {
            log.WriteGate.Release();
        }
    }

    private static MyConsent ToView(RelativeConsentEntity c) => new(c.Id, c.RelativeNationalId, c.RelativeName,
        DateTime.SpecifyKind(c.GivenAt, DateTimeKind.Utc), c.RevokedAt is { } r ? DateTime.SpecifyKind(r, DateTimeKind.Utc) : null);
}
