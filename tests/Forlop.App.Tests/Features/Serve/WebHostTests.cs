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
}
