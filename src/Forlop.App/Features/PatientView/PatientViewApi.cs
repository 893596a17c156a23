using Forlop.App.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Forlop.App.Features.PatientView;

/// <summary>
/// The patient's own view over HTTP (<c>/api/v1/me</c>): signed in as a person (ID-porten-style, decision 0029), never
/// with a staff cookie or token. Sample calls: patient-view.http.
/// </summary>
public static class PatientViewApi
{
    public static void AddPatientView(this IServiceCollection services) => services.AddScoped<MyPathwaysQuery>();

    public static void MapPatientViewApi(this WebApplication app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Patient's own view")
            .RequireAuthorization(PatientSignIn.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        me.MapGet("/pathways", async (HttpContext context, MyPathwaysQuery query, CancellationToken ct) =>
                Results.Ok(await query.OwnAsync(Citizen.Of(context)!, ct)))
            .WithName("GetMyPathways")
            .WithSummary("The signed-in person's own pathways: what has happened, what comes next and by when (with the predicted range), the coordinator; logged")
            .Produces<MyPathways>();

        me.MapGet("/access-log", async (HttpContext context, MyPathwaysQuery query, CancellationToken ct) =>
                Results.Ok(await query.AccessLogAsync(Citizen.Of(context)!, ct)))
            .WithName("GetMyAccessLog")
            .WithSummary("Who has read or changed the signed-in person's data, newest first (at most 200 entries; this reading is logged too)")
            .Produces<IReadOnlyList<MyAccess>>();

        me.MapGet("/consents", async (HttpContext context, MyPathwaysQuery query, CancellationToken ct) =>
                Results.Ok(await query.ConsentsAsync(Citizen.Of(context)!, ct)))
            .WithName("ListMyConsents")
            .WithSummary("The consents the signed-in patient gave relatives, revoked ones with the time they ended")
            .Produces<IReadOnlyList<MyConsent>>();

        me.MapPost("/consents", async (ConsentForm form, HttpContext context, MyPathwaysQuery query, CancellationToken ct) =>
                await query.GiveConsentAsync(Citizen.Of(context)!, form, ct) switch
                {
                    Outcome<MyConsent>.Ready { Value: var consent } => Results.Created($"/api/v1/me/consents/{consent.Id}", consent),
                    var refused => refused.Problem(),
                })
            .WithName("GiveConsent")
            .WithSummary("The patient lets a named relative (by identity number) see her pathways; 409 when that relative has her consent already")
            .Produces<MyConsent>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        me.MapDelete("/consents/{id:long}", async (long id, HttpContext context, MyPathwaysQuery query, CancellationToken ct) =>
                await query.RevokeConsentAsync(Citizen.Of(context)!, id, ct) switch
                {
                    Outcome<MyConsent>.Ready { Value: var consent } => Results.Ok(consent),
                    var refused => refused.Problem(),
                })
            .WithName("RevokeConsent")
            .WithSummary("The patient ends a consent she gave; the relative's next request is refused")
            .Produces<MyConsent>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        me.MapGet("/shared-with-me", async (HttpContext context, MyPathwaysQuery query, CancellationToken ct) =>
                Results.Ok(await query.SharedWithMeAsync(Citizen.Of(context)!, ct)))
            .WithName("ListSharedWithMe")
            .WithSummary("The patients who gave the signed-in person consent as their relative (each logged as read)")
            .Produces<IReadOnlyList<SharedWithMe>>();

        me.MapGet("/shared-with-me/{consentId:long}/pathways", async (long consentId, HttpContext context, MyPathwaysQuery query, CancellationToken ct) =>
                await query.OfPatientAsync(Citizen.Of(context)!, consentId, ct) switch
                {
                    Outcome<MyPathways>.Ready { Value: var pathways } => Results.Ok(pathways),
                    var refused => refused.Problem(),
                })
            .WithName("GetRelativesPathways")
            .WithSummary("A patient's pathways for her relative, only while her consent stands (otherwise 404); logged as the relative's read")
            .Produces<MyPathways>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        // The page's forms (no script needed): give and withdraw a consent, then back to the page with a message.
        var forms = app.MapGroup("/mitt-forlop/konto").RequireAuthorization(PatientSignIn.Policy).ExcludeFromDescription();
        forms.MapPost("/samtykke", async ([FromForm] string? relativeNationalId, [FromForm] string? relativeName, HttpContext context, MyPathwaysQuery query, CancellationToken ct) =>
            await query.GiveConsentAsync(Citizen.Of(context)!, new ConsentForm(relativeNationalId, relativeName), ct) is Outcome<MyConsent>.Ready
                ? Results.LocalRedirect("/mitt-forlop?samtykke=lagret")
                : Results.LocalRedirect("/mitt-forlop?samtykke=feil"));
        forms.MapPost("/samtykke/{id:long}/trekk", async (long id, HttpContext context, MyPathwaysQuery query, CancellationToken ct) =>
            await query.RevokeConsentAsync(Citizen.Of(context)!, id, ct) is Outcome<MyConsent>.Ready
                ? Results.LocalRedirect("/mitt-forlop?samtykke=trukket")
                : Results.LocalRedirect("/mitt-forlop?samtykke=feil"));
    }
}
