using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Episodes;

/// <summary>Choosing who follows an episode (PUT /api/v1/episodes/{id}/coordinator, and the timeline page through the same AssignCoordinator).</summary>
public class AssignCoordinatorTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Assign_WithTheVersionRead_IsStoredLogged_AndFoundByTheTrackingListFilter(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var ous = scenario.Places["OUS"];
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var version = await CoordinatorVersionAsync(coordinator, ous.EpisodeId);

        var response = await PutAsync(coordinator, ous.EpisodeId, "koordinator", version);
        var list = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/tracking-list?coordinator=koordinator", ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("coordinator:", version);
        Assert.Equal([ous.EpisodeId], list.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("episodeId").GetInt64()));
        await using var db = scenario.OpenDb();
        Assert.True(await db.AccessLog.AnyAsync(e => e.User == "koordinator" && e.Patient == ous.NationalId && e.Kind == "change"
            && e.What == $"assigned episode {ous.EpisodeId} to koordinator", ct));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Assign_WithAStaleVersion_Gets409_AndKeepsTheOtherChange(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var kir = scenario.Places[PersonDataScenario.Unit];
        using var coordinator = await scenario.SignedInAsync("koordinator");
        using var lead = await scenario.SignedInAsync("leder");
        // Both read the episode while nobody follows it; the clinical lead saves first.
        var read = await CoordinatorVersionAsync(coordinator, kir.EpisodeId);
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(lead, kir.EpisodeId, "koordinator-kir", await CoordinatorVersionAsync(lead, kir.EpisodeId))).StatusCode);

        var stale = await PutAsync(coordinator, kir.EpisodeId, "koordinator", read);
        var without = await PutAsync(coordinator, kir.EpisodeId, "koordinator", version: null);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("koordinator-kir", await stale.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)428, without.StatusCode);
        Assert.Equal("coordinator:koordinator-kir", await CoordinatorVersionAsync(coordinator, kir.EpisodeId));
    }

    [Fact]
    public async Task Assign_ACoordinatorWhoCannotSeeTheEpisode_IsRefusedOnTheField()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var ous = scenario.Places["OUS"];
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var version = await CoordinatorVersionAsync(coordinator, ous.EpisodeId);

        // Bergen's coordinator is of another HF; the surgical unit's coordinator does not see patients the HF itself started.
        var otherHf = await PutAsync(coordinator, ous.EpisodeId, "koordinator-bergen", version);
        var otherUnit = await PutAsync(coordinator, ous.EpisodeId, "koordinator-kir", version);

        Assert.Equal(HttpStatusCode.BadRequest, otherHf.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherUnit.StatusCode);
        Assert.Contains("\"coordinator\"", await otherUnit.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal("coordinator:", await CoordinatorVersionAsync(coordinator, ous.EpisodeId));
    }

    private static async Task<string> CoordinatorVersionAsync(HttpClient client, long episodeId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/episodes/{episodeId}", TestContext.Current.CancellationToken)).GetProperty("coordinatorVersion").GetString()!;

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, long episodeId, string? coordinator, string? version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/episodes/{episodeId}/coordinator") { Content = JsonContent.Create(new { coordinator }) };
        if (version is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"" + version + "\""));
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
