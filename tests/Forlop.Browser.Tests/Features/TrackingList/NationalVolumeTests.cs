using System.Globalization;
using System.Text.RegularExpressions;
using Forlop.App.Features.AccessLog;
using Forlop.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.TrackingList;

/// <summary>
/// A coordinator's working day on the README's demo volume (about 360 000 events): the tracking list stays live
/// (its circuit died here when the server's first rendering handed the page's rows to the live page), every filter,
/// paging and sorting, a timeline opened from it and logged once, a new referral from the menu and a correction.
/// </summary>
[Collection(NationalVolume.Name)]
public class NationalVolumeTests(NationalBrowserApp app)
{
    private static string Day(int daysAgo) =>
        DateTime.Today.AddDays(-daysAgo).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    private static ILocator Rows(IPage page) => page.Locator("#tracking-list tbody tr");

    /// <summary>Picks the item-th choice of a drop-down (-1: the last).</summary>
    private static async Task ChooseAsync(IPage page, string select, int item)
    {
        await page.Locator(select).ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await (item < 0 ? items.Last : items.Nth(item)).ClickAsync();
    }

    [Fact]
    public async Task TrackingList_AtNationalVolume_StaysLive_ForSearchEveryFilterPagingAndSorting()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        await session.GotoInteractiveAsync("/sporingsliste");
        await Expect(Rows(page)).ToHaveCountAsync(50);

        // Dense on a laptop (1280 px): one line per patient, every column in view without scrolling sideways.
        var tallest = await Rows(page).EvaluateAllAsync<double>("rows => Math.max(...rows.map(r => r.getBoundingClientRect().height))");
        // One line: the status chip (24 px) and the cell's padding; a second line of text would add about 20 px.
        Assert.True(tallest <= 44, $"a row is {tallest} px high: more than one line");
        var hidden = await page.Locator("main").EvaluateAsync<int>("main => Math.ceil(main.querySelector('#tracking-list table').getBoundingClientRect().right - main.getBoundingClientRect().right)");
        Assert.True(hidden <= 0, $"the list is {hidden} px wider than a laptop screen");

        // Paging: the second page holds other episodes, later deadlines.
        var firstOfPageOne = await Rows(page).First.GetAttributeAsync("data-episode");
        await page.Locator("#tracking-pages button[aria-label='Page 2'], #tracking-pages .mud-pagination-item button").Filter(new() { HasText = "2" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("side=2"));
        await Expect(Rows(page).First).Not.ToHaveAttributeAsync("data-episode", firstOfPageOne!);

        // Sorting on the server: by pathway, then the other way; by deadline, then the other way.
        await page.Locator("#sort-pathway").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sortering=forlop(&|$)"));
        await Expect(page).Not.ToHaveURLAsync(new Regex("side=2"));
        var ascending = await SortedAsync(page, "pathway", descending: false);
        await page.Locator("#sort-pathway").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sortering=-forlop"));
        var descending = await SortedAsync(page, "pathway", descending: true);
        Assert.NotEqual(ascending[0], descending[0]);
        await page.Locator("#sort-deadline").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("sortering="));
        var soonest = await SortedAsync(page, "deadline", descending: false);
        await page.Locator("#sort-deadline").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sortering=-frist"));
        var latest = await SortedAsync(page, "deadline", descending: true);
        Assert.NotEqual(soonest[0], latest[0]);

        // Every filter narrows the rows to what it names, in the address.
        await page.GotoAsync("/sporingsliste");
        await session.WaitUntilInteractiveAsync();
        await ChooseAsync(page, "#tracking-pathway", 2);
        await Expect(page).ToHaveURLAsync(new Regex("forlop=[A-Z0-9]+"));
        var pathway = Regex.Match(page.Url, "forlop=([A-Z0-9]+)").Groups[1].Value;
        await Expect(page.Locator($"#tracking-list tbody tr:not([data-pathway='{pathway}'])")).ToHaveCountAsync(0);
        await ChooseAsync(page, "#tracking-state", 1);
        await Expect(page).ToHaveURLAsync(new Regex("tilstand=under-investigation"));
        await Expect(page.Locator("#tracking-list tbody tr:not([data-state='under-investigation'])")).ToHaveCountAsync(0);
        await ChooseAsync(page, "#tracking-status", 0);
        await Expect(page).ToHaveURLAsync(new Regex("status=[a-z-]+"));
        var status = Regex.Match(page.Url, "status=([a-z-]+)").Groups[1].Value;
        await Expect(page.Locator($"#tracking-list tbody tr:not(.forlop-status-{status})")).ToHaveCountAsync(0);

        await page.GotoAsync("/sporingsliste");
        await session.WaitUntilInteractiveAsync();
        await ChooseAsync(page, "#tracking-unit", 0);
        await Expect(page).ToHaveURLAsync(new Regex("enhet=[A-Z0-9-]+"));
        var unit = Regex.Match(page.Url, "enhet=([A-Z0-9-]+)").Groups[1].Value;
        await Expect(Rows(page).First).ToHaveAttributeAsync("data-unit", unit);
        await Expect(page.Locator($"#tracking-list tbody tr:not([data-unit='{unit}'])")).ToHaveCountAsync(0);

