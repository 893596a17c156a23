using System.ComponentModel;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using Forlop.Domain.Access;

namespace Forlop.App.Features.Hjem;

/// <summary>Pakkeforløp hjem over HTTP (<c>/api/v1/hjem</c>): the same <see cref="HjemCoordination"/> the page calls. Sample calls: hjem.http.</summary>
public static class HjemApi
{
    /// <summary>Signed in as the hospital's person-data roles or as a municipality's coordinator; the rest is decided per hand-over.</summary>
    public const string Policy = "hjem";

    public static void AddHjem(this IServiceCollection services)
    {
        services.AddScoped<HjemCoordination>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => ActorClaims.FromPrincipal(c.User) is { } actor && (actor.SeesPersonData || actor.Role == Role.MunicipalityCoordinator)));
    }

    public static void MapHjemApi(this WebApplication app)
    {
        var hjem = app.MapGroup("/api/v1/hjem").WithTags("Pakkeforløp hjem")
            .RequireAuthorization(Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        hjem.MapGet("/handovers", async (HttpContext context, HjemCoordination coordination, CancellationToken ct,
                [Description("Only the hand-overs to this municipality (number)")] string? municipality) =>
                Results.Ok(await coordination.ListAsync(Caller.Of(context)!, municipality, ct)))
            .WithName("ListHjemHandOvers")
            .WithSummary("The hand-overs the caller sees, newest first: the hospital its scope's, a municipality its own residents' only; each logged")
            .Produces<IReadOnlyList<HjemHandOver>>();

        hjem.MapPost("/handovers", async (HandOverForm form, HttpContext context, HjemCoordination coordination, CancellationToken ct) =>
                await coordination.HandOverAsync(Caller.Of(context)!, form, ct) switch
                {
                    Outcome<HjemHandOver>.Ready { Value: var handOver } => Results.Created($"/api/v1/hjem/handovers/{handOver.Id}", handOver),
                    var refused => refused.Problem(),
                })
            .WithName("HandOverHjemAssessment")
            .WithSummary("Records the needs assessment of a cancer episode in the caller's scope and hands it on to the patient's municipality (one access-log entry); twice is 409")
            .Produces<HjemHandOver>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        hjem.MapGet("/handovers/{id:long}", async (long id, HttpContext context, HjemCoordination coordination, CancellationToken ct) =>
                await coordination.GetAsync(Caller.Of(context)!, id, ct) switch
                {
                    Outcome<HjemHandOver>.Ready { Value: var handOver } => Results.Ok(handOver),
                    var refused => refused.Problem(),
                })
            .WithName("GetHjemHandOver")
            .WithSummary("One hand-over with its receipt and the municipality's conversations (logged); another scope's or municipality's is 404")
            .Produces<HjemHandOver>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        hjem.MapPut("/handovers/{id:long}/receipt", async (long id, HttpContext context, HjemCoordination coordination, CancellationToken ct) =>
                await coordination.ConfirmReceiptAsync(Caller.Of(context)!, id, ct) switch
                {
                    Outcome<HjemHandOver>.Ready { Value: var handOver } => Results.Ok(handOver),
                    var refused => refused.Problem(),
                })
            .WithName("ConfirmHjemReceipt")
            .WithSummary("The municipality confirms it received the hand-over (its own coordinator only; one access-log entry); twice is 409")
            .Produces<HjemHandOver>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        hjem.MapPost("/handovers/{id:long}/conversations", async (long id, ConversationForm form, HttpContext context, HjemCoordination coordination, CancellationToken ct) =>
                await coordination.RecordConversationAsync(Caller.Of(context)!, id, form, ct) switch
                {
                    Outcome<HjemHandOver>.Ready { Value: var handOver } => Results.Created($"/api/v1/hjem/handovers/{id}", handOver),
                    var refused => refused.Problem(),
                })
            .WithName("RecordHjemConversation")
            .WithSummary("The municipality records its conversation at about 3–4 months (early) or 12–18 months (late) after receipt (one access-log entry)")
            .Produces<HjemHandOver>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        hjem.MapGet("/due", async (HttpContext context, HjemCoordination coordination, CancellationToken ct) =>
                Results.Ok(await coordination.DueAsync(Caller.Of(context)!, ct)))
            .WithName("ListHjemDue")
            .WithSummary("Per municipality, who is due for a conversation (from two weeks before the window opens); each patient listed is logged")
            .Produces<IReadOnlyList<HjemDueList>>();
    }
}
