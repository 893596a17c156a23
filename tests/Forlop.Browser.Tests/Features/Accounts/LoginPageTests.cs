using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Accounts;

/// <summary>The login page (/logg-inn): a static form in Norwegian, English on request.</summary>
public class LoginPageTests(BrowserApp app)
{
    [Fact]
    public async Task LoginPage_ByDefault_IsInNorwegian()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/logg-inn");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nb");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Logg inn");
        await Expect(page.GetByLabel("Brukernavn")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Passord")).ToHaveAttributeAsync("type", "password");
        // The browser posts the form itself, with the antiforgery token beside the fields.
        await Expect(page.Locator("form[action='/konto/logg-inn'] input[name='__RequestVerificationToken']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#login-error")).ToHaveCountAsync(0);
        // Without an identity provider configured (Forlop:Oidc) there is no button for one.
        await Expect(page.Locator("#sign-in-external")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "login");

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task LanguageSwitch_ToEnglishAndBack_ReloadsThePageInThatLanguage()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/logg-inn?returnUrl=%2Fstatistikk");

        await page.ClickAsync("#language-switch");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
        // Still the same page, with where to go after signing in.
        await Expect(page.Locator("input[name='returnUrl']")).ToHaveValueAsync("/statistikk");

        await page.ClickAsync("#language-switch");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Logg inn");

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task LoginPage_AfterAFailedSignIn_SaysSoInTheChosenLanguage()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        // Where /konto/logg-inn sends a wrong user name or password.
        await page.GotoAsync("/logg-inn?feil=1&returnUrl=%2F");
        await Expect(page.Locator("#login-error")).ToHaveTextAsync("Feil brukernavn eller passord");

        await page.ClickAsync("#language-switch");
        await Expect(page.Locator("#login-error")).ToHaveTextAsync("Wrong user name or password");

        Assert.Empty(session.Errors);
    }
}
