using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Patients;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Forlop.Domain;

namespace Forlop.App.Features.Registration;

/// <summary>
/// A new measurement point as typed into the form or sent to the API; texts are checked as the import checks a row.
/// Setting is outpatient or inpatient, as the events file's optional setting column (FHIR: Encounter.class).
/// </summary>
public sealed record RegistrationForm(string? NationalId, string? Organisation, string? Code, string? Date, string? Time = null, string? Outcome = null,
    string? RecordId = null, string? PatientName = null, string? Setting = null);

/// <summary>A correction of a stored point: the new content; the organisation and patient stay those of the point.</summary>
public sealed record CorrectionForm(string? Code, string? Date, string? Time = null, string? Outcome = null, string? RecordId = null);

/// <summary>The stored point's organisation and patient, and its episode with the episode's row, as the registration derived them.</summary>
internal sealed record RegisteredEpisode(string Organisation, string NationalId, Episode? Episode, EpisodeEntity? Row);

/// <summary>
/// What another use case stores with a registered point, in the same transaction (an MDT's decision record with its
/// clinical-decision point): <see cref="StoreAsync"/> gets the context and the new event's id before the change is
/// saved, and <see cref="Note"/> is added to the one access-log entry, so the action stays one change and one entry.
/// </summary>
public sealed record RegisteredAlongside(string Note, Func<RegistryDb, long, CancellationToken, Task> StoreAsync);

public abstract record RegistrationResult
{
    /// <summary>Stored. <see cref="Version"/> is the patient's record version after the change.</summary>
    public sealed record Registered(long EventId, string RecordId, long PatientId, long? EpisodeId, string Version) : RegistrationResult
    {
        /// <summary>
        /// The stored point's episode as the registration derived it, for the delivery feedback (decision 0031), which
        /// otherwise read the patient's record again: half of a registration's CPU (docs/performance.md). Not public, so
        /// not in the API's answer.
        /// </summary>
        internal RegisteredEpisode? Derived { get; init; }
    }

    /// <summary>A coding rule or field check refused it; nothing was stored. <see cref="Column"/> names the field at fault.</summary>
    public sealed record Refused(string Column, string Message, string Norwegian) : RegistrationResult;

    /// <summary>The record changed since the caller read it (or the point was already corrected): nothing was overwritten.</summary>
    public sealed record Conflict(string Message, string Norwegian, string CurrentVersion) : RegistrationResult;

    public sealed record NotFound(string Message) : RegistrationResult;

    /// <summary>
    /// The caller may not register for <see cref="Organisation"/> (outside her HF or units): an expected refusal,
    /// answered as a value like the others (403 from the API, a message beside the field on the page), not thrown.
    /// </summary>
    public sealed record NotAllowed(string Organisation, string Message, string Norwegian) : RegistrationResult;
}

/// <summary>
/// Registering, correcting and withdrawing a measurement point one at a time, with the import's rules
/// (EventRowParser for fields, PatientRecord for linking). The change, the patient's re-derived episodes and the
/// access-log entry commit together or not at all. Writers are serialised (SQLite's write lock; on PostgreSQL a
/// table lock the import also takes), so the version check and the next row id cannot race.
/// </summary>
public sealed class RegisterEvent(RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, EpisodeLinker linker, AccessLogWriter log, IClock clock)
{
    public Task<RegistrationResult> RegisterAsync(Caller caller, RegistrationForm form, string? expectedVersion, CancellationToken ct) =>
        RegisterAsync(caller, form, expectedVersion, null, ct);

    /// <summary>Registers a point and, in the same transaction and access-log entry, what another use case keeps with it.</summary>
    public Task<RegistrationResult> RegisterAsync(Caller caller, RegistrationForm form, string? expectedVersion, RegisteredAlongside? alongside, CancellationToken ct) =>
        ApplyAsync(caller, new EventRowText(Blank(form.RecordId) ?? NewRecordId(), form.NationalId, form.Organisation, form.Code, form.Date,
            Blank(form.Time), Blank(form.Outcome), null, null, Blank(form.Setting)), expectedVersion, Blank(form.PatientName), null, alongside, ct);

