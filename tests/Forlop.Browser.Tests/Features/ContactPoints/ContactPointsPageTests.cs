using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.ContactPoints;

/// <summary>The public contact-point directory (/kontaktpunkter): no login, searchable by municipality or HF.</summary>
public class ContactPointsPageTests(BrowserApp app)
{
    [Fact]
    public async Task Directory_WithoutSigningIn_FindsAMunicipalityAndItsHospitalBySearch()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/kontaktpunkter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Kontaktpunkter");
        await Expect(page.Locator("#contact-table")).ToContainTextAsync("Hammerfest");

        await page.Locator("#contact-search").FillAsync("Bergen");
        await page.Locator("#contact-search-button").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=Bergen"));
        await Expect(page.Locator("#contact-table")).ToContainTextAsync("Kontaktpunkt for Pakkeforløp hjem");
        await Expect(page.Locator("#contact-table")).ToContainTextAsync("(4601)");
        await Expect(page.Locator("#contact-table")).Not.ToContainTextAsync("Hammerfest");
        // Demo entries say they are placeholders.
        await Expect(page.Locator("#contact-placeholder-note")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "contact-points");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Directory_SearchWithoutHits_SaysSoInsteadOfAnEmptyTable()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/kontaktpunkter?q=Atlantis");

        await Expect(page.Locator("#contact-none")).ToContainTextAsync("Ingen treff for «Atlantis»");
        await Expect(page.Locator("#contact-table")).ToHaveCountAsync(0);
        Assert.Empty(session.Errors);
    }
}
