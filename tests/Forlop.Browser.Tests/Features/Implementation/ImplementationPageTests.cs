using System.Globalization;
using System.Text.RegularExpressions;
using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Implementation;

/// <summary>
/// The implementation tracker at /gjennomforing (decision 0032): a clinical lead opens her HF from the national overview,
/// reports a measure done with its evidence, and sees her HF's row and the measure's national count move.
/// </summary>
public class ImplementationPageTests(BrowserApp app)
{
    [Fact]
    public async Task AClinicalLead_ReportsAMeasureDone_AndTheOverviewMoves()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("leder");
        await session.GotoInteractiveAsync("/gjennomforing");
        var ousDone = page.Locator("#implementation-owners tr[data-owner='OUS'] .implementation-done");
        var before = Done(await ousDone.InnerTextAsync());

        await page.Locator("#implementation-owners tr[data-owner='OUS'] a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("eier=OUS"));
        await session.WaitUntilInteractiveAsync();
        // The first measure of the HF's that is not done yet (the demo leaves some not reported or under way).
        var open = page.Locator("#implementation-owner-measures tbody tr:not([data-status='done'])").First;
        var measure = (await open.GetAttributeAsync("data-measure"))!;
        var name = (await open.Locator("td").First.InnerTextAsync()).Split('\n')[0].Trim();
        // A select holding a value shows it in a box of its own and keeps the id on a hidden input: click the box.
        await page.Locator("div.mud-input-control.mud-select", new() { Has = page.Locator("#implementation-measure") }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = name }).First.ClickAsync();
        await page.Locator("div.mud-input-control.mud-select", new() { Has = page.Locator("#implementation-status") }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Gjennomført" }).ClickAsync();
        await page.Locator("#implementation-evidence").FillAsync("Vedtatt i ledermøtet");
        await page.Locator("#implementation-evidence").PressAsync("Tab");
        await page.Locator("#implementation-save").ClickAsync();

        await Expect(page.Locator("#implementation-form-message")).ToContainTextAsync("Lagret");
        await Expect(page.Locator($"#implementation-owner-measures tr[data-measure='{measure}']")).ToHaveAttributeAsync("data-status", "done");
        await Expect(page.Locator($"#implementation-owner-measures tr[data-measure='{measure}']")).ToContainTextAsync("Vedtatt i ledermøtet");
        await page.Locator("#implementation-back").ClickAsync();
        await Expect(ousDone).ToHaveTextAsync(new Regex($"^{before.Done + 1} / {before.Of}$"));
        Assert.Empty(session.Errors);
    }

    private static (int Done, int Of) Done(string text)
    {
        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
