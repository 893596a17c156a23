using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Episodes;
using Forlop.App.Features.Patients;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Deviations;
using Forlop.Domain.Organisations;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Deviations;

/// <summary>A deviation reason as typed into the timeline or sent to the API: kebab-case cause and resource, and a text.</summary>
public sealed record DeviationReasonForm(string? Cause, string? Resource = null, string? Text = null);

/// <summary>A recorded deviation reason of one interval of an episode.</summary>
public sealed record DeviationReasonView(string IntervalId, string Cause, string? Resource, string? Text, DateTime RecordedAt, string RecordedBy)
{
    public static DeviationReasonView Of(DeviationReasonEntity e) => new(e.IntervalId, e.Cause, e.Resource, e.Text, e.RecordedAt, e.RecordedBy);
}

/// <summary>
/// Records why an interval of an episode went over its standard (avviksårsak): the API's
/// <c>PUT /api/v1/episodes/{id}/deviation-reasons/{interval}</c> and the timeline page both come here. Whoever may
/// register points for the episode's unit may record (coordinators and hospital systems). A later reason replaces the
/// earlier one; the access log keeps every change. The change and its log entry commit together.
/// </summary>
public static class RecordDeviationReason
{
    /// <summary>The reasons recorded for an episode, by interval id.</summary>
    public static async Task<IReadOnlyDictionary<string, DeviationReasonView>> OfEpisodeAsync(RegistryDb db, long episodeId, CancellationToken ct) =>
        (await db.DeviationReasons.AsNoTracking().Where(r => r.EpisodeId == episodeId).ToListAsync(ct))
            .ToDictionary(r => r.IntervalId, DeviationReasonView.Of, StringComparer.Ordinal);

    public static async Task<EpisodeChange<DeviationReasonView>> RunAsync(RegistryDb db, EpisodeLinker linker, OrganisationDirectory organisations, AccessLogWriter log, IClock clock,
        Caller caller, long episodeId, string intervalId, DeviationReasonForm form, CancellationToken ct)
    {
        var stored = await db.Episodes.AsNoTracking().Where(e => e.Id == episodeId)
            .Select(e => new { e.PatientId, e.Hf, e.Unit }).SingleOrDefaultAsync(ct);
        if (stored is null || !AccessPolicy.MayAccessPatientData(caller.Actor, stored.Hf, stored.Unit))
        {
            return new EpisodeChange<DeviationReasonView>.NotFound(episodeId);
        }
        if (!AccessPolicy.MayRegisterFor(caller.Actor, stored.Unit, organisations))
        {
            return new EpisodeChange<DeviationReasonView>.NotAllowed(new LocalizedText(
                "rollen din kan ikke registrere avviksårsaker", "your role may not record deviation reasons"));
        }
        if (DeviationReason.TryCreate(form.Cause, form.Resource, form.Text, out var refusal) is not { } reason)
        {
            return new EpisodeChange<DeviationReasonView>.Invalid("cause", refusal!);
        }
        var now = clock.GetCurrentInstant();
        var today = now.InZone(RegistryStore.Oslo).Date;
        var loaded = await PatientRecords.LoadAsync(db, linker, stored.PatientId, ct);
        var episode = loaded?.Record.Episodes.FirstOrDefault(e => e.Id == episodeId);
        if (loaded is null || episode is null)
        {
            return new EpisodeChange<DeviationReasonView>.NotFound(episodeId);
        }
        // Reached intervals over their standard, and running ones past their deadline: the timeline's red bars.
        if (!PathwayTimeEngine.Measure(episode, today).Intervals.Any(i => string.Equals(i.Definition.Id, intervalId, StringComparison.Ordinal) && DeviationReason.MayExplain(i.Status)))
        {
            return new EpisodeChange<DeviationReasonView>.Invalid("interval", new LocalizedText(
                $"{intervalId} i dette forløpet er ikke over standard forløpstid",
                $"{intervalId} of this episode is not over its standard time"));
        }

        var entity = new DeviationReasonEntity
        {
            EpisodeId = episodeId, IntervalId = intervalId, Cause = EnumNames.Of(reason.Cause),
            Resource = reason.Resource is { } r ? EnumNames.Of(r) : null, Text = reason.Text,
            RecordedAt = now.ToDateTimeUtc(), RecordedBy = caller.Actor.UserName,
        };
        await log.WriteGate.WaitAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.DeviationReasons.Where(x => x.EpisodeId == episodeId && x.IntervalId == intervalId).ExecuteDeleteAsync(ct);
            db.DeviationReasons.Add(entity);
            await db.SaveChangesAsync(ct);
            // The cause and resource only: the free text stays in the registry, not in the log.
            await AccessLogger.AppendAsync(db, caller.Entry(now, loaded.Patient.NationalId, AccessKind.Change,
                $"deviation reason for {intervalId} of episode {episodeId}: {entity.Cause}{(entity.Resource is { } res ? " (" + res + ")" : "")}"), ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
            log.WriteGate.Release();
        }
        return new EpisodeChange<DeviationReasonView>.Recorded(DeviationReasonView.Of(entity));
    }
}
