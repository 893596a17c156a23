using System.Net;
using Forlop.App.Data;
using Forlop.App.Features.Operations;
using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Operations;

public class HealthEndpointsTests
{
    public static readonly TheoryData<DatabaseKind> Databases = new(DatabaseKind.Sqlite, DatabaseKind.Postgres);

    /// <summary>Both probes answer anyone without sign-in, and say nothing but the status word: no check names, versions, paths or errors.</summary>
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Probes_AnswerWithoutSignIn_AndRevealNothing(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        var (app, client) = await TestWebHost.StartAsync(db);
        await using (app)
        using (client)
        {
            foreach (var path in new[] { "/healthz", "/readyz" })
            {
                var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(ct));
                Assert.Null(response.Headers.Location);
            }
        }
    }

    /// <summary>
    /// The start-up probe is 503 while the instance warms and 200 once every start-up read is done, saying only the
    /// status word; the instance is ready meanwhile (a lone instance must keep answering while it warms).
    /// </summary>
    [Fact]
    public async Task StartUpProbe_Is503WhileWarming_And200OnceWarm()
    {
        var ct = TestContext.Current.CancellationToken;
        var warming = new TaskCompletionSource();
        var check = new HealthEndpoints.WarmedCheck(Task.CompletedTask, warming.Task);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, (await check.CheckHealthAsync(new(), ct)).Status);
        warming.SetResult();
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, (await check.CheckHealthAsync(new(), ct)).Status);

        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        var (app, client) = await TestWebHost.StartAsync(db);
        await using (app)
        using (client)
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            HttpResponseMessage response;
            while ((response = await client.GetAsync(new Uri("/startupz", UriKind.Relative), ct)).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync(ct));
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative), ct)).StatusCode);
                await Task.Delay(200, ct);
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(ct));
        }
    }

    /// <summary>With the database gone the instance is unready (503) but alive (200), and the pages say so in Norwegian with Retry-After.</summary>
    [Fact]
    public async Task WithoutTheDatabase_ReadyzIs503_HealthzIs200_AndPagesAnswer503InNorwegian()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        var (app, client) = await TestWebHost.StartAsync(db);
        await using (app)
        using (client)
        {
            // The file goes away under the running server: SQLite cannot open it (read-only folder, file removed).
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var path = DatabaseTarget.Parse(db).Display;
            File.Move(path, path + ".away");
            Directory.CreateDirectory(path);
            try
            {
                var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), ct);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync(ct));
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative), ct)).StatusCode);

                var api = await client.GetAsync(new Uri("/api/v1/indicators/completed-within-standard?period=2016-T3", UriKind.Relative), ct);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
                Assert.NotNull(api.Headers.RetryAfter);
                Assert.Contains("application/problem+json", api.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);

                var page = await client.GetAsync(new Uri("/statistikk", UriKind.Relative), ct);
                var html = await page.Content.ReadAsStringAsync(ct);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
                Assert.NotNull(page.Headers.RetryAfter);
                Assert.StartsWith("text/html", page.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
                Assert.Contains("midlertidig utilgjengelig", html, StringComparison.Ordinal);
                Assert.DoesNotContain("\"status\"", html, StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(path);
                File.Move(path + ".away", path);
            }
            // And it recovers by itself once the database is back.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative), ct)).StatusCode);
        }
    }
}
