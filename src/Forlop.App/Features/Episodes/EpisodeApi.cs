using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.App.Features.Episodes;

public sealed record CoordinatorAssignment(string? Coordinator);

public static class EpisodeApi
{
    /// <summary>The same words for a missing episode and another HF's, so the answer does not tell them apart.</summary>
    public const string NoSuchEpisode = "there is no such episode, or it is outside your access";

    public static void MapEpisodeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/episodes/{id:long}", async (long id, HttpContext context, RegistryDb db, EpisodeLinker linker, OrganisationDirectory organisations,
                Forlop.Domain.Catalogue.RecommendedActionCatalogue actions, Predictions.BreachHistory predictions, AccessLogWriter log, IClock clock, CancellationToken ct) =>
            {
                var timeline = await EpisodeTimelineQuery.RunAsync(db, linker, organisations, actions, predictions, log, Caller.Of(context)!, id, clock, ct);
                if (timeline is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: NoSuchEpisode);
                }
                context.Response.Headers.ETag = Concurrency.ETag(timeline.Version);
                return Results.Ok(timeline);
            })
            .WithName("GetEpisode")
            .WithSummary("One episode: its points, intervals against their standards (a transferred journey's split per HF), history, findings, next deadline and its forecast (probability of a breach, median and 80 % interval of the expected date)")
            .Produces<EpisodeTimeline>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/episodes/{id:long}/coordinator", async (long id, CoordinatorAssignment body, HttpContext context, RegistryDb db, AccessLogWriter log, IClock clock, CancellationToken ct) =>
                await AssignCoordinator.RunAsync(db, log, clock, Caller.Of(context)!, id, body.Coordinator, Concurrency.IfMatch(context), ct) switch
                {
                    AssignmentResult.Assigned => Results.NoContent(),
                    AssignmentResult.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: NoSuchEpisode),
                    AssignmentResult.Refused refused => Results.ValidationProblem(new Dictionary<string, string[]> { ["coordinator"] = [refused.Reason.En] }),
                    AssignmentResult.NotAllowed notAllowed => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "No access", detail: notAllowed.Reason.En),
                    AssignmentResult.Conflict conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile",
                        detail: $"the coordinator was changed to {conflict.Current ?? "nobody"} after you read it; read the episode again"),
                    _ => Results.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "Version required",
                        detail: "send the episode's coordinatorVersion (GET /api/v1/episodes/{id}) in If-Match"),
                })
            .WithName("AssignCoordinator")
            .WithMetadata(new Serve.IfMatchHeader(true, "Required: the episode's coordinatorVersion from GET /api/v1/episodes/{id}; without it 428, a stale one 409"))
            .WithSummary("Sets (or, with null, removes) the coordinator who follows an episode; If-Match carries the coordinatorVersion read")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