    public async Task<RegistrationResult> CorrectAsync(Caller caller, long eventId, CorrectionForm form, string? expectedVersion, CancellationToken ct)
    {
        var target = await TargetAsync(eventId, ct);
        return target is null
            ? new RegistrationResult.NotFound($"there is no event {eventId}")
            : await ApplyAsync(caller, new EventRowText(Blank(form.RecordId) ?? NewRecordId(), target.Value.NationalId, target.Value.Event.Organisation,
                form.Code, form.Date, Blank(form.Time), Blank(form.Outcome), target.Value.Event.RecordId, null), expectedVersion, null, target.Value.Event, null, ct);
    }

    public async Task<RegistrationResult> WithdrawAsync(Caller caller, long eventId, string? expectedVersion, CancellationToken ct)
    {
        var target = await TargetAsync(eventId, ct);
        return target is null
            ? new RegistrationResult.NotFound($"there is no event {eventId}")
            : await ApplyAsync(caller, new EventRowText(NewRecordId(), target.Value.NationalId, target.Value.Event.Organisation,
                null, null, null, null, target.Value.Event.RecordId, "true"), expectedVersion, null, target.Value.Event, null, ct);
    }

    private async Task<(EventEntity Event, string NationalId)?> TargetAsync(long eventId, CancellationToken ct)
    {
        var found = await (from e in db.Events.AsNoTracking()
                           join p in db.Patients on e.PatientId equals p.Id
                           where e.Id == eventId
                           select new { e, p.NationalId }).SingleOrDefaultAsync(ct);
        return found is null ? null : (found.e, found.NationalId);
    }

    private async Task<RegistrationResult> ApplyAsync(Caller caller, EventRowText text, string? expectedVersion, string? patientName, EventEntity? target,
        RegisteredAlongside? alongside, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var today = now.InZone(RegistryStore.Oslo).Date;
        var parsed = new EventRowParser(catalogue, organisations).Parse(text, today, out var refusal);
        if (parsed is null)
        {
            return new RegistrationResult.Refused(refusal!.Column, refusal.Message, refusal.Reason.Nb);
        }
        var submission = parsed.Submission;
        if (!AccessPolicy.MayRegisterFor(caller.Actor, submission.Organisation, organisations))
        {
            return new RegistrationResult.NotAllowed(submission.Organisation, $"you may not register for {submission.Organisation}",
                $"Du kan ikke registrere for {submission.Organisation}");
        }

        await log.WriteGate.WaitAsync(ct);
        try
        {
            return await ApplyLockedAsync(caller, parsed, submission, expectedVersion, patientName, target, now, alongside, ct);
        }
        finally
        {
            log.WriteGate.Release();
        }
    }

    private async Task<RegistrationResult> ApplyLockedAsync(Caller caller, ParsedEventRow parsed, EventSubmission submission, string? expectedVersion, string? patientName,
        EventEntity? target, Instant now, RegisteredAlongside? alongside, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            // Conflicts with itself and with the import's inserts: one writer at a time, as SQLite's write lock gives.
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE", ct);
        }
        var loaded = await PatientRecords.LoadByNationalIdAsync(db, linker, parsed.Patient.Value, ct);
        var version = loaded?.Version ?? "0";
        if (expectedVersion is not null && !string.Equals(expectedVersion, version, StringComparison.Ordinal))
        {
            return new RegistrationResult.Conflict("the patient's record has changed since you read it; reload and try again",
                "Pasientens forløp er endret siden du åpnet det. Last siden på nytt og prøv igjen.", version);
        }
        if (target is not null && loaded?.Events.FirstOrDefault(e => e.ReplacesId == target.Id) is { } successor)
        {
            return new RegistrationResult.Conflict(
                $"record {target.RecordId} has already been {(successor.IsWithdrawal ? "withdrawn" : "corrected")} by record {successor.RecordId}",
                $"Registrering {target.RecordId} er allerede {(successor.IsWithdrawal ? "trukket tilbake" : "korrigert")} av registrering {successor.RecordId}.", version);
        }
        if (await db.Events.AnyAsync(e => e.Organisation == submission.Organisation && e.RecordId == submission.RecordId, ct))
        {
            return new RegistrationResult.Refused(EventColumns.RecordId,
                $"record {submission.RecordId} from {submission.Organisation} is already registered; a correction needs a new record id",
                $"Registrerings-ID {submission.RecordId} fra {submission.Organisation} er allerede brukt; en korrigering trenger en ny registrerings-ID.");
        }

