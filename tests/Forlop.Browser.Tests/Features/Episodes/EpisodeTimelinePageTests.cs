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
    public async Task Timeline_OfAnotherHospitalTrust_IsRefused()
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

        await page.GotoAsync($"/forlop/{episode}");

        // Her role may open timelines: what refuses her is the patient's organisation, and she is told so.
        await Expect(page.Locator("#access-denied")).ToContainTextAsync("Ingen tilgang");
        await Expect(page.Locator("#access-denied")).ToContainTextAsync("et annet helseforetak");
        await Expect(page.Locator("#access-denied")).Not.ToContainTextAsync("Rollen din");
        await Expect(page.Locator("#timeline-points")).ToHaveCountAsync(0);
        await page.GotoAsync($"/registrering?forlop={episode}");
        await Expect(page.Locator("#registration-problem")).ToContainTextAsync("et annet helseforetak");
        await Expect(page.Locator("#registration-save")).ToHaveCountAsync(0);

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
