using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Counting;

/// <summary>
/// "Will this patient count?" at /dashbord/telling (a pathway's status, its link to the timeline) and the feedback of
/// deliveries at /tilbakemeldinger (the months of the demo, a document's lines) on the demo data (decision 0031).
/// </summary>
public class CountingAndFeedbackPageTests(BrowserApp app)
{
    [Fact]
    public async Task CountingPage_ShowsEachPathwaysStatus_AndLinksToItsTimeline()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        var period = FormattableString.Invariant($"{DateTime.UtcNow.Year - 1}-T2");
        await session.GotoInteractiveAsync($"/dashbord/telling?periode={period}");

        var summary = page.Locator("#counting-summary");
        await Expect(summary).ToBeVisibleAsync();
        var within = int.Parse((await summary.GetAttributeAsync("data-within"))!, System.Globalization.CultureInfo.InvariantCulture);
        var over = int.Parse((await summary.GetAttributeAsync("data-over"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(within + over > 0, "no counted pathway in the demo's tertial");
        await Expect(page.Locator("#counting-list tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#counting-reasons")).ToBeVisibleAsync();

        // Only those counted over: every row says so.
        await session.GotoInteractiveAsync($"/dashbord/telling?periode={period}&status=counted-over");
        await Expect(page.Locator("#counting-list tbody tr").First).ToHaveAttributeAsync("data-status", "counted-over");
        Assert.Equal(0, await page.Locator("#counting-list tbody tr:not([data-status='counted-over'])").CountAsync());

        var row = page.Locator("#counting-list tbody tr").First;
        var episode = await row.GetAttributeAsync("data-episode");
        await row.Locator("a").First.ClickAsync();
        await page.WaitForURLAsync($"**/forlop/{episode}");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task FeedbackPage_ShowsTheMonthsOfDeliveries_AndADocumentsLines()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        await session.GotoInteractiveAsync("/tilbakemeldinger");

        // The demo's six earlier months at least (and this month's import).
        await Expect(page.Locator("#feedback-trend tbody tr").Nth(5)).ToBeVisibleAsync();
        await Expect(page.Locator("#feedback-deliveries tbody tr[data-source='file']").First).ToBeVisibleAsync();
        await page.Locator("#feedback-deliveries tbody tr", new() { HasText = "dips-ous" }).First.Locator("a").ClickAsync();
        await session.WaitUntilInteractiveAsync();
        await Expect(page.Locator("#feedback-lines tbody tr[data-severity='error']").First).ToBeVisibleAsync();
        await Expect(page.Locator("#feedback-csv")).ToBeVisibleAsync();
        Assert.Empty(session.Errors);
    }
}
