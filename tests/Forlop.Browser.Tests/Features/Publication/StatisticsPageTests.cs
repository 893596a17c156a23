using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Publication;

/// <summary>The public statistics (/statistikk): no login, small numbers suppressed, every choice an address of its own.</summary>
public class StatisticsPageTests(BrowserApp app)
{
    [Fact]
    public async Task StatisticsPage_WithoutSigningIn_ShowsTheShareWithinStandardPerPathway()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/statistikk");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Andel pakkeforløp gjennomført innenfor standard forløpstid");
        await Expect(page.Locator("#stats-table")).ToContainTextAsync("A01 Brystkreft");
        await Expect(page.Locator("#stats-table tbody tr").Last).ToContainTextAsync("Alle");
        await Screenshots.SaveAsync(page, "statistics");

        // The form asks by address: the same figures per regional health authority.
        await page.Locator("#niva").SelectOptionAsync("rhf");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("niva=rhf"));
        await Expect(page.Locator("#stats-table")).ToContainTextAsync("Helse Sør-Øst RHF");

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task StatisticsPage_WithAPeriodThatIsNone_SaysHowToWriteOneInTheChosenLanguage()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;

        var response = await page.GotoAsync("/statistikk?periode=i%20fjor");

        Assert.Equal(400, response!.Status);
        await Expect(page.Locator("#stats-problem")).ToContainTextAsync("«i fjor» er ikke en periode");
        await page.ClickAsync("#language-switch");
        await Expect(page.Locator("#stats-problem")).ToContainTextAsync("'i fjor' is not a period");
    }
}