        // The coordinator filter finds an episode she has just taken on (the demo assigns her only the demo patient's, decision 0029).
        await page.GotoAsync("/sporingsliste?side=2");
        await session.WaitUntilInteractiveAsync();
        var followed = (await Rows(page).Last.GetAttributeAsync("data-episode"))!;
        await session.GotoInteractiveAsync($"/forlop/{followed}");
        await page.Locator("#timeline-assign-self").ClickAsync();
        await Expect(page.Locator("#timeline-coordinator-chip")).ToContainTextAsync("Kari Nordmann");
        await session.GotoInteractiveAsync("/sporingsliste");
        await ChooseAsync(page, "#tracking-coordinator", 0);
        await Expect(page).ToHaveURLAsync(new Regex("koordinator=koordinator"));
        await Expect(Rows(page).Filter(new() { Has = page.Locator("td") })).Not.ToHaveCountAsync(0);
        await Expect(page.Locator($"#tracking-list tbody tr[data-episode='{followed}']")).ToHaveCountAsync(1);
        Assert.True(await Rows(page).CountAsync() <= 2, "the filter shows episodes nobody assigned to her");

        // Search by identity number and by name.
        await page.GotoAsync("/sporingsliste?side=3");
        await session.WaitUntilInteractiveAsync();
        var row = Rows(page).Nth(7);
        var episode = await row.GetAttributeAsync("data-episode");
        var nationalId = await row.Locator(".forlop-nin").InnerTextAsync();
        var name = await row.Locator("a").InnerTextAsync();
        await page.Locator("#tracking-search").FillAsync(nationalId);
        await Expect(page.Locator($"#tracking-list tbody tr:not([data-episode='{episode}'])")).ToHaveCountAsync(0);
        Assert.DoesNotContain(nationalId, page.Url, StringComparison.Ordinal); // No patient in the address.
        await Expect(page.Locator($"#tracking-list tbody tr[data-episode='{episode}']")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#tracking-list tbody tr .forlop-nin:not(:text-is('{nationalId}'))")).ToHaveCountAsync(0);
        await page.Locator("#tracking-search").FillAsync(name);
        await Expect(page.Locator($"#tracking-list tbody tr[data-episode='{episode}']")).ToHaveCountAsync(1);

        // Printed, the list stands alone: no menu, bar, paging or print button; every row one line of the table.
        await page.GotoAsync("/sporingsliste");
        await session.WaitUntilInteractiveAsync();
        await Expect(Rows(page)).ToHaveCountAsync(50);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(page.Locator(".mud-drawer")).ToBeHiddenAsync();
        await Expect(page.Locator("#tracking-pages")).ToBeHiddenAsync();
        await Expect(page.Locator("#tracking-print")).ToBeHiddenAsync();
        await Expect(Rows(page).Last).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Timeline_OpenedFromTheListAtNationalVolume_IsLive_LoggedOnce_AndItsTitleNamesNoPatient()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        await session.GotoInteractiveAsync("/sporingsliste");
        var row = Rows(page).Nth(3);
        var episode = await row.GetAttributeAsync("data-episode");
        var nationalId = await row.Locator(".forlop-nin").InnerTextAsync();
        var name = await row.Locator("a").InnerTextAsync();
        var before = await ReadsOfEpisodeAsync(nationalId, episode!);

        await row.Locator("a").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/forlop/{episode}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("#timeline-points tbody tr").First).ToBeVisibleAsync();
        Assert.DoesNotContain(name, await page.TitleAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(nationalId, await page.TitleAsync(), StringComparison.Ordinal);

        // Opened again by its address: the server's first rendering and the live page make one view, logged once.
        await session.GotoInteractiveAsync($"/forlop/{episode}");
        await Expect(page.Locator("#timeline-points tbody tr").First).ToBeVisibleAsync();
        Assert.DoesNotContain(name, await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 2, await ReadsOfEpisodeAsync(nationalId, episode!));

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task NewReferral_FromTheMenuAtNationalVolume_StartsAPathway_ThenACorrectionShowsOnTheTimeline()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        await session.GotoInteractiveAsync("/sporingsliste");
        var nationalId = TestPatients.NewNumber();

        await page.Locator("#nav-new-referral").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/ny-henvisning$"));
        await session.WaitUntilInteractiveAsync();
        await page.Locator("#referral-national-id").FillAsync(nationalId);
        await page.ClickAsync("#referral-search");
        await Expect(page.Locator("#referral-none")).ToBeVisibleAsync();
        await page.Locator("#field-patient-name").FillAsync("Nora Nyhenvist");
        await page.Locator("#field-code").FillAsync("A01A");
        await page.Locator("#field-date").FillAsync(Day(6));
        await Screenshots.SaveAsync(page, "new-referral");
        await page.ClickAsync("#registration-save");

        await Expect(page).ToHaveURLAsync(new Regex("/forlop/[0-9]+$"));
        Assert.DoesNotContain(nationalId, page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Nora Nyhenvist");
        var referral = page.Locator("#timeline-points tr", new() { HasText = "A01A" });
        await Expect(referral).ToContainTextAsync(Day(6));

        // The same number searched again finds the pathway just started, not a second new patient.
        await page.Locator("#nav-new-referral").ClickAsync();
        await session.WaitUntilInteractiveAsync();
        await page.Locator("#referral-national-id").FillAsync(nationalId);
        await page.ClickAsync("#referral-search");
        await Expect(page.Locator("#referral-found")).ToContainTextAsync("A01");
        await page.Locator("#referral-found a").First.ClickAsync();

        await page.Locator("#timeline-points tr", new() { HasText = "A01A" }).Locator(".correct-point").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Korriger målepunkt");
        // The form is filled with the point being corrected once the page has loaded it; typing before then would be
        // overwritten by the load (under CI load it was), so wait for the old date, then type and check the new one.
        await Expect(page.Locator("#field-date")).ToHaveValueAsync(Day(6));
        await page.Locator("#field-date").FillAsync(Day(5));
        await Expect(page.Locator("#field-date")).ToHaveValueAsync(Day(5));
        await page.ClickAsync("#registration-save");
        await Expect(page.Locator("#timeline-points tr", new() { HasText = "A01A" })).ToContainTextAsync(Day(5));
        await Expect(page.Locator("#timeline-history")).ToContainTextAsync("korrigert");

        Assert.Empty(session.Errors);
    }

    /// <summary>Every signed-in page at 360 px: no sideways scrolling, and the menu opens and closes.</summary>
    [Theory]
    [InlineData("koordinator", "/")]
    [InlineData("koordinator", "/sporingsliste")]
    [InlineData("koordinator", "/forlop/")]
    [InlineData("koordinator", "/registrering")]
    [InlineData("koordinator", "/ny-henvisning")]
    [InlineData("koordinator", "/dashbord")]
    [InlineData("koordinator", "/statistikk")]
    [InlineData("analytiker-nasjonal", "/dashbord")]
    [InlineData("admin", "/admin/tilgangslogg")]
    [InlineData("admin", "/admin/brukere")]
    [InlineData("admin", "/admin/organisasjoner")]
    public async Task Page_AtPhoneWidth_DoesNotOverflow_AndTheMenuCloses(string user, string path)
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync(user);
        if (path == "/forlop/")
        {
            await session.GotoInteractiveAsync("/sporingsliste");
            path += await Rows(page).First.GetAttributeAsync("data-episode");
        }
        await page.SetViewportSizeAsync(360, 740);
        // A coordinator's first dashboard at this volume took more than 30 s on the shared test machine.
        page.SetDefaultTimeout(120_000);

        // The public statistics page is a static form: no live connection, no menu button to press.
        var isStatic = path == "/statistikk";
        if (isStatic)
        {
            await page.GotoAsync(path);
        }
        else
        {
            await session.GotoInteractiveAsync(path);
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        if (path == "/sporingsliste")
        {
            await Expect(Rows(page).First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "tracking-list-phone");
        }
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{path} is {overflow} px wider than the 360 px screen");
        // The menu is closed, out of the way; the menu button opens it (a static page has no button: the brand leads home).
        var menuLink = page.Locator(".mud-drawer .mud-nav-link").First;
        await Expect(menuLink).Not.ToBeInViewportAsync();
        if (isStatic)
        {
            return;
        }
        await page.Locator("#menu-toggle").ClickAsync();
        // The click waits in the page's live connection behind the first render, which on the dashboard at this volume
        // passed 30 s in CI beside the other test classes (2026-12-06): as long as the page's own timeout.
        var open = new LocatorAssertionsToBeInViewportOptions { Timeout = 120_000 };
        await Expect(menuLink).ToBeInViewportAsync(open);
        // Open over the page, it closes with a tap beside it.
        await page.Mouse.ClickAsync(340, 400);
        await Expect(menuLink).Not.ToBeInViewportAsync(open);

        Assert.Empty(session.Errors);
    }

    /// <summary>
    /// Waits until the rows are in order by a data attribute (JavaScript compares strings by UTF-16 code units, as
    /// ordinal comparison does) and returns that column; times out when the server never sorts them so.
    /// </summary>
    private static async Task<string[]> SortedAsync(IPage page, string attribute, bool descending)
    {
        var comparison = descending ? ">=" : "<=";
        await page.WaitForFunctionAsync($$"""
            () => {
                const values = [...document.querySelectorAll('#tracking-list tbody tr')].map(r => r.dataset.{{attribute}});
                return values.length > 1 && values.every((v, i) => i === 0 || values[i - 1] {{comparison}} v);
            }
            """);
        return await Rows(page).EvaluateAllAsync<string[]>($"rows => rows.map(r => r.dataset.{attribute})");
    }

    private async Task<int> ReadsOfEpisodeAsync(string nationalId, string episode)
    {
        await using var db = app.Target.CreateContext();
        var entries = await AccessLogger.ReadAsync(db, nationalId, TestContext.Current.CancellationToken);
        // Whatever words describe the read, it names the episode; the list shown before is counted in "before".
        return entries.Count(e => Regex.IsMatch(e.Entry.What, $@"\b{episode}\b"));
    }
}
