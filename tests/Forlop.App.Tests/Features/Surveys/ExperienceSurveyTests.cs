using System.Net;
using System.Net.Http.Json;
using Forlop.App.Data;
using Forlop.App.Features.Surveys;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Surveys;

/// <summary>
/// Experience surveys (issue 13 item 4, decision 0029): a one-time link for an ended pathway, answered without an
/// account and stored apart from identity; results per HF and pathway with the public figures' small-number suppression.
/// </summary>
public class ExperienceSurveyTests
{
    /// <summary>The API's JSON: enums as the kebab-case words (patient, relative).</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(Forlop.Domain.EnumNames.JsonPolicy) },
    };

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Link_IsAnsweredOnceWithoutAnAccount_AndTheAnswerHoldsNoIdentity(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind, completed: true);
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var ended = scenario.Completed["OUS"];

        // Only for an ended pathway of the caller's scope; once per kind.
        Assert.Equal(HttpStatusCode.BadRequest,
            (await coordinator.PostAsJsonAsync($"/api/v1/episodes/{scenario.Places["OUS"].EpisodeId}/survey-invitations", new { kind = "patient" }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await coordinator.PostAsJsonAsync($"/api/v1/episodes/{scenario.Completed["HB"].EpisodeId}/survey-invitations", new { kind = "patient" }, ct)).StatusCode);
        var before = await scenario.LogEntriesAsync("koordinator", ended.NationalId);
        var invited = await coordinator.PostAsJsonAsync($"/api/v1/episodes/{ended.EpisodeId}/survey-invitations", new { kind = "patient" }, ct);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitation = (await invited.Content.ReadFromJsonAsync<SurveyInvitation>(Json, ct))!;
        Assert.Equal(before + 1, await scenario.LogEntriesAsync("koordinator", ended.NationalId));
        Assert.Equal(HttpStatusCode.Conflict,
            (await coordinator.PostAsJsonAsync($"/api/v1/episodes/{ended.EpisodeId}/survey-invitations", new { kind = "patient" }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await coordinator.PostAsJsonAsync($"/api/v1/episodes/{ended.EpisodeId}/survey-invitations", new { kind = "relative" }, ct)).StatusCode);

        using var anonymous = scenario.Anonymous();
        var token = invitation.Link["/sporreskjema/".Length..];
        var survey = await anonymous.GetFromJsonAsync<SurveyToAnswer>($"/api/v1/surveys/{token}", Json, ct);
        Assert.Equal(SurveyKind.Patient, survey!.Kind);
        Assert.Equal(["q1", "q2", "q3", "q4"], survey.Questions.Select(q => q.Id));
        Assert.DoesNotContain(ended.NationalId, await anonymous.GetStringAsync(new Uri($"/api/v1/surveys/{token}", UriKind.Relative), ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync($"/api/v1/surveys/{token}", new { scores = new { q1 = 6 } }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync($"/api/v1/surveys/{token}", new { scores = new { q9 = 3 } }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync($"/api/v1/surveys/{token}", new { scores = new { q1 = 5, q2 = 4, q4 = 2 } }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.PostAsJsonAsync($"/api/v1/surveys/{token}", new { scores = new { q1 = 1 } }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/api/v1/surveys/not-a-token", UriKind.Relative), ct)).StatusCode);

        await using var db = scenario.OpenDb();
        var answer = await db.SurveyAnswers.SingleAsync(ct);
        Assert.Equal(("patient", "A01", "OUS", ExperienceSurveys.TertialOf(scenario.Today.PlusDays(-5).ToDateOnly())), (answer.Kind, answer.Pathway, answer.Hf, answer.Period));
        Assert.Equal((5, 4, (int?)null, 2), (answer.Q1, answer.Q2, answer.Q3, answer.Q4));
        // Nothing in the answer's row leads back to a person, an episode, an invitation or a time.
        var columns = db.Model.FindEntityType(typeof(SurveyAnswerEntity))!.GetProperties().Select(p => p.Name).ToList();
        Assert.Equal(["Hf", "Id", "Kind", "Pathway", "Period", "Q1", "Q2", "Q3", "Q4"], columns.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Results_BelowTheThreshold_AreSuppressed_WithWhatWouldGiveThemAway()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var period = ExperienceSurveys.TertialOf(scenario.Today.ToDateOnly());
        await using (var db = scenario.OpenDb())
        {
            // OUS: six answers; HB: two, below the threshold of 3.
            foreach (var (hf, count) in new[] { ("OUS", 6), ("HB", 2) })
            {
                for (var i = 0; i < count; i++)
                {
                    db.SurveyAnswers.Add(new SurveyAnswerEntity { Id = Guid.NewGuid(), Kind = "patient", Pathway = "A01", Hf = hf, Period = period, Q1 = i % 2 == 0 ? 5 : 2, Q2 = 4, Q3 = 4, Q4 = 5 });
                }
            }
            await db.SaveChangesAsync(ct);
        }
        using var anonymous = scenario.Anonymous();

        var results = (await anonymous.GetFromJsonAsync<SurveyResults>($"/api/v1/survey-results?period={period}", Json, ct))!;

        var hb = results.Rows.Single(r => r.Hf == "HB");
        var ous = results.Rows.Single(r => r.Hf == "OUS");
        var total = results.Rows.Single(r => r.Hf is null);
        Assert.Null(hb.Respondents);
        Assert.All(hb.Questions, q => Assert.True(q.Answered is null && q.Agreed is null && q.SharePercent is null));
        // The total less OUS would give HB's two away: one of them is hidden too.
        Assert.True(ous.Respondents is null || total.Respondents is null, $"OUS {ous.Respondents}, total {total.Respondents}");
        for (var q = 0; q < 4; q++)
        {
            Assert.True(ous.Questions[q].Answered is null || total.Questions[q].Answered is null, $"question {q + 1} gives HB away");
        }
        Assert.Equal(3, results.MinCount);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync(new Uri("/api/v1/survey-results?period=not-a-period", UriKind.Relative), ct)).StatusCode);
    }

    [Fact]
    public async Task Results_AtOrAboveTheThreshold_AreShown_WithTheShareThatAgreed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var period = ExperienceSurveys.TertialOf(scenario.Today.ToDateOnly());
        await using (var db = scenario.OpenDb())
        {
            foreach (var hf in new[] { "OUS", "HB" })
            {
                for (var i = 0; i < 6; i++)
                {
                    // Half agree (4 or 5) with q1 at each HF, three and three: no count below the threshold; the rest agree all.
                    db.SurveyAnswers.Add(new SurveyAnswerEntity { Id = Guid.NewGuid(), Kind = "patient", Pathway = "A01", Hf = hf, Period = period, Q1 = i < 3 ? 4 : 1, Q2 = 5, Q3 = 5, Q4 = 5 });
                }
            }
            await db.SaveChangesAsync(ct);
        }
        using var anonymous = scenario.Anonymous();

        var results = (await anonymous.GetFromJsonAsync<SurveyResults>($"/api/v1/survey-results?period={scenario.Today.Year}", Json, ct))!;

        var total = results.Rows.Single(r => r.Hf is null);
        Assert.Equal(12, total.Respondents);
        Assert.Equal((12, 6, "50.0"), (total.Questions[0].Answered, total.Questions[0].Agreed, total.Questions[0].SharePercent));
        Assert.All(results.Rows.Where(r => r.Hf is not null), r => Assert.Equal(6, r.Respondents));
    }
}
