using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Mdt;

/// <summary>
/// MDT meetings over the API (/api/v1/mdt-meetings): a team, a meeting, a patient on its list and the decision
/// registered as the clinical-decision point. In <see cref="PersonDataScenario"/> each A01 episode saw its first
/// attendance ten days ago, so its clinical decision (OF2, 12 days) is due in two days: before next week's meeting.
/// </summary>
public class MdtMeetingsTests
{
    internal static object Team(string name = "Bryst OUS") => new
    {
        name,
        pathways = new[] { "A01" },
        members = new object[]
        {
            new { name = "Per Patolog", role = "pathologist", organisation = "HB" },
            new { name = "Kari Kirurg", role = "surgeon" },
        },
    };

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Convene_List_Decide_RegistersTheDecisionPoint_ShowsItOnTheTimeline_AndLogsOncePerAction(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var ous = scenario.Places["OUS"];
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var today = scenario.Today.ToString("yyyy-MM-dd", null);

        var team = await (await coordinator.PostAsJsonAsync("/api/v1/mdt-meetings/teams", Team(), ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(team.GetProperty("members")[0].GetProperty("byVideo").GetBoolean());
        var convened = await coordinator.PostAsJsonAsync("/api/v1/mdt-meetings", new { teamId = team.GetProperty("id").GetInt64(), date = today, time = "14:00", count = 2 }, ct);
        Assert.Equal(HttpStatusCode.Created, convened.StatusCode);
        var meetings = await convened.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(2, meetings.GetArrayLength());
        var meetingId = meetings[0].GetProperty("id").GetInt64();
        Assert.Equal(scenario.Today.PlusDays(7).ToString("yyyy-MM-dd", null), meetings[0].GetProperty("nextMeeting").GetString());

        var logged = await scenario.LogEntriesAsync("koordinator", ous.NationalId);
        var added = await coordinator.PostAsJsonAsync($"/api/v1/mdt-meetings/{meetingId}/patients", new { episodeId = ous.EpisodeId, question = "Operasjon eller neoadjuvant?" }, ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(logged + 1, await scenario.LogEntriesAsync("koordinator", ous.NationalId));
        var twice = await coordinator.PostAsJsonAsync($"/api/v1/mdt-meetings/{meetingId}/patients", new { episodeId = ous.EpisodeId, question = "Igjen" }, ct);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var view = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/mdt-meetings/{meetingId}", ct);
        var listed = Assert.Single(view.GetProperty("patients").EnumerateArray());
        Assert.Equal(ous.NationalId, listed.GetProperty("nationalId").GetString());
        // Due in two days, the next meeting in seven: this meeting is the last within the standard.
        Assert.True(listed.GetProperty("dueBeforeNextMeeting").GetBoolean(), listed.ToString());
        Assert.Contains("A01CK", listed.GetProperty("decisionCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(logged + 2, await scenario.LogEntriesAsync("koordinator", ous.NationalId));

        var decided = await coordinator.PostAsJsonAsync($"/api/v1/mdt-meetings/{meetingId}/patients/{ous.EpisodeId}/decision",
            new { code = "A01CK", decidedBy = "MDT bryst", decision = "Brystbevarende kirurgi", carriedOutBy = "Kari Kirurg", dueBy = scenario.Today.PlusDays(10).ToString("yyyy-MM-dd", null) }, ct);
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        Assert.Equal(logged + 3, await scenario.LogEntriesAsync("koordinator", ous.NationalId));
        var again = await coordinator.PostAsJsonAsync($"/api/v1/mdt-meetings/{meetingId}/patients/{ous.EpisodeId}/decision",
            new { code = "A01CK", decidedBy = "MDT", decision = "x", carriedOutBy = "y", dueBy = today }, ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var timeline = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/episodes/{ous.EpisodeId}", ct);
        Assert.Contains(timeline.GetProperty("points").EnumerateArray(), p => p.GetProperty("code").GetString() == "A01CK" && p.GetProperty("date").GetString() == today);
        var decision = Assert.Single(timeline.GetProperty("mdtDecisions").EnumerateArray());
        Assert.Equal("Brystbevarende kirurgi", decision.GetProperty("decision").GetString());
        Assert.Equal("Kari Kirurg", decision.GetProperty("carriedOutBy").GetString());
        await using var db = scenario.OpenDb();
        // One entry for the decision and its point together.
        Assert.Equal(1, await db.AccessLog.CountAsync(e => e.Patient == ous.NationalId && e.Kind == "change" && e.What.Contains("decision of MDT meeting"), ct));
    }

    [Fact]
    public async Task Decide_WithAnIncompleteRecord_Gets400_AndRegistersNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var ous = scenario.Places["OUS"];
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var meetingId = await ConveneWithPatientAsync(coordinator, scenario.Today, ous.EpisodeId);
        await using var db = scenario.OpenDb();
        var events = await db.Events.CountAsync(ct);

        var response = await coordinator.PostAsJsonAsync($"/api/v1/mdt-meetings/{meetingId}/patients/{ous.EpisodeId}/decision",
            new { code = "A01CK", decidedBy = "MDT", decision = "Kirurgi", carriedOutBy = "" }, ct);
        var notADecision = await coordinator.PostAsJsonAsync($"/api/v1/mdt-meetings/{meetingId}/patients/{ous.EpisodeId}/decision",
            new { code = "A01FK", decidedBy = "MDT", decision = "Kirurgi", carriedOutBy = "Kari", dueBy = scenario.Today.ToString("yyyy-MM-dd", null) }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("say who carries the decision out", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notADecision.StatusCode);
        Assert.Equal(events, await db.Events.CountAsync(ct));
    }

    [Fact]
    public async Task Team_WithoutAPathologist_Gets400()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var coordinator = await scenario.SignedInAsync("koordinator");

        var response = await coordinator.PostAsJsonAsync("/api/v1/mdt-meetings/teams",
            new { name = "Uten patolog", pathways = new[] { "A01" }, members = new[] { new { name = "Kari", role = "surgeon" } } }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the team needs a pathologist", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintedList_IsAPdf_NeverCached_AndLogsThePatientsInIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var ous = scenario.Places["OUS"];
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var meetingId = await ConveneWithPatientAsync(coordinator, scenario.Today, ous.EpisodeId);
        var logged = await scenario.LogEntriesAsync("koordinator", ous.NationalId);

        var response = await coordinator.GetAsync(new Uri($"/api/v1/mdt-meetings/{meetingId}/list.pdf", UriKind.Relative), ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(logged + 1, await scenario.LogEntriesAsync("koordinator", ous.NationalId));
    }

    /// <summary>A team of the caller's HF, a meeting on <paramref name="day"/> and the episode on its list; the meeting's id.</summary>
    internal static async Task<long> ConveneWithPatientAsync(HttpClient client, NodaTime.LocalDate day, long episodeId)
    {
        var ct = TestContext.Current.CancellationToken;
        var team = await (await client.PostAsJsonAsync("/api/v1/mdt-meetings/teams", Team(), ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var meetings = await (await client.PostAsJsonAsync("/api/v1/mdt-meetings",
            new { teamId = team.GetProperty("id").GetInt64(), date = day.ToString("yyyy-MM-dd", null), time = "14:00" }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var meetingId = meetings[0].GetProperty("id").GetInt64();
        var added = await client.PostAsJsonAsync($"/api/v1/mdt-meetings/{meetingId}/patients", new { episodeId, question = "Behandling?" }, ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return meetingId;
    }
}
