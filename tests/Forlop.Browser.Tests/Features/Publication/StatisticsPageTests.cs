using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Publication;

/// <summary>The public statistics (/statistikk): no login, small numbers suppressed.</summary>
public class StatisticsPageTests(BrowserApp app)
{
    [Fact]
    public async Task StatisticsPage_WithoutSigningIn_ShowsTheShareWithinStandardPerPathway()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/statistikk");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Andel pakkeforløp gjennomført innenfor standard forløpstid");
        await Expect(page.Locator("table")).ToContainTextAsync("A01 Brystkreft");
        await Screenshots.SaveAsync(page, "statistics");

        Assert.Empty(session.Errors);
    }
}
