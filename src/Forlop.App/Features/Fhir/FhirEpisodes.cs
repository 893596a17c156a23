using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Patients;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Patients;
using Forlop.Domain.Registry;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Period = Hl7.Fhir.Model.Period;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Fhir;

/// <summary>What an EpisodeOfCare search asks for; every part optional, combined with AND.</summary>
public sealed record EpisodeSearch(
    string? NationalId,
    IReadOnlyList<string>? States,
    string? Pathway,
    string? Organisation,
    DateTime? UpdatedAfter,
    DateTime? UpdatedUntil,
    long? After,
    int Count);

/// <summary>One page of episodes, and the id to continue after when there are more.</summary>
public sealed record EpisodePage(IReadOnlyList<EpisodeOfCare> Episodes, long? Next);

/// <summary>
/// Pathway episodes as <see cref="EpisodeOfCare"/> and their measurement points as <see cref="Encounter"/>s that refer
/// to them (<c>Encounter.episodeOfCare</c>, the one R4 element that points from an event to an episode). The caller
/// sees her scope only (AccessPolicy, as the REST API), and every patient shown is access-logged.
/// </summary>
public static class FhirEpisodes
{
    public static readonly string[] OpenStates = ["awaiting-first-attendance", "under-investigation", "awaiting-treatment"];

    /// <summary>FHIR's episode status for a stored state: open → active, stopped → cancelled, any other end → finished.</summary>
    public static EpisodeOfCare.EpisodeOfCareStatus StatusOf(string state) =>
        OpenStates.Contains(state, StringComparer.Ordinal) ? EpisodeOfCare.EpisodeOfCareStatus.Active
        : state == EnumNames.Of(EpisodeState.Stopped) ? EpisodeOfCare.EpisodeOfCareStatus.Cancelled
        : EpisodeOfCare.EpisodeOfCareStatus.Finished;

    /// <summary>The stored states a FHIR status means; null when the status is not one Forløp uses.</summary>
    public static IReadOnlyList<string>? StatesOf(string status) => status switch
    {
        "active" => OpenStates,
        "cancelled" => [EnumNames.Of(EpisodeState.Stopped)],
        "finished" => Enum.GetValues<EpisodeState>().Select(EnumNames.Of).Where(s => !OpenStates.Contains(s, StringComparer.Ordinal) && s != EnumNames.Of(EpisodeState.Stopped)).ToList(),
        "planned" or "waitlist" or "onhold" or "entered-in-error" => [],
        _ => null,
    };

    public static async Task<EpisodePage> SearchAsync(RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, AccessLogWriter log,
        Caller caller, EpisodeSearch search, IClock clock, CancellationToken ct)
    {
        var actor = caller.Actor;
        var query = db.Episodes.AsNoTracking().Where(e => e.Hf == actor.Organisation);
        if (actor.Role != Role.ClinicalLead && actor.Units.Count > 0)
        {
            var units = actor.Units.ToList();
            query = query.Where(e => units.Contains(e.Unit));
        }
        if (search.NationalId is { } nin)
        {
            query = query.Where(e => db.Patients.Any(p => p.Id == e.PatientId && p.NationalId == nin));
        }
        if (search.States is not null)
        {
            var states = search.States.ToList();
            query = query.Where(e => states.Contains(e.State));
        }
        if (search.Pathway is { } pathway)
        {
            query = query.Where(e => e.Pathway == pathway);
        }
        if (search.Organisation is { } organisation)
        {
            query = query.Where(e => e.Hf == organisation || e.Unit == organisation);
        }
        // An episode changes when any of its patient's events does (the patient's episodes are derived again) or its
        // coordinator does: its last update is the newest of those.
        if (search.UpdatedAfter is { } after)
        {
            // The few patients with newer rows, found by the index on recorded_at, then their episodes by patient_id.
            var patients = db.Events.Where(v => v.RecordedAt > after).Select(v => v.PatientId);
            var assigned = db.EpisodeAssignments.Where(a => a.AssignedAt > after).Select(a => a.EpisodeId);
            query = query.Where(e => patients.Contains(e.PatientId) || assigned.Contains(e.Id));
        }
        if (search.UpdatedUntil is { } until)
        {
            query = query.Where(e => !db.Events.Any(v => v.PatientId == e.PatientId && v.RecordedAt > until)
                                     && !db.EpisodeAssignments.Any(a => a.EpisodeId == e.Id && a.AssignedAt > until));
        }
        if (search.After is { } cursor)
        {
            query = query.Where(e => e.Id > cursor);
        }
        var rows = await query.OrderBy(e => e.Id).Take(search.Count + 1).ToListAsync(ct);
        var next = rows.Count > search.Count ? rows[search.Count - 1].Id : (long?)null;
        if (rows.Count > search.Count)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        var episodes = await ToResourcesAsync(db, catalogue, organisations, rows, ct);
        var now = clock.GetCurrentInstant();
        await log.AppendAsync(episodes.Select(e => caller.Entry(now, e.NationalId, AccessKind.Read, $"fhir: episode {e.Row.Id}")).ToList(), ct);
        return new EpisodePage(episodes.Select(e => e.Resource).ToList(), next);
    }

