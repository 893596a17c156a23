using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Episodes;

public sealed record CoordinatorAssignment(string? Coordinator);

public static class EpisodeApi
{
    public static void MapEpisodeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/episodes/{id:long}", async (long id, HttpContext context, RegistryDb db, EpisodeLinker linker, OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct) =>
            {
                var timeline = await EpisodeTimelineQuery.RunAsync(db, linker, organisations, log, Caller.Of(context)!, id, clock, ct);
                if (timeline is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"there is no episode {id}");
                }
                context.Response.Headers.ETag = Concurrency.ETag(timeline.Version);
                return Results.Ok(timeline);
            })
            .WithName("GetEpisode")
            .WithSummary("One episode: its points, intervals against their standards, history, findings and next deadline")
            .Produces<EpisodeTimeline>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/episodes/{id:long}/coordinator", async (long id, CoordinatorAssignment body, HttpContext context, RegistryDb db, AccessLogWriter log, IClock clock, CancellationToken ct) =>
            {
                var caller = Caller.Of(context)!;
                var episode = await db.Episodes.AsNoTracking().Where(e => e.Id == id)
                    .Join(db.Patients, e => e.PatientId, p => p.Id, (e, p) => new { e.Hf, e.Unit, p.NationalId }).SingleOrDefaultAsync(ct);
                if (episode is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"there is no episode {id}");
                }
                if (!AccessPolicy.MayAccessPatientData(caller.Actor, episode.Hf, episode.Unit) || caller.Actor.Role == Role.HospitalSystem)
                {
                    throw new AccessDeniedException("this episode belongs to a hospital trust or unit outside your access");
                }
                if (body.Coordinator is { Length: > 0 } name
                    && !await db.Users.AnyAsync(u => u.UserName == name && u.IsActive && u.Role == "coordinator" && u.Organisation == episode.Hf, ct))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["coordinator"] = [$"{name} is not a coordinator at {episode.Hf}"] });
                }
                var now = clock.GetCurrentInstant();
                await log.WriteGate.WaitAsync(ct);
                try
                {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.EpisodeAssignments.Where(a => a.EpisodeId == id).ExecuteDeleteAsync(ct);
                if (body.Coordinator is { Length: > 0 } coordinator)
                {
                    db.EpisodeAssignments.Add(new EpisodeAssignmentEntity { EpisodeId = id, Coordinator = coordinator, AssignedAt = now.ToDateTimeUtc(), AssignedBy = caller.Actor.UserName });
                    await db.SaveChangesAsync(ct);
                }
                await AccessLogger.AppendAsync(db, caller.Entry(now, episode.NationalId, AccessKind.Change,
                    body.Coordinator is { Length: > 0 } c ? $"assigned episode {id} to {c}" : $"removed the coordinator of episode {id}"), ct);
                await transaction.CommitAsync(ct);
                }
                finally
                {
                    log.WriteGate.Release();
                }
                return Results.NoContent();
            })
            .WithName("AssignCoordinator")
            .WithSummary("Sets (or, with null, removes) the coordinator who follows an episode")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
