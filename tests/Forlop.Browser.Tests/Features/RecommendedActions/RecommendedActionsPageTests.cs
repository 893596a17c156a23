using Forlop.Browser.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.RecommendedActions;

/// <summary>A recommended action ticked on the timeline (/forlop/ID) moves the share done (/dashbord/anbefalte-tiltak).</summary>
public class RecommendedActionsPageTests(BrowserApp app)
{
    [Fact]
    public async Task Action_TickedOnTheTimeline_MovesTheShareDone()
    {
        var ct = TestContext.Current.CancellationToken;
        var year = DateTime.Today.Year;
        var first = new DateOnly(year, 1, 1);
        // An OUS cancer episode started this year (not a transfer's continuation) whose coordinator the demo did not name yet.
        (long Id, string Pathway) episode;
        await using (var db = app.Target.CreateContext())
        {
            var found = await db.Episodes
                .Where(e => e.Hf == "OUS" && e.StartDate >= first && e.TransferredFromId == null && EF.Functions.Like(e.Pathway, "A%")
                            && !db.EpisodeActions.Any(a => a.EpisodeId == e.Id && a.ActionId == "coordinator-named"))
                .OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Pathway }).FirstAsync(ct);
            episode = (found.Id, found.Pathway);
        }
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        var figures = $"/dashbord/anbefalte-tiltak?periode={year}&hf=OUS";
        var done = page.Locator($"#actions-shares tr[data-key='{episode.Pathway}|coordinator-named'] .action-done-count");
        await session.GotoInteractiveAsync(figures);
        var before = int.Parse(await done.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await session.GotoInteractiveAsync($"/forlop/{episode.Id}");
        var tick = page.Locator("#timeline-actions [data-action='coordinator-named']");
        await tick.Locator("input[type=checkbox]").ClickAsync();
        await Expect(tick.Locator(".action-done")).ToContainTextAsync("Utført");

        await session.GotoInteractiveAsync(figures);
        await Expect(done).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(session.Errors);
    }
}