    /// <summary>One episode in the caller's scope; null when there is none or it is another's.</summary>
    public static async Task<EpisodeOfCare?> ReadAsync(RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, AccessLogWriter log,
        Caller caller, long id, IClock clock, CancellationToken ct)
    {
        var row = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (row is null || !AccessPolicy.MayAccessPatientData(caller.Actor, row.Hf, row.Unit))
        {
            return null;
        }
        var episode = (await ToResourcesAsync(db, catalogue, organisations, [row], ct))[0];
        await log.AppendAsync(caller.Entry(clock.GetCurrentInstant(), episode.NationalId, AccessKind.Read, $"fhir: episode {id}"), ct);
        return episode.Resource;
    }

    private sealed record Shown(EpisodeEntity Row, string NationalId, EpisodeOfCare Resource);

    private static async Task<List<Shown>> ToResourcesAsync(RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations,
        List<EpisodeEntity> rows, CancellationToken ct)
    {
        var patientIds = rows.Select(r => r.PatientId).Distinct().ToList();
        var episodeIds = rows.Select(r => r.Id).ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var updated = await db.Events.AsNoTracking().Where(e => patientIds.Contains(e.PatientId))
            .GroupBy(e => e.PatientId).Select(g => new { g.Key, Last = g.Max(e => e.RecordedAt) }).ToDictionaryAsync(g => g.Key, g => g.Last, ct);
        var assignments = await db.EpisodeAssignments.AsNoTracking().Where(a => episodeIds.Contains(a.EpisodeId)).ToDictionaryAsync(a => a.EpisodeId, ct);
        var coordinators = assignments.Values.Select(a => a.Coordinator).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => coordinators.Contains(u.UserName)).ToDictionaryAsync(u => u.UserName, u => u.DisplayName, ct);
        return rows.Select(row =>
        {
            var patient = patients[row.PatientId];
            var assignment = assignments.GetValueOrDefault(row.Id);
            var last = updated.GetValueOrDefault(row.PatientId);
            if (assignment is not null && assignment.AssignedAt > last)
            {
                last = assignment.AssignedAt;
            }
            var resource = new EpisodeOfCare
            {
                Id = row.Id.ToString(CultureInfo.InvariantCulture),
                Meta = new Meta { LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc)) },
                Status = StatusOf(row.State),
                Type = [new CodeableConcept(FhirSystems.PathwayCodes, row.Pathway, catalogue.Pathway(row.Pathway)?.Name.Nb)],
                Patient = PatientReference(patient),
                ManagingOrganization = OrganisationReference(row.Hf, organisations),
                Period = new Period
                {
                    Start = row.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    End = OpenStates.Contains(row.State, StringComparer.Ordinal) ? null
                        : (row.EndDate ?? row.LastEventDate).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
            };
            if (assignment is not null)
            {
                resource.CareManager = new ResourceReference
                {
                    Identifier = new Identifier(FhirSystems.User, assignment.Coordinator),
                    Display = names.GetValueOrDefault(assignment.Coordinator) ?? assignment.Coordinator,
                };
            }
            return new Shown(row, patient.NationalId, resource);
        }).ToList();
    }

    /// <summary>The measurement points of one episode in the caller's scope, in their current versions; null when the episode is not hers.</summary>
    public static async Task<IReadOnlyList<Encounter>?> PointsAsync(RegistryDb db, EpisodeLinker linker, OrganisationDirectory organisations, AccessLogWriter log,
        Caller caller, long episodeId, IClock clock, CancellationToken ct)
    {
        var row = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == episodeId, ct);
        if (row is null || !AccessPolicy.MayAccessPatientData(caller.Actor, row.Hf, row.Unit))
        {
            return null;
        }
        var loaded = await PatientRecords.LoadAsync(db, linker, row.PatientId, ct);
        var episode = loaded?.Record.Episodes.FirstOrDefault(e => e.Id == episodeId);
        if (loaded is null || episode is null)
        {
            return null;
        }
        await log.AppendAsync(caller.Entry(clock.GetCurrentInstant(), loaded.Patient.NationalId, AccessKind.Read, $"fhir: episode {episodeId}"), ct);
        return episode.Events.Select(e => Encounter(loaded, episode, e, organisations)).ToList();
    }

    /// <summary>One measurement point by its id (the first row of its correction chain); null when missing, withdrawn or another's.</summary>
    public static async Task<Encounter?> PointAsync(RegistryDb db, EpisodeLinker linker, OrganisationDirectory organisations, AccessLogWriter log,
        Caller caller, long rootId, IClock clock, CancellationToken ct)
    {
        var patientId = await db.Events.AsNoTracking().Where(e => e.Id == rootId && e.RootId == rootId).Select(e => (long?)e.PatientId).SingleOrDefaultAsync(ct);
        if (patientId is null)
        {
            return null;
        }
        var loaded = await PatientRecords.LoadAsync(db, linker, patientId.Value, ct);
        var episode = loaded?.Record.Episodes.FirstOrDefault(e => e.Events.Any(x => x.Event.RootId == rootId));
        if (loaded is null || episode is null || !AccessPolicy.MayAccessPatientData(caller.Actor, episode.Hf, episode.Start.Event.Organisation))
        {
            return null;
        }
        await log.AppendAsync(caller.Entry(clock.GetCurrentInstant(), loaded.Patient.NationalId, AccessKind.Read, $"fhir: episode {episode.Id}"), ct);
        return Encounter(loaded, episode, episode.Events.First(x => x.Event.RootId == rootId), organisations);
    }

    private static Encounter Encounter(LoadedPatient loaded, Episode episode, EpisodeEvent point, OrganisationDirectory organisations)
    {
        var stored = loaded.Events.First(e => e.Id == point.Event.Id);
        var encounter = new Encounter
        {
            Id = point.Event.RootId.ToString(CultureInfo.InvariantCulture),
            Meta = new Meta
            {
                VersionId = point.Event.Id.ToString(CultureInfo.InvariantCulture),
                LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(stored.RecordedAt, DateTimeKind.Utc)),
            },
            Identifier = [new Identifier(FhirSystems.RecordId, point.Event.RecordId) { Assigner = OrganisationReference(point.Event.Organisation, organisations) }],
            Status = Hl7.Fhir.Model.Encounter.EncounterStatus.Finished,
            Class = Class(point.Event.Setting),
            Type = [new CodeableConcept(FhirSystems.PathwayCodes, point.Code, point.Definition.Name.Nb)],
            Subject = PatientReference(loaded.Patient),
            EpisodeOfCare = [new ResourceReference("EpisodeOfCare/" + episode.Id.ToString(CultureInfo.InvariantCulture))],
            Period = new Period { Start = When(point.Event.Date, point.Event.Time) },
            ServiceProvider = OrganisationReference(point.Event.Organisation, organisations),
        };
        if (point.Event.Outcome is { } outcome)
        {
            encounter.Type.Add(new CodeableConcept(FhirSystems.OutcomeCodes, outcome));
        }
        return encounter;
    }

    /// <summary>The day, or the day and clock time in Europe/Oslo with its offset that day.</summary>
    internal static string When(LocalDate date, LocalTime? time)
    {
        if (time is not { } t)
        {
            return IsoDate.Text(date);
        }
        var zoned = date.At(t).InZoneLeniently(RegistryStore.Oslo);
        return zoned.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
    }

    /// <summary>Outpatient and inpatient as HL7's act codes; a point that said neither says so with data-absent-reason.</summary>
    private static Coding Class(CareSetting setting) => setting switch
    {
        CareSetting.Outpatient => new Coding(FhirSystems.ActCode, "AMB", "ambulatory"),
        CareSetting.Inpatient => new Coding(FhirSystems.ActCode, "IMP", "inpatient encounter"),
        _ => new Coding { Extension = [new Extension(FhirSystems.DataAbsentReason, new Code("unknown"))] },
    };

    internal static ResourceReference PatientReference(PatientEntity patient)
    {
        var kind = NationalIdentityNumber.TryParse(patient.NationalId, out var number, out _) ? number.Kind : NationalIdentityNumberKind.BirthNumber;
        return new ResourceReference
        {
            Identifier = new Identifier(FhirSystems.IdentitySystem(kind), patient.NationalId),
            Display = patient.Name,
        };
    }

    internal static ResourceReference OrganisationReference(string code, OrganisationDirectory organisations) => new()
    {
        Identifier = new Identifier(FhirSystems.Organisation, code),
        Display = organisations.Find(code)?.Name ?? code,
    };
}
