using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Indicators;
using Forlop.App.Features.PeriodLocks;
using Forlop.App.Features.Patients;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Delivery;

/// <summary>
/// One pathway instance as NPR delivers it to the regions each month: where each measurement point was recorded, the
/// points' dates and types, the reached intervals OF1–OF4 against the standard in force (from the pathway-time engine,
/// as stored for the tracking list), whether it is part of a transfer, and the seniority date the national times count from.
/// </summary>
public sealed record DeliveryRow(
    string PatientId, string Pathway, long EpisodeId, string Hf, string Rhf,
    LocalDate StartDate, string StartInstitution, LocalDate SeniorityDate,
    LocalDate? FirstAttendanceDate, string? FirstAttendanceInstitution,
    LocalDate? DecisionDate, string? DecisionCode, string? DecisionInstitution,
    LocalDate? TreatmentDate, string? TreatmentCode, string? TreatmentType, string? TreatmentInstitution,
    LocalDate? EndDate, string? EndCode, string? EndInstitution,
    IReadOnlyList<DeliveryInterval> Intervals, bool Transferred, string? TransferredFromHf, string Publication);

/// <summary>OF1…OF4 of a row: its length in the pathway's unit, the standard's limit (null when none applies) and its status.</summary>
public sealed record DeliveryInterval(string Id, long? Length, int? Standard, string? Status);

/// <summary>A month's delivery for one receiver: the rows and which state of the registry they show.</summary>
public sealed record DeliveryFile(string Month, string Receiver, string Publication, long RegistryVersion, IReadOnlyList<DeliveryRow> Rows);

/// <summary>
/// The monthly patient-level delivery (issue 14, item 2; docs/decisions/0030): every pathway instance of the receiver's
/// HFs with a measurement point dated in the month. A month inside a locked period is built from the rows recorded up
/// to the newest publication's registry version, so a correction imported after the lock changes nothing in it until
/// the period is locked again; otherwise from the registry as it is. Each delivered patient is access-logged.
/// </summary>
public sealed class MonthlyDelivery(RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, IClock clock)
{
    /// <summary>The intervals a row carries, in order (NPR's forløpstid 1–4).</summary>
    public static readonly IReadOnlyList<string> IntervalIds = ["OF1", "OF2", "OF3", "OF4"];

    public const string Unlocked = "provisional";

    /// <summary>The rows of <paramref name="month"/> for <paramref name="receiver"/> (an HF or RHF), if <paramref name="actor"/> may receive them.</summary>
    public async Task<Outcome<DeliveryFile>> DeliverAsync(Actor actor, string from, ReportingPeriod month, string receiver, CancellationToken ct)
    {
        var organisation = organisations.Find(receiver);
        if (organisation is null || organisation.Kind == OrganisationKind.Unit)
        {
            return new Outcome<DeliveryFile>.Invalid($"'{receiver}' is not an HF or RHF this registry knows");
        }
        if (!AccessPolicy.MayReceiveDeliveryOf(actor, receiver, organisations))
        {
            return new Outcome<DeliveryFile>.NotAllowed($"{actor.UserName} may not receive the delivery of {receiver}");
        }
        var (publication, version) = await StateAsync(month, ct);
        var rows = await RowsAsync(month, version, hf => organisation.Kind == OrganisationKind.Rhf
            ? string.Equals(organisations.RhfOf(hf)?.Code, receiver, StringComparison.Ordinal)
            : string.Equals(hf, receiver, StringComparison.Ordinal), publication, ct);
        // One entry per delivered patient, naming the episodes delivered, before the file exists.
        var at = clock.GetCurrentInstant();
        var role = EnumNames.Of(actor.Role);
        await AccessLogger.AppendAsync(db, rows.GroupBy(r => r.PatientId, StringComparer.Ordinal)
            .Select(g => new AccessEntry(at, actor.UserName, role, actor.Organisation, g.Key, AccessKind.Read,
                $"delivery {month.Text} {receiver}: episode {string.Join(",", g.Select(r => r.EpisodeId.ToString(System.Globalization.CultureInfo.InvariantCulture)))}", from))
            .ToList(), ct);
        return new Outcome<DeliveryFile>.Ready(new DeliveryFile(month.Text, receiver, publication, version, rows));
    }

