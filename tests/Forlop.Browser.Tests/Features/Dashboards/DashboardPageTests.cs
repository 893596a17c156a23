using System.Globalization;
using System.Text.RegularExpressions;
using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Dashboards;

/// <summary>
/// The dashboard (/dashbord): figures of the HFs the user may see, with the 70 % target; the episodes behind a figure
/// for those who may see them (/dashbord/forlop); RHF and national totals for analysts; no figures for an administrator.
/// </summary>
public class DashboardPageTests(BrowserApp app)
{
    [Fact]
    public async Task Dashboard_ForTheClinicalLead_ShowsHerHfsTableAndCharts()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("leder");
        await session.GotoInteractiveAsync("/dashbord");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Dashbord for pakkeforløp");
        await Expect(page.Locator("h2").First).ToContainTextAsync("Oslo universitetssykehus");
        Assert.True(await page.Locator("#dashboard-table tbody tr").CountAsync() > 1, "the demo data has completed pathways at OUS last tertial");
        await Expect(page.Locator("#dashboard-table tbody tr").Last).ToContainTextAsync("Alle");
        // The headline says what the share of all pathways covers; the period is not locked, so it is provisional.
        await Expect(page.Locator("#dashboard-coverage")).ToContainTextAsync("pakkeforløp med gjennomførte forløp i perioden");
        await Expect(page.Locator("#dashboard-provisional")).ToContainTextAsync("ikke kvalitetssikret");
        await Expect(page.Locator("#dashboard-trend svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("#dashboard-trend svg path").First).ToBeAttachedAsync();
        await Expect(page.Locator("nav a[href='/dashbord']")).ToBeVisibleAsync();
        await Expect(page.Locator("#dashboard-quartiles tbody tr").First).ToContainTextAsync("OF");
        await Screenshots.SaveAsync(page, "dashboard");

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Dashboard_ForTheNationalAnalyst_ComparesTheHfsOfTheNation()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("analytiker-nasjonal");
        await session.GotoInteractiveAsync("/dashbord");

        await Expect(page.Locator("#dashboard-comparison svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("#dashboard-comparison")).ToContainTextAsync("Oslo universitetssykehus");
        await Expect(page.Locator("#dashboard-comparison")).ToContainTextAsync("Helse Bergen");

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Dashboard_ForTheAdministrator_IsRefused()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("admin");
        await session.GotoInteractiveAsync("/dashbord");

        await Expect(page.Locator("#access-denied")).ToBeVisibleAsync();
        await Expect(page.Locator("#dashboard-table")).ToHaveCountAsync(0);
        await Expect(page.Locator("nav a[href='/dashbord']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Dashboard_ClinicalLeadClicksAFigure_SeesTheEpisodesBehindIt_AndOpensATimeline()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("leder");
        await session.GotoInteractiveAsync("/dashbord");

        // The number completed of all pathways together, the table's last line.
        var figure = page.Locator("#dashboard-table tbody tr").Last.Locator("a.forlop-drill[data-subset='fullfort']");
        var count = int.Parse(await figure.InnerTextAsync(), CultureInfo.InvariantCulture);
        await figure.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/dashbord/forlop\\?.*utvalg=fullfort"));
        await Expect(page.Locator("#drill-count")).ToHaveAttributeAsync("data-total", count.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#drill-list tbody tr")).ToHaveCountAsync(Math.Min(count, 50));
        await Expect(page.Locator("#drill-subtitle")).ToContainTextAsync("Oslo universitetssykehus");
        await Expect(page.Locator("#drill-list tbody tr").First.Locator("td.forlop-nin")).ToHaveTextAsync(new Regex("^[0-9]{11}$"));
        await session.WaitUntilInteractiveAsync();
        await Screenshots.SaveAsync(page, "dashboard-drilldown");

        var first = page.Locator("#drill-list tbody tr").First;
        var name = await first.Locator("a").InnerTextAsync();
        await first.Locator("a").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/forlop/[0-9]+$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("#timeline-points tbody tr").First).ToBeVisibleAsync();
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Dashboard_ClinicalLeadOpensAMonthOfTheTrend_SeesTheEpisodesCompletedThatMonth()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("leder");
        await session.GotoInteractiveAsync("/dashbord");

        await page.Locator("#dashboard-trend-months").GetByText("Måned for måned").ClickAsync();
        var months = page.Locator("#dashboard-trend-months tbody tr");
        await Expect(months).ToHaveCountAsync(12);
        // The newest month with a completed pathway: its count opens the episodes of that month alone.
        var figure = page.Locator("#dashboard-trend-months a.forlop-drill[data-subset='fullfort']").Last;
        // The panel opens with an animation: read the figure once it shows a number, not while it is still folded.
        await Expect(figure).ToBeVisibleAsync();
        await Expect(figure).ToHaveTextAsync(new Regex("^[0-9]+$"));
        var month = await figure.GetAttributeAsync("data-month");
        var count = int.Parse((await figure.TextContentAsync())!.Trim(), CultureInfo.InvariantCulture);
        await figure.ClickAsync();

        Assert.Matches("^[0-9]{4}-[0-9]{2}$", month);
        await Expect(page).ToHaveURLAsync(new Regex($"/dashbord/forlop\\?.*periode={month}.*utvalg=fullfort"));
        await Expect(page.Locator("#drill-count")).ToHaveAttributeAsync("data-total", count.ToString(CultureInfo.InvariantCulture));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Dashboard_ForTheNationalAnalyst_HasNoLinksToPatients_ButNationalAndRegionalTotals()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("analytiker-nasjonal");
        await session.GotoInteractiveAsync("/dashbord");

        await Expect(page.Locator("#dashboard-table tbody tr").Last).ToContainTextAsync("Alle");
        await Expect(page.Locator("#dashboard-table a")).ToHaveCountAsync(0);
        await Expect(page.Locator("#dashboard-drill-note")).ToHaveCountAsync(0);
        await page.Locator("#dashboard-trend-months").GetByText("Måned for måned").ClickAsync();
        await Expect(page.Locator("#dashboard-trend-months tbody tr")).ToHaveCountAsync(12);
        await Expect(page.Locator("#dashboard-trend-months a")).ToHaveCountAsync(0);
        await Expect(page.Locator("#dashboard-totals tbody tr[data-level='rhf']")).ToHaveCountAsync(4);
        await Expect(page.Locator("#dashboard-totals tbody tr[data-level='nation']")).ToContainTextAsync("Hele landet");
        await Expect(page.Locator("#dashboard-totals")).ToContainTextAsync("Helse Sør-Øst");
        await page.Locator("#dashboard-totals").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "dashboard-totals");

        // The address of a drill-down, typed in: refused.
        await page.GotoAsync("/dashbord/forlop?indikator=completed-within-standard&forlop=ALL&periode=2025-T3&hf=OUS&utvalg=fullfort");
        await Expect(page.Locator("#access-denied")).ToBeVisibleAsync();
        await Expect(page.Locator("#drill-list")).ToHaveCountAsync(0);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Dashboard_ForTheRegionalAnalyst_TotalsHerRegionOnly()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("analytiker-region");
        await session.GotoInteractiveAsync("/dashbord");

        await Expect(page.Locator("#dashboard-totals tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#dashboard-totals tbody tr[data-level='rhf']")).ToContainTextAsync("Helse Sør-Øst");
        await Expect(page.Locator("#dashboard-table a")).ToHaveCountAsync(0);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task DrillDown_OfAnotherHospitalTrust_IsRefused()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("leder");

        await page.GotoAsync("/dashbord/forlop?indikator=completed-within-standard&forlop=ALL&periode=2025-T3&hf=HB&utvalg=fullfort");

        await Expect(page.Locator("#access-denied")).ToBeVisibleAsync();
        await Expect(page.Locator("#drill-list")).ToHaveCountAsync(0);
    }
}
