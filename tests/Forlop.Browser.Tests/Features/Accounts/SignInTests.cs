using System.Text.RegularExpressions;
using Forlop.App.Features.Accounts;
using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Accounts;

/// <summary>Signing in with the demo users (README.md): each role lands on its own home page.</summary>
public class SignInTests(BrowserApp app)
{
    [Theory]
    // Those who follow patients start on their tracking list.
    [InlineData("koordinator", "Kari Nordmann", "Forløpskoordinator · Oslo universitetssykehus HF", "Sporingsliste")]
    [InlineData("leder", "Lars Berg", "Klinisk leder · Oslo universitetssykehus HF", "Sporingsliste")]
    // Figures only: a welcome, what the role is for, and the registry's counts; no tracking list in the menu.
    [InlineData("analytiker-region", "Randi Sørli", "Regional analytiker · Helse Sør-Øst RHF", "Velkommen, Randi Sørli")]
    [InlineData("analytiker-nasjonal", "Nils Aas", "Nasjonal analytiker", "Velkommen, Nils Aas")]
    [InlineData("admin", "Ada Lund", "Administrator", "Velkommen, Ada Lund")]
    public async Task SignIn_AsEachDemoRole_ShowsWhoIsSignedInAndThatRolesHomePage(string userName, string name, string roleAndOrganisation, string heading)
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;

        await session.SignInAsync(userName);

        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.Locator("#signed-in-user")).ToContainTextAsync(name);
        await Expect(page.Locator("#signed-in-user")).ToContainTextAsync(roleAndOrganisation);
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        var seesPatients = heading == "Sporingsliste";
        await Expect(page.Locator("nav a[href='/sporingsliste']")).ToHaveCountAsync(seesPatients ? 1 : 0);
        if (userName == "koordinator")
        {
            // The rows come over the live connection, a moment after the page's frame.
            await Expect(page.Locator("#tracking-list tbody tr").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "tracking-list");
        }

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_ShowsTheErrorAndKeepsWhereToGo()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/logg-inn?returnUrl=%2Fstatistikk");
        await page.GetByLabel("Brukernavn").FillAsync("koordinator");
        await page.GetByLabel("Passord").FillAsync("feil-passord");
        await page.ClickAsync("#sign-in");

        await Expect(page.Locator("#login-error")).ToHaveTextAsync("Feil brukernavn eller passord");
        await Expect(page.Locator("input[name='returnUrl']")).ToHaveValueAsync("/statistikk");
        await Expect(page.Locator("#signed-in-user")).ToHaveCountAsync(0);

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_AndAProtectedPageAsksToSignInFirst()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("analytiker-nasjonal");

        await page.ClickAsync("#sign-out");

        await Expect(page).ToHaveURLAsync(new Regex("/logg-inn$"));
        await Expect(page.Locator("#signed-in-user")).ToHaveCountAsync(0);
        await page.GotoAsync("/sporingsliste");
        await Expect(page).ToHaveURLAsync(new Regex("/logg-inn\\?ReturnUrl=%2Fsporingsliste$"));
        // Signing in there goes on to the page asked for.
        await Expect(page.Locator("input[name='returnUrl']")).ToHaveValueAsync("/sporingsliste");
        await page.Locator("#userName").FillAsync("koordinator");
        await page.Locator("#password").FillAsync(LocalAccounts.DemoPassword);
        await page.ClickAsync("#sign-in");
        await Expect(page).ToHaveURLAsync(new Regex("/sporingsliste$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sporingsliste");

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task TrackingList_ForARoleWithoutPersonData_IsRefused()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("analytiker-region");

        await page.GotoAsync("/sporingsliste");

        await Expect(page.Locator("#access-denied")).ToContainTextAsync("Ingen tilgang");
        await Expect(page.Locator("#tracking-list")).ToHaveCountAsync(0);

        Assert.Empty(session.Errors);
    }
}
