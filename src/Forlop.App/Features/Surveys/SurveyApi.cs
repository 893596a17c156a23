using System.ComponentModel;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Forlop.App.Features.Surveys;

/// <summary>Experience surveys over HTTP: a coordinator's link for an ended pathway, the answer by that link, the public results. Sample calls: surveys.http.</summary>
public static class SurveyApi
{
    public static void AddExperienceSurveys(this IServiceCollection services) => services.AddScoped<ExperienceSurveys>();

    /// <summary>The link for an ended pathway: in the person-data group, scoped and logged like the episode it is for.</summary>
    public static void MapSurveyInvitationApi(this RouteGroupBuilder api) =>
        api.MapPost("/episodes/{id:long}/survey-invitations", async (long id, InvitationForm form, HttpContext context, ExperienceSurveys surveys, CancellationToken ct) =>
                await surveys.InviteAsync(Caller.Of(context)!, id, form.Kind ?? SurveyKind.Patient, ct) switch
                {
                    Outcome<SurveyInvitation>.Ready { Value: var invitation } => Results.Created(invitation.Link, invitation),
                    var refused => refused.Problem(),
                })
            .WithTags("Experience surveys")
            .WithName("InviteToSurvey")
            .WithSummary("A one-time link to the patient's or a relative's experience survey for an ended pathway of the caller's scope (shown once; logged)")
            .Produces<SurveyInvitation>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>Answering needs no account: the link's token is the only key, and the answer is stored apart from identity.</summary>
    public static void MapSurveyApi(this WebApplication app)
    {
        var surveys = app.MapGroup("/api/v1/surveys").WithTags("Experience surveys").AllowAnonymous();

        surveys.MapGet("/{token}", async (string token, ExperienceSurveys service, CancellationToken ct) =>
                await service.OpenAsync(token, ct) switch
                {
                    Outcome<SurveyToAnswer>.Ready { Value: var survey } => Results.Ok(survey),
                    var refused => refused.Problem(),
                })
            .WithName("OpenSurvey")
            .WithSummary("The survey a link opens: its questions (scale 1–5) and the pathway and hospital it is about; unknown or expired 404, answered 409")
            .Produces<SurveyToAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        surveys.MapPost("/{token}", async (string token, SurveyAnswerForm form, ExperienceSurveys service, CancellationToken ct) =>
                await service.AnswerAsync(token, form, ct) switch
                {
                    Outcome<bool>.Ready => Results.NoContent(),
                    var refused => refused.Problem(),
                })
            .WithName("AnswerSurvey")
            .WithSummary("Answers a survey once (scores by question id, 1–5); the answer keeps only pathway, HF, period and kind")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/v1/survey-results", async (ExperienceSurveys service, CancellationToken ct,
                [Description("The period: YYYY, YYYY-Tn, YYYY-Qn or YYYY-MM (answers count under the tertial the pathway ended in)")] string period,
                [Description("Suppress counts below this (never below 3)")] int? minCount) =>
                await service.ResultsAsync(period, minCount, ct) switch
                {
                    Outcome<SurveyResults>.Ready { Value: var results } => Results.Ok(results),
                    var refused => refused.Problem(),
                })
            .AllowAnonymous()
            .WithTags("Experience surveys")
            .WithName("GetSurveyResults")
            .WithSummary("Survey results per HF and pathway and nationally, suppressed as every public figure (small counts and what gives them away)")
            .Produces<SurveyResults>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        // The page's form (no script needed): scores q1…q4 as form fields, then a thank-you or the reason back on the page.
        app.MapPost("/sporreskjema/{token}/svar", async (string token, [FromForm] int? q1, [FromForm] int? q2, [FromForm] int? q3, [FromForm] int? q4,
            ExperienceSurveys service, CancellationToken ct) =>
        {
            var scores = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (id, value) in new[] { ("q1", q1), ("q2", q2), ("q3", q3), ("q4", q4) })
            {
                if (value is { } v)
                {
                    scores[id] = v;
                }
            }
            return await service.AnswerAsync(token, new SurveyAnswerForm(scores), ct) switch
            {
                Outcome<bool>.Ready => Results.LocalRedirect("/sporreskjema/takk"),
                Outcome<bool>.Invalid => Results.LocalRedirect($"/sporreskjema/{Uri.EscapeDataString(token)}?feil=1"),
                _ => Results.LocalRedirect($"/sporreskjema/{Uri.EscapeDataString(token)}"),
            };
        }).ExcludeFromDescription();
    }
}
