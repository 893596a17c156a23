using Forlop.Browser.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Deviations;

/// <summary>A deviation reason recorded on the timeline (/forlop/ID) and counted in the bottleneck view (/dashbord/flaskehalser).</summary>
public class BottleneckPageTests(BrowserApp app)
{
    [Fact]
    public async Task Reason_RecordedOnTheTimeline_IsCountedInTheBottleneckView()
    {
        var ct = TestContext.Current.CancellationToken;
        var year = DateTime.Today.Year;
        var first = new DateOnly(year, 1, 1);
        // An interval of an OUS episode reached this year over its standard, which the demo left without a reason.
        Breach breach;
        await using (var db = app.Target.CreateContext())
        {
            breach = await (from i in db.EpisodeIntervals
                            join e in db.Episodes on i.EpisodeId equals e.Id
                            where e.Hf == "OUS" && i.Status == "over" && i.ToDate >= first
                                  && !db.DeviationReasons.Any(r => r.EpisodeId == i.EpisodeId && r.IntervalId == i.IntervalId)
                            orderby i.EpisodeId descending
                            select new Breach(i.EpisodeId, i.IntervalId, e.Pathway, e.Unit)).FirstAsync(ct);
        }
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        var bottlenecks = $"/dashbord/flaskehalser?periode={year}&hf=OUS";
        var row = page.Locator($"#bottlenecks-reasons tr[data-key='{breach.Pathway}|{breach.IntervalId}|{breach.Unit}|medical-reason|'] .bottleneck-count");
        await session.GotoInteractiveAsync(bottlenecks);
        await Expect(page.Locator("#bottlenecks-intervals")).ToBeVisibleAsync();
        await Expect(page.Locator("#bottlenecks-intervals th").Nth(5)).ToContainTextAsync("offisiell");
        await Expect(page.Locator("#bottlenecks-intervals th").Nth(6)).ToContainTextAsync("ikke offisiell");
        var before = await row.CountAsync() == 0 ? 0 : int.Parse(await row.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await session.GotoInteractiveAsync($"/forlop/{breach.EpisodeId}");
        await page.Locator("#deviation-interval").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = breach.IntervalId + " " }).First.ClickAsync();
        await page.Locator("#deviation-cause").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Medisinsk årsak" }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.Locator("#deviation-save").ClickAsync();

        await Expect(page.Locator("#deviation-message")).ToContainTextAsync("er lagret");
        await Expect(page.Locator($"[data-interval='{breach.IntervalId}'] .forlop-deviation-reason").First).ToContainTextAsync("Medisinsk årsak");
        await session.GotoInteractiveAsync(bottlenecks);
        await Expect(row).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(session.Errors);
    }

    private sealed record Breach(long EpisodeId, string IntervalId, string Pathway, string Unit);
}