    /// <summary>
    /// Which state a month is delivered from: the newest publication among the locked periods that hold the month
    /// (named "PERIOD/N") and its registry version; else the registry as it is now (<see cref="Unlocked"/>).
    /// </summary>
    public async Task<(string Publication, long Version)> StateAsync(ReportingPeriod month, CancellationToken ct)
    {
        var locks = await db.PeriodLocks.AsNoTracking().Select(l => new { l.Period, l.Publication, l.RegistryVersion, l.LockedAt }).ToListAsync(ct);
        var covering = locks
            .Where(l => ReportingPeriod.TryParse(l.Period, out var p, out _) && p.Start <= month.Start && month.End <= p.End)
            .OrderByDescending(l => l.RegistryVersion).ThenByDescending(l => l.LockedAt).ThenBy(l => l.Period, StringComparer.Ordinal)
            .FirstOrDefault();
        return covering is null
            ? (Unlocked, await RegistryVersion.NewestEventAsync(db, ct))
            : (string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{covering.Period}/{covering.Publication}"), covering.RegistryVersion);
    }

    /// <summary>
    /// The pathway instances of the month as the rows up to <paramref name="version"/> form them: every patient with a
    /// row dated in the month (a later correction may have moved a point out of it) is rebuilt from those rows alone.
    /// </summary>
    private async Task<List<DeliveryRow>> RowsAsync(ReportingPeriod month, long version, Func<string, bool> receives, string publication, CancellationToken ct)
    {
        var from = month.Start.ToDateOnly();
        var to = month.End.ToDateOnly();
        var candidates = db.Events.Where(e => e.Id <= version && e.Date >= from && e.Date <= to).Select(e => e.PatientId).Distinct();
        var nationalIds = await db.Patients.AsNoTracking().Where(p => candidates.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.NationalId, ct);
        var events = await db.Events.AsNoTracking().Where(e => e.Id <= version && candidates.Contains(e.PatientId))
            .OrderBy(e => e.PatientId).ThenBy(e => e.Id).ToListAsync(ct);
        var linker = new EpisodeLinker(catalogue, organisations);
        var rows = new List<DeliveryRow>();
        foreach (var patient in events.GroupBy(e => e.PatientId))
        {
            var record = new PatientRecord(linker, patient.Select(PatientRecords.ToRow));
            foreach (var episode in record.Episodes)
            {
                if (!receives(episode.Hf) || !episode.Events.Any(e => month.Contains(e.Date)))
                {
                    continue;
                }
                rows.Add(Row(nationalIds[patient.Key], patient.Key, episode, publication));
            }
        }
        return rows.OrderBy(r => r.Hf, StringComparer.Ordinal).ThenBy(r => r.Pathway, StringComparer.Ordinal)
            .ThenBy(r => r.StartDate).ThenBy(r => r.EpisodeId).ToList();
    }

    private DeliveryRow Row(string nationalId, long patientId, Episode episode, string publication)
    {
        // The intervals as the tracking list stores them: reached ones, against the standard in force on the seniority date.
        var (stored, intervals) = EpisodeRows.ToRows(patientId, episode, organisations);
        var of = IntervalIds.Select(id => intervals.FirstOrDefault(i => string.Equals(i.IntervalId, id, StringComparison.Ordinal)) is { } i
            ? new DeliveryInterval(id, i.Length, i.StandardLimit, i.Status)
            : new DeliveryInterval(id, null, null, null)).ToList();
        return new DeliveryRow(nationalId, stored.Pathway, episode.Id, stored.Hf, stored.Rhf,
            episode.StartDate, episode.Start.Event.Organisation, episode.SeniorityDate,
            episode.FirstAttendance?.Date, episode.FirstAttendance?.Event.Organisation,
            episode.Decision?.Date, stored.DecisionCode, episode.Decision?.Event.Organisation,
            episode.Treatment?.Date, stored.TreatmentCode, stored.TreatmentType, episode.Treatment?.Event.Organisation,
            episode.Ending?.Date, stored.EndCode, episode.Ending?.Event.Organisation,
            of, episode.TransferredFrom is not null || episode.TransferredTo is not null, episode.TransferredFrom?.Hf, publication);
    }
}
