using System.Text.RegularExpressions;
using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Episodes;

/// <summary>The patient timeline (/forlop/ID): opened from the tracking list, refused outside the user's HF.</summary>
public class EpisodeTimelinePageTests(BrowserApp app)
{
    [Fact]
    public async Task Timeline_OpenedFromTheTrackingList_ShowsPointsIntervalsAndHistory()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");

        // The most urgent cancer episode: the list is sorted by deadline.
        await session.GotoInteractiveAsync("/sporingsliste?status=overdue");
        var first = page.Locator("#tracking-list tbody tr").First;
        var name = await first.Locator("a").InnerTextAsync();
        await first.Locator("a").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/forlop/[0-9]+$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("#timeline-next-deadline")).ToContainTextAsync("over fristen");
        await Expect(page.Locator("#timeline-points tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#timeline-intervals .forlop-interval-bar").First).ToBeVisibleAsync();
        await Expect(page.Locator("#timeline-history tbody tr").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "timeline");

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Timeline_OfAnotherHospitalTrust_IsShownAsMissing()
    {
        string episode;
        await using (var oslo = await app.OpenAsync())
        {
            await oslo.SignInAsync("koordinator");
            episode = (await oslo.Page.Locator("#tracking-list tbody tr").First.GetAttributeAsync("data-episode"))!;
        }
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator-bergen");

        // Another HF's episode looks exactly like one that does not exist (issue 16): the id reveals nothing.
        foreach (var id in new[] { episode, "999999999" })
        {
            await page.GotoAsync($"/forlop/{id}");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Forløpet finnes ikke");
            await Expect(page.Locator("#access-denied")).ToHaveCountAsync(0);
            await Expect(page.Locator("#timeline-points")).ToHaveCountAsync(0);
            // Her role may open timelines: the page names the organisation as the possible reason, never her role.
            await Expect(page.Locator("#timeline-not-found-hint")).ToContainTextAsync("et annet helseforetak");
            await Expect(page.Locator("#timeline-not-found-hint")).Not.ToContainTextAsync("Rollen din");
            await page.GotoAsync($"/registrering?forlop={id}");
            await Expect(page.Locator("#registration-problem")).ToHaveTextAsync("Forløpet finnes ikke");
        }

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Timeline_CoordinatorAssignsHerself_AndTheTrackingListFilterFindsThePatient()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        // A row the other tests leave alone.
        var row = page.Locator("#tracking-list tbody tr").Nth(3);
        var episode = (await row.GetAttributeAsync("data-episode"))!;
        var nin = (await row.Locator("td.forlop-nin").InnerTextAsync()).Trim();

        await session.GotoInteractiveAsync($"/forlop/{episode}");
        await page.Locator("#timeline-assign-self").ClickAsync();

        await Expect(page.Locator("#timeline-assignment-message")).ToContainTextAsync("Kari Nordmann følger nå opp forløpet");
        await Expect(page.Locator("#timeline-coordinator-chip")).ToContainTextAsync("Kari Nordmann");
        await Expect(page.Locator("#timeline-assign-self")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "timeline-assignment");
        await session.GotoInteractiveAsync("/sporingsliste?koordinator=koordinator");
        await page.Locator("#tracking-search").FillAsync(nin);
        await Expect(page.Locator($"#tracking-list tbody tr[data-episode='{episode}']")).ToContainTextAsync("Kari Nordmann");

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Timeline_AssignmentChangedMeanwhile_SaysSoAndReloads_InsteadOfOverwriting()
    {
        await using var first = await app.OpenAsync();
        await using var second = await app.OpenAsync();
        await first.SignInAsync("koordinator");
        var episode = (await first.Page.Locator("#tracking-list tbody tr").Nth(8).GetAttributeAsync("data-episode"))!;
        await second.SignInAsync("leder");
        // Both open the episode while nobody follows it.
        await first.GotoInteractiveAsync($"/forlop/{episode}");
        await second.GotoInteractiveAsync($"/forlop/{episode}");

        await first.Page.Locator("#timeline-assign-self").ClickAsync();
        await Expect(first.Page.Locator("#timeline-assignment-message")).ToContainTextAsync("følger nå opp");
        await second.Page.Locator("#timeline-coordinator").ClickAsync();
        await second.Page.Locator(".mud-popover-open .mud-list-item").Last.ClickAsync();
        await Expect(second.Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await second.Page.Locator("#timeline-assign").ClickAsync();

        await Expect(second.Page.Locator("#timeline-assignment-message")).ToContainTextAsync("Noen andre endret koordinatoren");
        await Expect(second.Page.Locator("#timeline-coordinator-chip")).ToContainTextAsync("Kari Nordmann");
        Assert.Empty(first.Errors);
        Assert.Empty(second.Errors);
    }
}
