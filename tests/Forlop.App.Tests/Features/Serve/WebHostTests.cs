using System.Net;
using System.Net.Http.Json;
using Forlop.App.Features.Catalogue;
using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Serve;

/// <summary>The web application as `forlop serve` runs it, on a free loopback port.</summary>
public class WebHostTests
{
    [Fact]
    public async Task OverviewPage_AfterImport_ShowsEpisodesPerPathwayInNorwegian()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));
        var (app, client) = await TestWebHost.StartAsync(db);
        await using (app)
        using (client)
        {
            var response = await client.GetAsync(new Uri("/", UriKind.Relative), ct);
            var html = await response.Content.ReadAsStringAsync(ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("lang=\"nb\"", html, StringComparison.Ordinal);
            Assert.Contains("A12 Tykk- og endetarmskreft", html, StringComparison.Ordinal);
            Assert.Contains("Behandling startet", html, StringComparison.Ordinal);
            // No identity number appears on the page.
            Assert.DoesNotContain("04837200798", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CatalogueApi_ListsPathwaysAndAnswers404ForAnUnknownOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await TestWebHost.StartAsync(await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct));
        await using (app)
        using (client)
        {
            var pathways = await client.GetFromJsonAsync<List<CatalogueApi.PathwaySummary>>("/api/v1/catalogue/pathways", ct);
            var a12 = await client.GetFromJsonAsync<CatalogueApi.PathwayDetail>("/api/v1/catalogue/pathways/A12", ct);
            var unknown = await client.GetAsync(new Uri("/api/v1/catalogue/pathways/Z99", UriKind.Relative), ct);
            var openApi = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), ct);

            Assert.Contains(pathways!, p => p.Code == "A37" && p.Verified);
            Assert.Contains(a12!.Standards, s => s.Interval == "OF4" && s.Treatment == "radiotherapy" && s.Limit == 39);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Contains("/api/v1/catalogue/pathways/{code}", openApi, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OpenApi_DescribesSignInParametersIfMatchAndProblems_AndTheReferenceHasNoVendorButtons()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await TestWebHost.StartAsync(await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct));
        await using (app)
        using (client)
        {
            using var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), ct));
            var reference = await client.GetStringAsync(new Uri("/api", UriKind.Relative), ct);
            var root = document.RootElement;
            var schemes = root.GetProperty("components").GetProperty("securitySchemes");
            var correction = root.GetProperty("paths").GetProperty("/api/v1/events/{id}/corrections").GetProperty("post");
            var export = root.GetProperty("paths").GetProperty("/api/v1/exports/completed-within-standard").GetProperty("get");
            var format = export.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "format");

            Assert.Equal("cookie", schemes.GetProperty("cookie").GetProperty("in").GetString());
            Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
            var ifMatch = correction.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "If-Match");
            Assert.Equal("header", ifMatch.GetProperty("in").GetString());
            Assert.True(ifMatch.GetProperty("required").GetBoolean());
            Assert.Equal(["csv", "csv-nb", "xlsx", "pdf"], format.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
            Assert.False(string.IsNullOrEmpty(format.GetProperty("description").GetString()));
            Assert.True(export.GetProperty("responses").TryGetProperty("401", out _));
            Assert.Equal(2, export.GetProperty("security").GetArrayLength());
            // The reference page's configuration turns the vendor's agent ("Ask AI") and client/SDK button off.
            Assert.Contains("\"hideClientButton\":true", reference, StringComparison.Ordinal);
            Assert.Matches("\"agent\":\\{\"disabled\":true", reference);
        }
    }
}
