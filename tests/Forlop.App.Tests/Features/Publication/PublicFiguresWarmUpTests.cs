using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.Indicators;
using Forlop.App.Features.Publication;
using Forlop.App.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Forlop.App.Tests.Features.Publication;

/// <summary>
/// The public page's default figures are suppressed ahead of the first reader (PublicFiguresWarmUp): once the web host
/// has started, the page and the API for last year are answered from the cached scope, and nothing is computed for them.
/// </summary>
public class PublicFiguresWarmUpTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AfterStart_LastYearsPublicFigures_AreReadyBeforeTheFirstReader(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        var lastYear = (DateTime.UtcNow.Year - 1).ToString(CultureInfo.InvariantCulture);
        var demo = await Cli.RunAsync("demo", "--db", db, "--year", lastYear, "--pathways", "400");
        Assert.True(demo.ExitCode == 0, demo.Output + demo.Error);

        var (app, client) = await TestWebHost.StartAsync(db);
        await using (app)
        {
            await app.Services.GetRequiredService<PublicFiguresWarmUp>().FirstRound.WaitAsync(TimeSpan.FromMinutes(2), ct);
            var connection = app.Services.GetRequiredService<DatabaseTarget>().ConnectionString;
            var computed = PublicScopeCache.Shared.ComputedFor(connection);
            Assert.True(computed >= 2, $"the warm-up computed {computed} scopes, not last year's and this year's");

            var page = await client.GetAsync("/statistikk", ct);
            var api = await client.GetAsync($"/api/v1/indicators/completed-within-standard?period={lastYear}&by=hf", ct);

            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, api.StatusCode);
            Assert.Contains(lastYear, await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
            // Both readers got the scope the warm-up had suppressed: nothing more was computed for them.
            Assert.Equal(computed, PublicScopeCache.Shared.ComputedFor(connection));
        }
    }
}
