using System.Text.RegularExpressions;
using Forlop.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Web;

/// <summary>The home page (/) and the app shell around every page.</summary>
public class HomePageTests(BrowserApp app)
{
    [Fact]
    public async Task HomePage_NotSignedIn_ShowsTheRegistryOverviewAndTheWayToSignIn()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Forløp");
        await Expect(page.Locator("#registry-overview")).ToContainTextAsync("A01 Brystkreft");
        await Expect(page.Locator("#registry-overview th").First).ToHaveTextAsync("Pakkeforløp");
        // Counts only: nobody signed in sees no person data and no menu of the application.
        await Expect(page.Locator(".mud-drawer")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "home");

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Logg inn" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/logg-inn$"));

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task LanguageSwitch_OnAnInteractivePage_ReloadsItInEnglish()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;

        await session.GotoInteractiveAsync("/");

        await page.ClickAsync("#language-switch");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("#registry-overview th").First).ToHaveTextAsync("Pathway");
        await Expect(page.Locator("#registry-overview")).ToContainTextAsync("A01 Breast cancer");
        await Expect(page).ToHaveURLAsync(new Regex("/$"));

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task UnknownAddress_ShowsThePageNotFound()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;

        var response = await page.GotoAsync("/finnes-ikke");

        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Siden finnes ikke");

        Assert.Empty(session.Errors);
    }
}
