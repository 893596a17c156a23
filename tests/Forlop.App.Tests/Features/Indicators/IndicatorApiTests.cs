using System.Net;
using System.Net.Http.Json;
using Forlop.App.Features.Indicators;
using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Indicators;

/// <summary>The public indicator API over HTTP, on the worked example: A12 3 completed, 2 within; A37 2 and 2.</summary>
public class IndicatorApiTests
{
    private static string P(int i) => TestPatients.Number(i);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Figures_AnImportShowsAtOnceWithANewETag(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));
        var (app, client) = await TestWebHost.StartAsync(db);
        await using (app)
        using (client)
        {
            const string Url = "/api/v1/indicators/started/figures?period=2016-T3&level=hf&pathway=A12";
            var before = await client.GetAsync(new Uri(Url, UriKind.Relative), ct);
            var first = await before.Content.ReadFromJsonAsync<IndicatorApi.FiguresTable>(ct);
            // Three new A12 pathways at OUS, imported while the web application runs.
            await Cli.ImportAsync(db, EventsFiles.WriteRows($"n1,{P(801)},OUS,A12A,2016-10-01,,", $"n2,{P(802)},OUS,A12A,2016-10-02,,", $"n3,{P(803)},OUS,A12A,2016-10-03,,"));
            using var revalidate = new HttpRequestMessage(HttpMethod.Get, Url);
            revalidate.Headers.IfNoneMatch.Add(before.Headers.ETag!);
            var after = await client.SendAsync(revalidate, ct);
            var second = await after.Content.ReadFromJsonAsync<IndicatorApi.FiguresTable>(ct);

            Assert.DoesNotContain(first!.Rows, r => r.Organisation == "OUS");
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
            var ous = Assert.Single(second!.Rows, r => r.Organisation == "OUS");
            Assert.Equal("Oslo universitetssykehus HF", ous.OrganisationName);
            // Shown, or hidden with the rest of its year so that no month's small count can be worked out (decision 0014).
            Assert.True(ous.Count == 3 || (ous.Count is null && ous.Suppressed), $"OUS {ous.Count} {ous.Suppressed}");
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Figures_AreSuppressedAndRevalidateWith304(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));
        var (app, client) = await TestWebHost.StartAsync(db);
        await using (app)
        using (client)
        {
            const string Url = "/api/v1/indicators/completed-within-standard/figures?period=2016-T3&minCount=1";
            var response = await client.GetAsync(new Uri(Url, UriKind.Relative), ct);
            var table = await response.Content.ReadFromJsonAsync<IndicatorApi.FiguresTable>(ct);
            using var again = new HttpRequestMessage(HttpMethod.Get, Url);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            var revalidated = await client.SendAsync(again, ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
            // Asking for less suppression still gets NPR's threshold.
            Assert.Equal(3, table!.MinCount);
            Assert.Equal(70m, table.TargetPercent);
            var a37 = Assert.Single(table.Rows, r => r.Pathway == "A37");
            Assert.Equal((null, null, null, true), (a37.Count, a37.Numerator, a37.SharePercent, a37.Suppressed));
            Assert.Equal("Tykk- og endetarmskreft", Assert.Single(table.Rows, r => r.Pathway == "A12").PathwayName);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        }
    }

    [Fact]
    public async Task ListAndOpenApi_DescribeEveryIndicatorAndTheFiguresRoute()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await TestWebHost.StartAsync(await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct));
        await using (app)
        using (client)
        {
            var list = await client.GetFromJsonAsync<List<IndicatorApi.IndicatorView>>("/api/v1/indicators", ct);
            var openApi = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), ct);

            Assert.Equal(15, list!.Count);
            var stroke = Assert.Single(list, i => i.Id == "thrombolysis-within-standard");
            Assert.Equal(["2018-02-01", "2025-01-01"], stroke.Targets.Select(t => t.ValidFrom));
            Assert.Equal("/api/v1/indicators/thrombolysis-within-standard/figures", stroke.FiguresUrl);
            Assert.Contains("/api/v1/indicators/{id}/figures", openApi, StringComparison.Ordinal);
            Assert.Contains("Counts from 1 to minCount", openApi, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/api/v1/indicators/no-such-indicator/figures?period=2016", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/indicators/started/figures?period=2016-T9", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/indicators/started/figures?period=2016&level=unit", HttpStatusCode.BadRequest)]   // units are not published
    [InlineData("/api/v1/indicators/started/figures?period=2016&level=county", HttpStatusCode.BadRequest)]
    public async Task Figures_BadRequest_IsAProblemDetails(string url, HttpStatusCode status)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await TestWebHost.StartAsync(await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct));
        await using (app)
        using (client)
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative), ct);

            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Figures_OfALockedPeriod_AreThoseLocked()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));
        await Cli.RunAsync("lock-period", "--db", db, "2016-T3");
        await Cli.ImportAsync(db, EventsFiles.WriteRows($"n1,{P(811)},OUS,A12A,2016-10-01,,", $"n2,{P(812)},OUS,A12A,2016-10-02,,", $"n3,{P(813)},OUS,A12A,2016-10-03,,"));
        var (app, client) = await TestWebHost.StartAsync(db);
        await using (app)
        using (client)
        {
            var table = await client.GetFromJsonAsync<IndicatorApi.FiguresTable>("/api/v1/indicators/started/figures?period=2016-T3&level=hf", ct);

            Assert.NotNull(table!.Locked);
            Assert.DoesNotContain(table.Rows, r => r.Organisation == "OUS");
        }
    }
}
