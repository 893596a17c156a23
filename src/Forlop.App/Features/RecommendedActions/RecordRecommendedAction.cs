using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Episodes;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.RecommendedActions;

/// <summary>Whether a recommended action was done for an episode, and on which day (today when left out).</summary>
public sealed record RecommendedActionForm(bool Done, string? Date = null);

/// <summary>A recommended action of an episode's pathway, with the day it was done (null while not done).</summary>
public sealed record EpisodeActionView(string ActionId, string Name, bool Verified, DateOnly? DoneOn, string? RecordedBy);

/// <summary>
/// Ticks (or unticks) a recommended action of the catalogue for an episode: the API's
/// <c>PUT /api/v1/episodes/{id}/recommended-actions/{action}</c>, the timeline page and <c>forlop import-actions</c>
/// come here. Whoever may register points for the episode's unit may record. The change and its access-log entry
/// commit together.
/// </summary>
public static class RecordRecommendedAction
{
    /// <summary>The actions recommended for an episode, each with the day it was done.</summary>
    public static async Task<IReadOnlyList<EpisodeActionView>> OfEpisodeAsync(RegistryDb db, RecommendedActionCatalogue actions, long episodeId, string pathway,
        LocalDate start, CancellationToken ct)
    {
        var done = await db.EpisodeActions.AsNoTracking().Where(a => a.EpisodeId == episodeId).ToListAsync(ct);
        return actions.For(pathway, start)
            .Select(a => done.FirstOrDefault(d => string.Equals(d.ActionId, a.Id, StringComparison.Ordinal)) is { } d
                ? new EpisodeActionView(a.Id, a.Name.Nb, a.Provenance.Verified, d.DoneOn, d.RecordedBy)
                : new EpisodeActionView(a.Id, a.Name.Nb, a.Provenance.Verified, null, null))
            .ToList();
    }

    public static async Task<EpisodeChange<EpisodeActionView>> RunAsync(RegistryDb db, RecommendedActionCatalogue actions, OrganisationDirectory organisations, AccessLogWriter log,
        IClock clock, Caller caller, long episodeId, string actionId, RecommendedActionForm form, CancellationToken ct)
    {
        var episode = await db.Episodes.AsNoTracking().Where(e => e.Id == episodeId)
            .Join(db.Patients, e => e.PatientId, p => p.Id, (e, p) => new { e.Hf, e.Unit, e.Pathway, e.StartDate, p.NationalId }).SingleOrDefaultAsync(ct);
        if (episode is null || !AccessPolicy.MayAccessPatientData(caller.Actor, episode.Hf, episode.Unit))
        {
            return new EpisodeChange<EpisodeActionView>.NotFound(episodeId);
        }
        if (!AccessPolicy.MayRegisterFor(caller.Actor, episode.Unit, organisations))
        {
            return new EpisodeChange<EpisodeActionView>.NotAllowed(new LocalizedText(
                "rollen din kan ikke registrere anbefalte tiltak", "your role may not record recommended actions"));
        }
        var start = LocalDate.FromDateOnly(episode.StartDate);
        if (actions.For(episode.Pathway, start).FirstOrDefault(a => string.Equals(a.Id, actionId, StringComparison.Ordinal)) is not { } action)
        {
            return new EpisodeChange<EpisodeActionView>.Invalid("action", new LocalizedText(
                $"«{actionId}» er ikke et anbefalt tiltak i dette forløpet", $"'{actionId}' is not a recommended action of this episode's pathway"));
        }
        var now = clock.GetCurrentInstant();
        var today = now.InZone(RegistryStore.Oslo).Date;
        var day = today;
        if (form.Date is not null)
        {
            if (IsoDate.Parse(form.Date) is not { } parsed)
            {
                return new EpisodeChange<EpisodeActionView>.Invalid("date", new LocalizedText($"«{form.Date}» er ikke en dato (ÅÅÅÅ-MM-DD)", $"'{form.Date}' is not a date (YYYY-MM-DD)"));
            }
            day = parsed;
        }
        if (form.Done && (day > today || day < start))
        {
            return new EpisodeChange<EpisodeActionView>.Invalid("date", new LocalizedText(
                "Datoen må være mellom forløpets start og i dag", "the date must be between the episode's start and today"));
        }
        await log.WriteGate.WaitAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.EpisodeActions.Where(a => a.EpisodeId == episodeId && a.ActionId == action.Id).ExecuteDeleteAsync(ct);
            if (form.Done)
            {
                db.EpisodeActions.Add(new EpisodeActionEntity
                {
                    EpisodeId = episodeId, ActionId = action.Id, DoneOn = day.ToDateOnly(), RecordedAt = now.ToDateTimeUtc(), RecordedBy = caller.Actor.UserName,
                });
                await db.SaveChangesAsync(ct);
            }
            await AccessLogger.AppendAsync(db, caller.Entry(now, episode.NationalId, AccessKind.Change,
                form.Done ? $"recommended action {action.Id} of episode {episodeId} done {IsoDate.Text(day)}" : $"recommended action {action.Id} of episode {episodeId} not done"), ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
            log.WriteGate.Release();
        }
        return new EpisodeChange<EpisodeActionView>.Recorded(new EpisodeActionView(action.Id, action.Name.Nb, action.Provenance.Verified,
            form.Done ? day.ToDateOnly() : null, form.Done ? caller.Actor.UserName : null));
    }
}
