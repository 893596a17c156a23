using System.Net;
using System.Net.Http.Json;
using Forlop.App.Features.Publication;
using Forlop.App.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Forlop.App.Tests.Features.Publication;

/// <summary>Public figures over HTTP, on the worked example: A12 3 completed, 2 within; A37 2 and 2.</summary>
public class PublicIndicatorsTests
{
    private static async Task<(WebApplication App, HttpClient Client)> StartWithExampleAsync(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));
        return await TestWebHost.StartAsync(db);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Api_GivesSuppressedFiguresAndAnETagThatRevalidates(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await StartWithExampleAsync(kind);
        await using (app)
        using (client)
        {
            var response = await client.GetAsync(new Uri("/api/v1/indicators/completed-within-standard?period=2016-T3", UriKind.Relative), ct);
            var table = await response.Content.ReadFromJsonAsync<PublicIndicators.PublicTable>(ct);
            using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/indicators/completed-within-standard?period=2016-T3");
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            var revalidated = await client.SendAsync(again, ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var a37 = table!.Rows.Single(r => r.Pathway == "A37");
            Assert.Equal((null, null, null), (a37.Completed, a37.WithinStandard, a37.SharePercent));
            Assert.Null(table.Rows.Single(r => r.Pathway == "A12").WithinStandard);
            Assert.Equal(3, table.MinCount);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        }
    }

    [Fact]
    public async Task Api_AskingForLessSuppression_StillGetsNprsThreshold()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await StartWithExampleAsync(DatabaseKind.Sqlite);
        await using (app)
        using (client)
        {
            var table = await client.GetFromJsonAsync<PublicIndicators.PublicTable>("/api/v1/indicators/completed-within-standard?period=2016-T3&minCount=1", ct);

            Assert.Equal(3, table!.MinCount);
            Assert.Null(table.Rows.Single(r => r.Pathway == "A37").Completed);
        }
    }

    [Fact]
    public async Task Api_BadPeriod_IsAProblemDetails400()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await StartWithExampleAsync(DatabaseKind.Sqlite);
        await using (app)
        using (client)
        {
            var response = await client.GetAsync(new Uri("/api/v1/indicators/completed-within-standard?period=2016-T9", UriKind.Relative), ct);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Page_ShowsSuppressedCellsAsSuppressedInNorwegian()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await StartWithExampleAsync(DatabaseKind.Sqlite);
        await using (app)
        using (client)
        {
            var html = await client.GetStringAsync(new Uri("/statistikk?periode=2016-T3", UriKind.Relative), ct);

            Assert.Contains("Andel pakkeforløp gjennomført innenfor standard forløpstid", html, StringComparison.Ordinal);
            Assert.Contains("<td class=\"prikket\" title=\"Skjult av personvernhensyn\">–</td>", html, StringComparison.Ordinal);
            Assert.Contains("A12 Tykk- og endetarmskreft", html, StringComparison.Ordinal);
            Assert.DoesNotContain("04837200798", html, StringComparison.Ordinal);
        }
    }
}
