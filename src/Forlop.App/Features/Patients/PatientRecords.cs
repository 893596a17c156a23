using Forlop.App.Data;
using Forlop.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Patients;

/// <summary>A patient as stored: the row, every event row, and the episodes those rows form now.</summary>
public sealed record LoadedPatient(PatientEntity Patient, IReadOnlyList<EventEntity> Events, PatientRecord Record)
{
    /// <summary>
    /// The version of the patient's record for optimistic concurrency: the newest row's id. Any registration,
    /// correction or withdrawal (from a form, the API or an import) adds a row and so changes it.
    /// </summary>
    public string Version => Events.Count == 0 ? "0" : Events.Max(e => e.Id).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public static class PatientRecords
{
    public static async Task<LoadedPatient?> LoadAsync(RegistryDb db, EpisodeLinker linker, long patientId, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        return patient is null ? null : await LoadAsync(db, linker, patient, ct);
    }

    public static async Task<LoadedPatient?> LoadByNationalIdAsync(RegistryDb db, EpisodeLinker linker, string nationalId, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.NationalId == nationalId, ct);
        return patient is null ? null : await LoadAsync(db, linker, patient, ct);
    }

    private static async Task<LoadedPatient> LoadAsync(RegistryDb db, EpisodeLinker linker, PatientEntity patient, CancellationToken ct)
    {
        var events = await db.Events.AsNoTracking().Where(e => e.PatientId == patient.Id).OrderBy(e => e.Id).ToListAsync(ct);
        return new LoadedPatient(patient, events, new PatientRecord(linker, events.Select(ToRow)));
    }

    public static EventRow ToRow(EventEntity e) => new(e.Id, e.RootId, e.Organisation, e.RecordId, e.Code,
        e.Date is { } d ? LocalDate.FromDateOnly(d) : null, e.Time is { } t ? LocalTime.FromTimeOnly(t) : null,
        e.Outcome, e.ReplacesId, e.IsWithdrawal, StoredSetting.Read(e.Setting));
}
