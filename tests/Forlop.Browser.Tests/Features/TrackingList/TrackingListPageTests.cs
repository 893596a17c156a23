using System.Text.RegularExpressions;
using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.TrackingList;

/// <summary>The tracking list's search and filters, which live in the address.</summary>
public class TrackingListPageTests(BrowserApp app)
{
    [Fact]
    public async Task Search_ByIdentityNumber_ShowsOnlyThatPatient()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        await session.GotoInteractiveAsync("/sporingsliste");
        var nationalId = await page.Locator("#tracking-list tbody tr").Last.Locator(".forlop-nin").InnerTextAsync();

        await page.Locator("#tracking-search").FillAsync(nationalId);

        await Expect(page.Locator("#tracking-list tbody tr")).ToHaveCountAsync(1);
        Assert.DoesNotContain(nationalId, page.Url, StringComparison.Ordinal); // No patient in the address.
        await Expect(page.Locator("#tracking-list tbody tr").First.Locator(".forlop-nin")).ToHaveTextAsync(nationalId);
        await Expect(page.Locator($"#tracking-list tbody tr .forlop-nin:not(:text-is('{nationalId}'))")).ToHaveCountAsync(0);

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task StatusFilter_Overdue_ShowsOnlyOverdueEpisodes_AndSurvivesAReload()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        await session.GotoInteractiveAsync("/sporingsliste");

        await page.Locator("#tracking-status").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Over fristen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("status=overdue"));
        await Expect(page.Locator("#tracking-list tbody tr:not(.forlop-status-overdue)")).ToHaveCountAsync(0);
        var overdue = await page.Locator("#tracking-list tbody tr.forlop-status-overdue").CountAsync();
        Assert.True(overdue > 0, "the demo data has overdue episodes at Oslo universitetssykehus");

        await page.ReloadAsync();
        await Expect(page.Locator("#tracking-list tbody tr.forlop-status-overdue")).ToHaveCountAsync(overdue);

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task TrackingList_InEnglish_KeepsNorwegianDates()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        await session.GotoInteractiveAsync("/sporingsliste");

        await page.ClickAsync("#language-switch");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Tracking list");
        await Expect(page.Locator("#tracking-list thead")).ToContainTextAsync("Deadline");
        await Expect(page.Locator("#tracking-list tbody tr").First.Locator("td.forlop-deadline")).ToContainTextAsync(new Regex(@"\d{2}\.\d{2}\.\d{4}"));

        Assert.Empty(session.Errors);
    }
}
