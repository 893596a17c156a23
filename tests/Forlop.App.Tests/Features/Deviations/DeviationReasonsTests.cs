using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Deviations;

/// <summary>
/// Deviation reasons (PUT /api/v1/episodes/{id}/deviation-reasons/{interval}) and the bottleneck figures they feed
/// (GET /api/v1/bottlenecks). In <see cref="PersonDataScenario"/> every open A01 episode used 10 of OF1's 7 days, and
/// every completed one 35 of OF4's 32.
/// </summary>
public class DeviationReasonsTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Record_AReasonForAnIntervalOverItsStandard_IsStoredShownOnTheTimeline_AndLoggedOnce(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var ous = scenario.Places["OUS"];
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var logged = await scenario.LogEntriesAsync("koordinator", ous.NationalId);

        var response = await coordinator.PutAsJsonAsync($"/api/v1/episodes/{ous.EpisodeId}/deviation-reasons/OF1", new { cause = "capacity", resource = "mr" }, ct);
        var logAfter = await scenario.LogEntriesAsync("koordinator", ous.NationalId);
        var timeline = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/episodes/{ous.EpisodeId}", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(logged + 1, logAfter);
        var of1 = timeline.GetProperty("intervals").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "OF1");
        Assert.Equal("capacity", of1.GetProperty("reason").GetProperty("cause").GetString());
        Assert.Equal("mr", of1.GetProperty("reason").GetProperty("resource").GetString());
        await using var db = scenario.OpenDb();
        Assert.True(await db.AccessLog.AnyAsync(e => e.User == "koordinator" && e.Patient == ous.NationalId && e.Kind == "change"
            && e.What == $"deviation reason for OF1 of episode {ous.EpisodeId}: capacity (mr)", ct));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Record_ALaterReason_ReplacesTheEarlierOne(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var ous = scenario.Places["OUS"];
        using var coordinator = await scenario.SignedInAsync("koordinator");

        await coordinator.PutAsJsonAsync($"/api/v1/episodes/{ous.EpisodeId}/deviation-reasons/OF1", new { cause = "transfer" }, ct);
        var second = await coordinator.PutAsJsonAsync($"/api/v1/episodes/{ous.EpisodeId}/deviation-reasons/OF1", new { cause = "other", text = "Ventet på tolk" }, ct);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await using var db = scenario.OpenDb();
        var stored = await db.DeviationReasons.Where(r => r.EpisodeId == ous.EpisodeId).ToListAsync(ct);
        Assert.Equal(("OF1", "other", "Ventet på tolk"), Assert.Single(stored) is var r ? (r.IntervalId, r.Cause, r.Text) : default);
    }

    [Theory]
    [InlineData("OF1", "capacity", null, "cause")]            // capacity without the resource
    [InlineData("OF2", "patients-wish", null, "interval")]    // OF2 is running and within its deadline: nothing to explain
    [InlineData("XYZ", "patients-wish", null, "interval")]    // no such interval
    public async Task Record_AWrongReason_Gets400_AndStoresAndLogsNothing(string interval, string cause, string? resource, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var ous = scenario.Places["OUS"];
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var logged = await scenario.LogEntriesAsync("koordinator", ous.NationalId);

        var response = await coordinator.PutAsJsonAsync($"/api/v1/episodes/{ous.EpisodeId}/deviation-reasons/{interval}", new { cause, resource }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(logged, await scenario.LogEntriesAsync("koordinator", ous.NationalId));
        await using var db = scenario.OpenDb();
        Assert.False(await db.DeviationReasons.AnyAsync(ct));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Bottlenecks_CountBreachesByIntervalUnitAndReason_AndShowTheShareWithoutThePatientsWishBesideTheOfficialOne(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind, completed: true);
        using var coordinator = await scenario.SignedInAsync("koordinator");
        using var analyst = await scenario.SignedInAsync("analytiker-nasjonal");
        string Day(int daysAgo) => scenario.Today.PlusDays(-daysAgo).ToString("yyyy-MM-dd", null);
        // One more OUS patient treated five days ago within OF4's 32 days (15), so the two shares differ.
        var within = TestPatients.Number(60);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/api/v1/events", new { nationalId = within, organisation = "OUS", code = "A01A", date = Day(20) }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/api/v1/events", new { nationalId = within, organisation = "OUS", code = "A01FK", date = Day(5) }, ct)).StatusCode);
        // The OUS patient over OF4 waited by her own wish; the OUS-KIR one has no reason yet.
        var wish = await coordinator.PutAsJsonAsync($"/api/v1/episodes/{scenario.Completed["OUS"].EpisodeId}/deviation-reasons/OF4", new { cause = "patients-wish" }, ct);
        Assert.Equal(HttpStatusCode.OK, wish.StatusCode);

        var figures = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/bottlenecks?period={scenario.CompletedPeriod}&hf=OUS", ct);

        var of4 = figures.GetProperty("intervals").EnumerateArray().Single(i => i.GetProperty("pathway").GetString() == "A01" && i.GetProperty("intervalId").GetString() == "OF4");
        Assert.Equal((3, 1, 2, 1, 1), (of4.GetProperty("measured").GetInt32(), of4.GetProperty("within").GetInt32(), of4.GetProperty("over").GetInt32(),
            of4.GetProperty("overForPatientsWish").GetInt32(), of4.GetProperty("overWithoutReason").GetInt32()));
        // Official: 1 of 3 within, as NPR counts; beside it 1 of 2 once the patient's own wish is left out.
        Assert.Equal(1.0 / 3, of4.GetProperty("officialShare").GetDouble(), 9);
        Assert.Equal(0.5, of4.GetProperty("shareWithoutPatientsWish").GetDouble(), 9);
        var breaches = figures.GetProperty("breaches").EnumerateArray()
            .Where(b => b.GetProperty("intervalId").GetString() == "OF4")
            .Select(b => (b.GetProperty("unit").GetString(), b.GetProperty("cause").GetString(), b.GetProperty("count").GetInt32()))
            .Order().ToList();
        Assert.Equal([("OUS", "patients-wish", 1), (PersonDataScenario.Unit, "unexplained", 1)], breaches);
        Assert.DoesNotContain(scenario.Completed["OUS"].NationalId, figures.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bottlenecks_OfAnotherHfOrAWrongPeriod_AreRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var coordinator = await scenario.SignedInAsync("koordinator");

        var other = await coordinator.GetAsync(new Uri($"/api/v1/bottlenecks?period=2026&hf=HB", UriKind.Relative), ct);
        var wrongPeriod = await coordinator.GetAsync(new Uri($"/api/v1/bottlenecks?period=last-year&hf=OUS", UriKind.Relative), ct);
        var notAnHf = await coordinator.GetAsync(new Uri($"/api/v1/bottlenecks?period=2026&hf={PersonDataScenario.Unit}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongPeriod.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAnHf.StatusCode);
    }
}
