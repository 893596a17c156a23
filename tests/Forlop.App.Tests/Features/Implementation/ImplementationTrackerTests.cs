using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Demo;
using Forlop.App.Tests.Infrastructure;
using NodaTime;

namespace Forlop.App.Tests.Features.Implementation;

/// <summary>
/// The implementation tracker (issue 13, item 5; decision 0032): the plans' measures from catalog/plan-measures.tsv,
/// each owner's reports kept in full, the newest counted, and the figures that follow from them.
/// </summary>
public class ImplementationTrackerTests
{
    private static JsonElement Measure(JsonElement overview, string id) =>
        overview.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);

    private static JsonElement Owner(JsonElement overview, string owner) =>
        overview.GetProperty("owners").EnumerateArray().Single(m => m.GetProperty("owner").GetString() == owner);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Reports_MoveTheFigures_TheNewestCounts_AndEveryReportIsKept(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var lead = await scenario.SignedInAsync("leder");
        var before = await lead.GetFromJsonAsync<JsonElement>("/api/v1/implementation", ct);
        var hfs = Measure(before, "cancer-mdt").GetProperty("owners").GetInt32();

        var first = await lead.PutAsJsonAsync("/api/v1/implementation/OUS/cancer-mdt", new { status = "in-progress", evidence = "Utkast til plan" }, ct);
        var second = await lead.PutAsJsonAsync("/api/v1/implementation/OUS/cancer-mdt", new { status = "done", evidence = "https://example.invalid/ous/mdt-plan" }, ct);
        var after = await lead.GetFromJsonAsync<JsonElement>("/api/v1/implementation", ct);
        var ous = await lead.GetFromJsonAsync<JsonElement>("/api/v1/implementation/OUS", ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(hfs > 10, $"{hfs} HFs own the MDT measure");
        Assert.Equal(Measure(before, "cancer-mdt").GetProperty("done").GetInt32() + 1, Measure(after, "cancer-mdt").GetProperty("done").GetInt32());
        Assert.Equal(hfs, Measure(after, "cancer-mdt").GetProperty("done").GetInt32() + Measure(after, "cancer-mdt").GetProperty("inProgress").GetInt32()
            + Measure(after, "cancer-mdt").GetProperty("notStarted").GetInt32());
        Assert.Equal(Owner(before, "OUS").GetProperty("done").GetInt32() + 1, Owner(after, "OUS").GetProperty("done").GetInt32());
        var mdt = ous.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measure").GetProperty("id").GetString() == "cancer-mdt");
        Assert.Equal("done", mdt.GetProperty("status").GetString());
        Assert.Equal("https://example.invalid/ous/mdt-plan", mdt.GetProperty("evidence").GetString());
        Assert.False(mdt.GetProperty("late").GetBoolean());
        Assert.Equal(["done", "in-progress"], mdt.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));
        Assert.True(ous.GetProperty("mayReport").GetBoolean());
        // The 2015 deadline has passed: a measure nobody reported is late.
        var slots = ous.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measure").GetProperty("id").GetString() == "cancer-reserved-slots");
        Assert.Equal(("not-started", true), (slots.GetProperty("status").GetString(), slots.GetProperty("late").GetBoolean()));
        // Only the HF's own level: no RHF's or municipality's measures on an HF's page.
        Assert.All(ous.GetProperty("measures").EnumerateArray(), m => Assert.Equal("hf", m.GetProperty("measure").GetProperty("level").GetString()));
    }

    [Theory]
    [InlineData("OUS", "cancer-mdt", "done", null, HttpStatusCode.BadRequest)]                   // done without evidence
    [InlineData("OUS", "cancer-mdt", "finished", "x", HttpStatusCode.BadRequest)]                // not a status
    [InlineData("OUS", "no-such-measure", "done", "x", HttpStatusCode.NotFound)]
    [InlineData("OUS", "cancer-regional-plan", "done", "x", HttpStatusCode.NotFound)]            // an RHF's measure, not an HF's
    [InlineData("NOSUCH", "cancer-mdt", "done", "x", HttpStatusCode.NotFound)]
    [InlineData("HSO", "cancer-regional-plan", "in-progress", null, HttpStatusCode.Forbidden)]   // a clinical lead reports for her HF only
    public async Task AWrongReport_IsRefused_AndStoresNothing(string owner, string measure, string status, string? evidence, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var lead = await scenario.SignedInAsync("leder");

        var response = await lead.PutAsJsonAsync($"/api/v1/implementation/{owner}/{measure}", new { status, evidence }, ct);

        Assert.Equal(expected, response.StatusCode);
        await using var db = scenario.OpenDb();
        Assert.Empty(db.ImplementationStatuses);
    }

    [Fact]
    public async Task TheNationalAdministrator_ReportsTheNationsMeasures_AndARegionsOwn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var admin = await scenario.SignedInAsync("admin");

        var nation = await admin.PutAsJsonAsync("/api/v1/implementation/national/hjem-gp-letter", new { status = "done", evidence = "Brev sendt 2022" }, ct);
        var region = await admin.PutAsJsonAsync("/api/v1/implementation/HSO/hjem-regional-plan", new { status = "in-progress" }, ct);
        var overview = await admin.GetFromJsonAsync<JsonElement>("/api/v1/implementation", ct);

        Assert.Equal(HttpStatusCode.OK, nation.StatusCode);
        Assert.Equal(HttpStatusCode.OK, region.StatusCode);
        Assert.Equal((1, 1), (Measure(overview, "hjem-gp-letter").GetProperty("owners").GetInt32(), Measure(overview, "hjem-gp-letter").GetProperty("done").GetInt32()));
        Assert.Equal(1, Owner(overview, "HSO").GetProperty("inProgress").GetInt32());
    }

    [Fact]
    public async Task TheDemo_ShowsOwnersDone_UnderWay_AndLate_AndTheRouteIsInTheApiDocument()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct))
        {
            Assert.Null((await DemoCommand.FillAsync(store, store.Today.Year - 1, 500, 2015, TextWriter.Null, ct, years: 1)).FileError);
        }
        var (app, anonymous) = await TestWebHost.StartAsync(db);
        await using (app)
        using (anonymous)
        {
            using var analyst = await SignIn.AsAsync(anonymous.BaseAddress!, "analytiker-nasjonal", LocalAccounts.DemoPassword);
            var overview = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/implementation", ct);
            var page = await analyst.GetStringAsync(new Uri("/gjennomforing", UriKind.Relative), ct);
            var openApi = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), ct);

            var hfMeasures = overview.GetProperty("measures").EnumerateArray().Where(m => m.GetProperty("level").GetString() == "hf").ToList();
            Assert.Contains(hfMeasures, m => m.GetProperty("done").GetInt32() > 0);
            Assert.Contains(hfMeasures, m => m.GetProperty("inProgress").GetInt32() > 0);
            Assert.Contains(hfMeasures, m => m.GetProperty("late").GetInt32() > 0);
            Assert.Equal(1, Measure(overview, "hjem-gp-letter").GetProperty("done").GetInt32());
            Assert.Contains("id=\"implementation-measures\"", page, StringComparison.Ordinal);
            Assert.Contains("data-measure=\"cancer-mdt\"", page, StringComparison.Ordinal);
            Assert.Contains("\"/api/v1/implementation\"", openApi, StringComparison.Ordinal);
        }
    }
}