        var patient = loaded?.Patient;
        var record = loaded?.Record ?? new PatientRecord(linker, []);
        var newId = (await db.Events.MaxAsync(e => (long?)e.Id, ct) ?? 0) + 1;
        if (record.Apply(submission, newId) is { } refused)
        {
            return new RegistrationResult.Refused(refused.Column, refused.Message, refused.Reason.Nb);
        }
        if (patient is null)
        {
            patient = new PatientEntity
            {
                Id = (await db.Patients.MaxAsync(p => (long?)p.Id, ct) ?? 0) + 1,
                NationalId = parsed.Patient.Value,
                BirthDate = parsed.Patient.BirthDate.ToDateOnly(),
                Name = patientName,
            };
            db.Patients.Add(patient);
        }
        var stored = record.Rows[^1];
        db.Events.Add(new EventEntity
        {
            Id = stored.Id, PatientId = patient.Id, RootId = stored.RootId, Organisation = stored.Organisation, RecordId = stored.RecordId,
            Code = stored.Code, Date = stored.Date?.ToDateOnly(), Time = stored.Time?.ToTimeOnly(), Outcome = stored.Outcome, Setting = StoredSetting.Text(stored.Setting),
            ReplacesId = stored.ReplacesId, IsWithdrawal = stored.IsWithdrawal, RecordedAt = now.ToDateTimeUtc(), RecordedBy = caller.Actor.UserName,
        });
        // The patient's derived rows are rebuilt: episodes and the intervals they reached.
        await db.EpisodeIntervals.Where(i => i.PatientId == patient.Id).ExecuteDeleteAsync(ct);
        await db.Episodes.Where(e => e.PatientId == patient.Id).ExecuteDeleteAsync(ct);
        var ofPoint = record.Episodes.FirstOrDefault(e => e.Events.Any(x => x.Event.RootId == stored.RootId));
        EpisodeEntity? rowOfPoint = null;
        foreach (var e in record.Episodes)
        {
            var (episodeRow, intervals) = EpisodeRows.ToRows(patient.Id, e, organisations);
            db.Episodes.Add(episodeRow);
            db.EpisodeIntervals.AddRange(intervals);
            rowOfPoint = ReferenceEquals(e, ofPoint) ? episodeRow : rowOfPoint;
        }
        if (alongside is not null)
        {
            await alongside.StoreAsync(db, stored.Id, ct);
        }
        await db.SaveChangesAsync(ct);
        var what = stored.IsWithdrawal ? $"withdrew record {target!.RecordId}"
            : target is not null ? $"corrected record {target.RecordId}: {stored.Code} {Day(stored.Date)}"
            : $"registered {stored.Code} {Day(stored.Date)} as record {stored.RecordId}";
        if (alongside is not null)
        {
            what += "; " + alongside.Note;
        }
        await AccessLogger.AppendAsync(db, caller.Entry(now, patient.NationalId, AccessKind.Change, what), ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();

        return new RegistrationResult.Registered(stored.Id, stored.RecordId, patient.Id, ofPoint?.Id, stored.Id.ToString(CultureInfo.InvariantCulture))
        {
            Derived = new RegisteredEpisode(stored.Organisation, patient.NationalId, ofPoint, rowOfPoint),
        };
    }

    private static string Day(LocalDate? date) => date is { } day ? IsoDate.Text(day) : "";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Points registered in Forløp get a record id of their own; a hospital system sends its own.</summary>
    private static string NewRecordId() => "flp-" + Guid.NewGuid().ToString("N");
}
