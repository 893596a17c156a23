using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.RecommendedActions;

/// <summary>
/// Recommended actions of catalog/recommended-actions/ ticked per episode (PUT /api/v1/episodes/{id}/recommended-actions/{action})
/// and the share done per HF and pathway (GET /api/v1/recommended-actions). The scenario's A01 episodes started 20 days ago.
/// </summary>
public class RecommendedActionsTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Tick_AnActionOfThePathway_IsShownOnTheTimeline_LoggedOnce_AndMovesTheShare(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var ous = scenario.Places["OUS"];
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var period = scenario.Today.PlusDays(-20).ToString("yyyy", null);
        var before = await ShareAsync(coordinator, period);
        var logged = await scenario.LogEntriesAsync("koordinator", ous.NationalId);
        var day = scenario.Today.PlusDays(-3).ToString("yyyy-MM-dd", null);

        var response = await coordinator.PutAsJsonAsync($"/api/v1/episodes/{ous.EpisodeId}/recommended-actions/coordinator-named", new { done = true, date = day }, ct);
        var timeline = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/episodes/{ous.EpisodeId}", ct);
        var after = await ShareAsync(coordinator, period);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(logged + 2, await scenario.LogEntriesAsync("koordinator", ous.NationalId)); // the change, then the timeline read
        var actions = timeline.GetProperty("recommendedActions").EnumerateArray().ToList();
        Assert.Equal(["coordinator-named", "home-needs-assessment-offered"], actions.Select(a => a.GetProperty("actionId").GetString()));
        Assert.Equal(day, actions[0].GetProperty("doneOn").GetString());
        Assert.Equal(JsonValueKind.Null, actions[1].GetProperty("doneOn").ValueKind);
        // OUS has two A01 episodes started in the period (OUS and OUS-KIR): none of two done, then one of two.
        Assert.Equal((2, 0), before);
        Assert.Equal((2, 1), after);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Untick_RemovesTheAction(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var ous = scenario.Places["OUS"];
        using var coordinator = await scenario.SignedInAsync("koordinator");

        await coordinator.PutAsJsonAsync($"/api/v1/episodes/{ous.EpisodeId}/recommended-actions/coordinator-named", new { done = true }, ct);
        var undone = await coordinator.PutAsJsonAsync($"/api/v1/episodes/{ous.EpisodeId}/recommended-actions/coordinator-named", new { done = false }, ct);

        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        await using var db = scenario.OpenDb();
        Assert.False(await db.EpisodeActions.AnyAsync(ct));
    }

    [Theory]
    [InlineData("somatic-health-and-lifestyle", null, "action")]   // a mental-health action, not one of A01's
    [InlineData("no-such-action", null, "action")]
    [InlineData("coordinator-named", "2099-01-01", "date")]         // done in the future
    [InlineData("coordinator-named", "1999-01-01", "date")]         // done before the episode started
    [InlineData("coordinator-named", "yesterday", "date")]
    public async Task Tick_AWrongActionOrDate_Gets400_AndStoresAndLogsNothing(string action, string? date, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var ous = scenario.Places["OUS"];
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var logged = await scenario.LogEntriesAsync("koordinator", ous.NationalId);

        var response = await coordinator.PutAsJsonAsync($"/api/v1/episodes/{ous.EpisodeId}/recommended-actions/{action}", new { done = true, date }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(logged, await scenario.LogEntriesAsync("koordinator", ous.NationalId));
        await using var db = scenario.OpenDb();
        Assert.False(await db.EpisodeActions.AnyAsync(ct));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task TrackingList_ShowsHowManyOfTheRecommendedActionsAreDone(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var ous = scenario.Places["OUS"];
        using var coordinator = await scenario.SignedInAsync("koordinator");

        await coordinator.PutAsJsonAsync($"/api/v1/episodes/{ous.EpisodeId}/recommended-actions/coordinator-named", new { done = true }, ct);
        var list = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/tracking-list", ct);

        var rows = list.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("episodeId").GetInt64(), r => (r.GetProperty("actionsDone").GetInt32(), r.GetProperty("actionsRecommended").GetInt32()));
        Assert.Equal((1, 2), rows[ous.EpisodeId]);
        Assert.Equal((0, 2), rows[scenario.Places[PersonDataScenario.Unit].EpisodeId]);
    }

    private static async Task<(int Episodes, int Done)> ShareAsync(HttpClient client, string period)
    {
        var figures = await client.GetFromJsonAsync<JsonElement>($"/api/v1/recommended-actions?period={period}&hf=OUS", TestContext.Current.CancellationToken);
        var row = figures.GetProperty("actions").EnumerateArray()
            .Single(a => a.GetProperty("pathway").GetString() == "A01" && a.GetProperty("actionId").GetString() == "coordinator-named");
        return (row.GetProperty("episodes").GetInt32(), row.GetProperty("done").GetInt32());
    }
}
