using System.Net;
using System.Text.Json;
using Forlop.App.Data;
using Forlop.App.Features.Dashboards;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forlop.App.Tests.Features.Counting;

/// <summary>
/// "Will this patient count?" (issue 14, item 4; decision 0031) on the demo data: the view's counted within and over are
/// the figure the dashboard shows for the same HF and period, its "standard unknown" the figure's without-standard,
/// each patient shown is logged, and a locked period is refused.
/// </summary>
public class CountPreviewTests
{
    private const int Year = 2024;

    [Fact]
    public async Task CountPreview_OnTheDemoData_AddsUpToTheIndicatorTheDashboardShows()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        var demo = await Cli.RunAsync("demo", "--db", db, "--year", $"{Year}", "--pathways", "3000");
        Assert.True(demo.ExitCode == 0, demo.Output + demo.Error);
        var (app, _) = await TestWebHost.StartAsync(db);
        await using (app)
        {
            using var coordinator = await SignIn.AsAsync(new Uri(app.Urls.First()), "koordinator");
            await using var context = DatabaseTarget.Parse(db).CreateContext();
            var snapshot = await app.Services.GetRequiredService<DashboardCube>().CurrentAsync(context, ct);
            var ous = new DashboardScope(OrganisationLevel.Hf, app.Services.GetRequiredService<OrganisationDirectory>().Find("OUS"));
            // A tertial and a month: both kinds of period the dashboard offers.
            foreach (var text in new[] { $"{Year}-T2", $"{Year}-05" })
            {
                Assert.True(ReportingPeriod.TryParse(text, out var period, out _));
                var figure = DashboardView.Table(snapshot, ous, period).Single(r => r.Pathway == IndicatorFigure.AllPathways);

                using var json = JsonDocument.Parse(await coordinator.GetStringAsync(new Uri($"/api/v1/count-preview?period={text}&hf=OUS&pageSize=5", UriKind.Relative), ct));
                var view = json.RootElement;
                var within = view.GetProperty("countedWithin").GetInt32();
                var over = view.GetProperty("countedOver").GetInt32();
                var unknown = view.GetProperty("reasons").EnumerateArray().Where(r => r.GetProperty("reason").GetString() == "standard-unknown")
                    .Sum(r => r.GetProperty("count").GetInt32());
                Assert.True(within + over > 0, $"{text}: no counted pathway in the demo data");
                Assert.Equal(figure.WithinStandard, within);
                Assert.Equal(figure.Completed - figure.WithoutStandard - figure.WithinStandard, over);
                Assert.Equal(figure.WithoutStandard, unknown);
                // Every pathway is in exactly one place, and the reasons add up to those not counted.
                Assert.Equal(view.GetProperty("touching").GetInt32(), within + over + view.GetProperty("notCounted").GetInt32());
                Assert.Equal(view.GetProperty("notCounted").GetInt32(), view.GetProperty("reasons").EnumerateArray().Sum(r => r.GetProperty("count").GetInt32()));
                Assert.Contains(view.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("reason").GetString() == "no-treatment-yet" || r.GetProperty("reason").GetString() == "ended-without-treatment");
            }

            // The rows of one status page through exactly that status's count, each patient shown logged.
            using var overPage = JsonDocument.Parse(await coordinator.GetStringAsync(new Uri($"/api/v1/count-preview?period={Year}-T2&hf=OUS&status=counted-over&pageSize=3", UriKind.Relative), ct));
            var rows = overPage.RootElement.GetProperty("rows").EnumerateArray().ToList();
            Assert.Equal(overPage.RootElement.GetProperty("countedOver").GetInt32(), overPage.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(3, rows.Count);
            Assert.All(rows, r => Assert.Equal("counted-over", r.GetProperty("status").GetString()));
            Assert.All(rows, r => Assert.True(r.GetProperty("length").GetInt64() > r.GetProperty("limit").GetInt64()));
            foreach (var row in rows)
            {
                var nin = row.GetProperty("nationalId").GetString()!;
                var entries = await context.AccessLog.Where(e => e.Patient == nin && e.User == "koordinator").Select(e => e.What).ToListAsync(ct);
                Assert.Contains(entries, what => what.StartsWith($"count preview {Year}-T2 OUS: episode ", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task CountPreview_RefusesALockedPeriod_AndAnotherHfsPatients()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        Assert.Equal(0, (await Cli.RunAsync("demo", "--db", db, "--year", $"{Year}", "--pathways", "300")).ExitCode);
        // The demo publishes its year's first tertial itself (decision 0030); the second is locked here.
        Assert.Equal(0, (await Cli.RunAsync("lock-period", "--db", db, $"{Year}-T2")).ExitCode);
        var (app, _) = await TestWebHost.StartAsync(db);
        await using (app)
        {
            using var coordinator = await SignIn.AsAsync(new Uri(app.Urls.First()), "koordinator");
            foreach (var period in new[] { $"{Year}-T1", $"{Year}-T2" })
            {
                var locked = await coordinator.GetAsync(new Uri($"/api/v1/count-preview?period={period}&hf=OUS", UriKind.Relative), ct);
                Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
            }
            var other = await coordinator.GetAsync(new Uri($"/api/v1/count-preview?period={Year}-T3&hf=HB", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            var wrong = await coordinator.GetAsync(new Uri($"/api/v1/count-preview?period=2024-T9&status=maybe", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }
    }
}
