using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Registration;

/// <summary>Registering, correcting and withdrawing over the API: the import's rules, problem details, and no lost update.</summary>
public class RegistrationApiTests
{
    private static string Day(PersonDataScenario s, int daysAgo) => s.Today.PlusDays(-daysAgo).ToString("yyyy-MM-dd", null);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Register_ADecision_AddsItToTheEpisodeAndMovesTheDeadline(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var client = await scenario.SignedInAsync("koordinator");
        var ous = scenario.Places["OUS"];

        var response = await client.PostAsJsonAsync("/api/v1/events", new { nationalId = ous.NationalId, organisation = "OUS", code = "A01CK", date = Day(scenario, 2) }, ct);
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/episodes/{ous.EpisodeId}", ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/episodes/{ous.EpisodeId}", response.Headers.Location?.ToString());
        Assert.Equal("awaiting-treatment", timeline.GetProperty("state").GetString());
        Assert.Contains(timeline.GetProperty("points").EnumerateArray(), p => p.GetProperty("code").GetString() == "A01CK");
        // Decision to treatment (OF3) now runs and ends before the whole pathway's OF4 does, so it is the next deadline.
        Assert.Equal("OF3", timeline.GetProperty("nextDeadline").GetProperty("id").GetString());
        Assert.Contains(timeline.GetProperty("intervals").EnumerateArray(), i => i.GetProperty("id").GetString() == "OF4" && i.GetProperty("status").GetString() == "running");
        await using var db = scenario.OpenDb();
        Assert.Equal("awaiting-treatment", (await db.Episodes.SingleAsync(e => e.Id == ous.EpisodeId, ct)).State);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Register_BreakingACodingRule_IsAProblemNamingTheFieldAndStoresNothing(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var client = await scenario.SignedInAsync("koordinator");
        var ous = scenario.Places["OUS"];
        await using var db = scenario.OpenDb();
        var before = await db.Events.CountAsync(ct);

        // A second start while the first A01 pathway is open at the same HF.
        var response = await client.PostAsJsonAsync("/api/v1/events", new { nationalId = ous.NationalId, organisation = "OUS", code = "A01A", date = Day(scenario, 1) }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("second A01 pathway", problem.GetProperty("errors").GetProperty("code")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await db.Events.CountAsync(ct));
    }

    /// <summary>
    /// A coordinator of OUS registering a point for HB: refused as a value (RegistrationResult.NotAllowed, 403 problem
    /// details), nothing stored and nothing logged for that patient (an expected refusal is not an exception).
    /// </summary>
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Register_ForAnotherHf_Is403NamingTheOrganisation_AndStoresAndLogsNothing(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var client = await scenario.SignedInAsync("koordinator");
        var hb = scenario.Places["HB"];
        await using var db = scenario.OpenDb();
        var before = await db.Events.CountAsync(ct);

        var response = await client.PostAsJsonAsync("/api/v1/events", new { nationalId = hb.NationalId, organisation = "HB", code = "A01CK", date = Day(scenario, 2) }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("you may not register for HB", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await db.Events.CountAsync(ct));
        Assert.Equal(0, await scenario.LogEntriesAsync("koordinator", hb.NationalId));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Correct_WithAStaleVersion_Gets409AndOverwritesNothing(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var client = await scenario.SignedInAsync("koordinator");
        var ous = scenario.Places["OUS"];
        var first = await client.GetAsync(new Uri($"/api/v1/episodes/{ous.EpisodeId}", UriKind.Relative), ct);
        var readVersion = first.Headers.ETag!;

        // Someone else registers a decision meanwhile; then the first reader corrects with what she read.
        using var other = await scenario.SignedInAsync("leder");
        using var colleague = await scenario.SignedInAsync("koordinator");
        Assert.Equal(HttpStatusCode.Created, (await colleague.PostAsJsonAsync("/api/v1/events", new { nationalId = ous.NationalId, organisation = "OUS", code = "A01CK", date = Day(scenario, 2) }, ct)).StatusCode);
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/events/{ous.AttendanceEventId}/corrections") { Content = JsonContent.Create(new { code = "A01S", date = Day(scenario, 9) }) };
        stale.Headers.IfMatch.Add(readVersion);
        var response = await client.SendAsync(stale, ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotEqual(readVersion, response.Headers.ETag);
        await using var db = scenario.OpenDb();
        Assert.False(await db.Events.AnyAsync(e => e.ReplacesId == ous.AttendanceEventId, ct));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Correct_ARowAlreadyCorrected_Gets409EvenWithTheCurrentVersion(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var client = await scenario.SignedInAsync("koordinator");
        var ous = scenario.Places["OUS"];

        var firstCorrection = await CorrectAsync(client, scenario, ous, ous.AttendanceEventId, Day(scenario, 9));
        var secondOnTheSameRow = await CorrectAsync(client, scenario, ous, ous.AttendanceEventId, Day(scenario, 8));
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/episodes/{ous.EpisodeId}", ct);

        Assert.Equal(HttpStatusCode.Created, firstCorrection.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondOnTheSameRow.StatusCode);
        var history = timeline.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("rootId").GetInt64() == ous.AttendanceEventId).ToList();
        Assert.Equal(["corrected", "current"], history.Select(h => h.GetProperty("status").GetString()));
        Assert.Equal(Day(scenario, 9), timeline.GetProperty("points")[1].GetProperty("date").GetString());
    }

    [Fact]
    public async Task Correct_WithoutIfMatch_Gets428()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var client = await scenario.SignedInAsync("koordinator");
        var ous = scenario.Places["OUS"];

        var response = await client.PostAsJsonAsync($"/api/v1/events/{ous.AttendanceEventId}/corrections", new { code = "A01S", date = Day(scenario, 9) }, ct);

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Withdraw_TheFirstAttendance_PutsTheEpisodeBackAndKeepsTheHistory(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var client = await scenario.SignedInAsync("koordinator");
        var ous = scenario.Places["OUS"];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/events/{ous.AttendanceEventId}/withdrawal");
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"" + await scenario.VersionAsync(ous.NationalId) + "\""));

        var response = await client.SendAsync(request, ct);
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/episodes/{ous.EpisodeId}", ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("awaiting-first-attendance", timeline.GetProperty("state").GetString());
        Assert.Equal(["current", "withdrawn", "withdrawal"], timeline.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));
    }

    private static async Task<HttpResponseMessage> CorrectAsync(HttpClient client, PersonDataScenario scenario, PersonDataScenario.Place place, long eventId, string date)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/events/{eventId}/corrections") { Content = JsonContent.Create(new { code = "A01S", date }) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"" + await scenario.VersionAsync(place.NationalId) + "\""));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
