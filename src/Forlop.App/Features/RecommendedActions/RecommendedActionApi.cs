using System.ComponentModel;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Episodes;
using Forlop.App.Hosting;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using NodaTime;

namespace Forlop.App.Features.RecommendedActions;

/// <summary>Recommended actions: ticked per episode (person data) and the share done per HF and pathway (figures). Sample calls: recommended-actions.http.</summary>
public static class RecommendedActionApi
{
    public static void MapRecommendedActionApi(this RouteGroupBuilder personData)
    {
        personData.MapPut("/episodes/{id:long}/recommended-actions/{action}", async (long id, string action, RecommendedActionForm body, HttpContext context,
                RegistryDb db, RecommendedActionCatalogue actions, OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct) =>
                (await RecordRecommendedAction.RunAsync(db, actions, organisations, log, clock, Caller.Of(context)!, id, action, body, ct)).Answer())
            .WithName("RecordRecommendedAction")
            .WithSummary("Records whether a recommended action of the episode's pathway (catalog/recommended-actions/) was done, and on which day (default today)")
            .Produces<EpisodeActionView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static void MapRecommendedActionFigures(this WebApplication app)
    {
        app.MapGroup("/api/v1")
            .RequireAuthorization(AccountsSetup.FiguresPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .MapGet("/recommended-actions", async (HttpContext context, RegistryDb db, RecommendedActionCatalogue actions, OrganisationDirectory organisations, CancellationToken ct,
                [Description("A year, tertial, quarter or month the episodes started in: 2026, 2026-T3, 2026-Q4, 2026-09")] string? period,
                [Description("The HF (health trust) code, e.g. OUS")] string? hf) =>
            {
                var outcome = await RecommendedActionFigures.RunAsync(db, actions, organisations, Caller.Of(context)!, period, hf, ct);
                return outcome is Outcome<ActionFigures>.Ready ready ? Results.Ok(ready.Value) : outcome.Problem();
            })
            .WithName("GetRecommendedActionShares")
            .WithSummary("The share of episodes started in the period with each recommended action done, per pathway, for an HF")
            .Produces<ActionFigures>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
