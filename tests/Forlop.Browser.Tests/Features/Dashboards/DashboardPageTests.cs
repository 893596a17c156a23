using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Dashboards;

/// <summary>The dashboard (/dashbord): figures of the HFs the user may see, with the 70 % target; no figures for an administrator.</summary>
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
}
