using System.Net;
using System.Net.Http.Json;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Hjem;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Hjem;

public class HjemCoordinationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The API's JSON: enums in kebab-case words (help-at-home, early).</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(Forlop.Domain.EnumNames.JsonPolicy) },
    };

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task HandOver_ReachesOnlyThePatientsMunicipality_WhichConfirmsAndRecords_EachStepLogged(DatabaseKind kind)
    {
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var place = scenario.Places["OUS"];
        using var hospital = await scenario.SignedInAsync("koordinator");
        var diagnosed = scenario.Today.PlusMonths(-3);
        var response = await hospital.PostAsJsonAsync("/api/v1/hjem/handovers",
            new HandOverForm(place.EpisodeId, "0301", diagnosed.ToString("yyyy-MM-dd", null), ["help-at-home", "nutrition"], "Bor alene"), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var handOver = (await response.Content.ReadFromJsonAsync<HjemHandOver>(Json, Ct))!;
        Assert.Equal(("0301", "Oslo", null), (handOver.Municipality, handOver.MunicipalityName, handOver.ReceivedAt));
        Assert.Equal(HttpStatusCode.Conflict, (await hospital.PostAsJsonAsync("/api/v1/hjem/handovers",
            new HandOverForm(place.EpisodeId, "0301", diagnosed.ToString("yyyy-MM-dd", null), ["work"], null), Ct)).StatusCode);

        // Bergen's coordinator does not see Oslo's resident by any route.
        using var bergen = await scenario.SignedInAsync("kommune-bergen");
        Assert.Empty((await bergen.GetFromJsonAsync<List<HjemHandOver>>("/api/v1/hjem/handovers", Json, Ct))!);
        Assert.Empty((await bergen.GetFromJsonAsync<List<HjemDueList>>("/api/v1/hjem/due", Json, Ct))!);
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.GetAsync(new Uri($"/api/v1/hjem/handovers/{handOver.Id}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.PutAsync(new Uri($"/api/v1/hjem/handovers/{handOver.Id}/receipt", UriKind.Relative), null, Ct)).StatusCode);
        // Nor any hospital person data.
        Assert.Equal(HttpStatusCode.Forbidden, (await bergen.GetAsync(new Uri($"/api/v1/episodes/{place.EpisodeId}", UriKind.Relative), Ct)).StatusCode);

        using var oslo = await scenario.SignedInAsync("kommune-oslo");
        var due = (await oslo.GetFromJsonAsync<List<HjemDueList>>("/api/v1/hjem/due", Json, Ct))!;
        Assert.Equal(place.NationalId, Assert.Single(Assert.Single(due).HandOvers).NationalId);
        Assert.Equal(HttpStatusCode.Conflict, (await oslo.PostAsJsonAsync($"/api/v1/hjem/handovers/{handOver.Id}/conversations",
            new ConversationForm("early", scenario.Today.ToString("yyyy-MM-dd", null), ""), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oslo.PutAsync(new Uri($"/api/v1/hjem/handovers/{handOver.Id}/receipt", UriKind.Relative), null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await oslo.PutAsync(new Uri($"/api/v1/hjem/handovers/{handOver.Id}/receipt", UriKind.Relative), null, Ct)).StatusCode);
        var held = await oslo.PostAsJsonAsync($"/api/v1/hjem/handovers/{handOver.Id}/conversations",
            new ConversationForm("early", scenario.Today.ToString("yyyy-MM-dd", null), "Samtale hjemme"), Ct);
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        var after = (await held.Content.ReadFromJsonAsync<HjemHandOver>(Json, Ct))!;
        Assert.Equal("kommune-oslo", after.ReceivedBy);
        Assert.False(after.Touchpoints[0].Due);
        Assert.Empty((await oslo.GetFromJsonAsync<List<HjemDueList>>("/api/v1/hjem/due", Json, Ct))!);

        // Every step is in the access log, each of a kind the log's page can describe.
        await using var db = scenario.OpenDb();
        var entries = await db.AccessLog.Where(e => e.Patient == place.NationalId && (e.User == "koordinator" || e.User == "kommune-oslo")).Select(e => e.What).ToListAsync(Ct);
        Assert.All(entries, what => Assert.NotNull(AccessLogDescription.Parse(what)));
        Assert.Contains(entries, w => w.StartsWith("handed over the needs assessment", StringComparison.Ordinal));
        Assert.Contains(entries, w => w.StartsWith("hjem due list", StringComparison.Ordinal));
        Assert.Contains(entries, w => w.StartsWith("confirmed receipt", StringComparison.Ordinal));
        Assert.Contains(entries, w => w.StartsWith("recorded the early hjem conversation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandOver_RefusesAnUnknownMunicipality_AndMissingOrUnknownTopics()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var place = scenario.Places["OUS"];
        using var hospital = await scenario.SignedInAsync("koordinator");
        var day = scenario.Today.ToString("yyyy-MM-dd", null);
        var unknown = await hospital.PostAsJsonAsync("/api/v1/hjem/handovers", new HandOverForm(place.EpisodeId, "9999", day, ["work"], null), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var noTopic = await hospital.PostAsJsonAsync("/api/v1/hjem/handovers", new HandOverForm(place.EpisodeId, "0301", day, [], null), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noTopic.StatusCode);
        var badTopic = await hospital.PostAsJsonAsync("/api/v1/hjem/handovers", new HandOverForm(place.EpisodeId, "0301", day, ["hobbies"], null), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badTopic.StatusCode);
    }
}
