using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Episodes;

/// <summary>A coordinator who may follow an episode: active, of the episode's HF, and with the episode's unit in her scope.</summary>
public sealed record CoordinatorChoice(string UserName, string DisplayName);

/// <summary>How an assignment went: done, no such episode, a coordinator who cannot follow it, or a stale version.</summary>
public abstract record AssignmentResult
{
    public sealed record Assigned(string? Coordinator) : AssignmentResult;

    public sealed record NotFound(long EpisodeId) : AssignmentResult;

    public sealed record Refused(LocalizedText Reason) : AssignmentResult;

    /// <summary>The caller sees the episode but her role may not choose who follows it (HTTP 403).</summary>
    public sealed record NotAllowed(LocalizedText Reason) : AssignmentResult;

    /// <summary>Someone changed the coordinator after the caller read it; nothing was changed.</summary>
    public sealed record Conflict(string? Current) : AssignmentResult;

    /// <summary>The caller sent no version, so a change of someone else could be overwritten unseen.</summary>
    public sealed record VersionMissing : AssignmentResult;
}

/// <summary>
/// Sets (or removes) the coordinator who follows an episode: the API's <c>PUT /api/v1/episodes/{id}/coordinator</c>
/// and the timeline page both come here. The assignment's version is who it names (see <see cref="VersionOf"/>):
/// an assignment that was read as "Kari" and meanwhile became "Bjørg" is refused as stale, never overwritten.
/// </summary>
public static class AssignCoordinator
{
    /// <summary>
    /// The version of an assignment as an opaque tag. Assignments are kept apart from the events, so the patient's
    /// record version does not move with them; the name itself is enough, since going back to a name already seen
    /// leaves nothing to lose.
    /// </summary>
    public static string VersionOf(string? coordinator) => "coordinator:" + coordinator;

    /// <summary>Whether the actor's role lets her choose who follows an episode (in scope, AccessPolicy decides).</summary>
    public static bool MayAssign(Actor actor) => actor.Role is Role.Coordinator or Role.ClinicalLead;

    /// <summary>Active coordinators of the HF who see the unit, by name.</summary>
    public static async Task<IReadOnlyList<CoordinatorChoice>> CandidatesAsync(RegistryDb db, string hf, string unit, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.Role == "coordinator" && u.Organisation == hf && u.IsActive).ToListAsync(ct))
            .Where(u => AccessPolicy.MayAccessPatientData(LocalAccounts.ToActor(u), hf, unit))
            .OrderBy(u => u.DisplayName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nb-NO"), false))
            .Select(u => new CoordinatorChoice(u.UserName, u.DisplayName))
            .ToList();

    /// <summary>
    /// Assigns <paramref name="coordinator"/> (null removes the assignment) when the assignment is still at
    /// <paramref name="seenVersion"/>. An episode outside the caller's scope is <c>NotFound</c>, a role that may not assign <c>NotAllowed</c>.
    /// The change and its access-log entry commit together.
    /// </summary>
    public static async Task<AssignmentResult> RunAsync(RegistryDb db, AccessLogWriter log, IClock clock, Caller caller, long episodeId, string? coordinator, string? seenVersion,
        CancellationToken ct)
    {
        coordinator = string.IsNullOrWhiteSpace(coordinator) ? null : coordinator.Trim();
        var episode = await db.Episodes.AsNoTracking().Where(e => e.Id == episodeId)
            .Join(db.Patients, e => e.PatientId, p => p.Id, (e, p) => new { e.Hf, e.Unit, p.NationalId }).SingleOrDefaultAsync(ct);
        if (episode is null)
        {
            return new AssignmentResult.NotFound(episodeId);
        }
        // Another scope's episode is as missing as one that does not exist (issue 16); a role that may not assign is told so.
        if (!AccessPolicy.MayAccessPatientData(caller.Actor, episode.Hf, episode.Unit))
        {
            return new AssignmentResult.NotFound(episodeId);
        }
        if (!MayAssign(caller.Actor))
        {
            return new AssignmentResult.NotAllowed(new LocalizedText(
                "rollen din kan ikke velge hvem som følger et forløp", "your role may not choose who follows an episode"));
        }
        if (seenVersion is null)
        {
            return new AssignmentResult.VersionMissing();
        }
        if (coordinator is not null && !(await CandidatesAsync(db, episode.Hf, episode.Unit, ct)).Any(c => string.Equals(c.UserName, coordinator, StringComparison.Ordinal)))
        {
            return new AssignmentResult.Refused(new LocalizedText(
                $"{coordinator} er ikke en aktiv forløpskoordinator som kan følge pasienter ved {episode.Unit}",
                $"{coordinator} is not an active coordinator at {episode.Hf} who may follow patients of {episode.Unit}"));
        }
        var now = clock.GetCurrentInstant();
        await log.WriteGate.WaitAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Compared inside the one writer's gate and transaction, so two assignments read at the same version cannot both pass.
            var current = await db.EpisodeAssignments.Where(a => a.EpisodeId == episodeId).Select(a => a.Coordinator).SingleOrDefaultAsync(ct);
            if (!string.Equals(VersionOf(current), seenVersion, StringComparison.Ordinal))
            {
                return new AssignmentResult.Conflict(current);
            }
            await db.EpisodeAssignments.Where(a => a.EpisodeId == episodeId).ExecuteDeleteAsync(ct);
            if (coordinator is not null)
            {
                db.EpisodeAssignments.Add(new EpisodeAssignmentEntity { EpisodeId = episodeId, Coordinator = coordinator, AssignedAt = now.ToDateTimeUtc(), AssignedBy = caller.Actor.UserName });
                await db.SaveChangesAsync(ct);
            }
            await AccessLogger.AppendAsync(db, caller.Entry(now, episode.NationalId, AccessKind.Change,
                coordinator is not null ? $"assigned episode {episodeId} to {coordinator}" : $"removed the coordinator of episode {episodeId}"), ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
            log.WriteGate.Release();
        }
        return new AssignmentResult.Assigned(coordinator);
    }
}
