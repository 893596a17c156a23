using Forlop.Browser.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Mdt;

/// <summary>A team formed and a meeting convened at /mdt, a patient put on its list and decided at /mdt/ID, the decision on the timeline.</summary>
public class MdtPageTests(BrowserApp app)
{
    [Fact]
    public async Task Convene_AddAPatient_RecordTheDecision_ItAppearsOnTheTimeline()
    {
        var ct = TestContext.Current.CancellationToken;
        // An open OUS episode seen at first attendance and waiting for its clinical decision, on no list yet.
        Waiting episode;
        await using (var db = app.Target.CreateContext())
        {
            episode = await db.Episodes
                .Where(e => e.Hf == "OUS" && e.EndDate == null && e.TreatmentDate == null && e.DecisionDate == null && e.FirstAttendanceDate != null
                            && EF.Functions.Like(e.Pathway, "A%") && !db.MdtListEntries.Any(l => l.EpisodeId == e.Id))
                .OrderByDescending(e => e.Id)
                .Select(e => new Waiting(e.Id, e.Pathway)).FirstAsync(ct);
        }
        var team = "Nettleser-MDT " + Guid.NewGuid().ToString("N")[..6];
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        await session.GotoInteractiveAsync("/mdt");

        await page.Locator("#mdt-team-name").FillAsync(team);
        await page.Locator("#mdt-team-pathways").FillAsync(episode.Pathway);
        await page.Locator("[data-role='pathologist'] .mdt-member-name input").FillAsync("Per Patolog");
        await page.Locator("[data-role='surgeon'] .mdt-member-name input").FillAsync("Kari Kirurg");
        await page.Locator("[data-role='surgeon'] .mdt-member-name input").PressAsync("Tab");
        await page.Locator("#mdt-team-save").ClickAsync();
        await Expect(page.Locator("#mdt-team-message")).ToContainTextAsync("er lagret");
        await Expect(page.Locator("#mdt-teams")).ToContainTextAsync(team);

        // The select shows the HF's first team; its input is hidden once it has a value, so the select itself is clicked.
        await page.Locator("div.mud-input-control.mud-select", new() { Has = page.Locator("#mdt-convene-team") }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = team }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.Locator("#mdt-convene").ClickAsync();
        await Expect(page.Locator("#mdt-convene-message")).ToContainTextAsync("innkalt");
        await page.Locator("#mdt-meetings tr", new() { HasText = team }).First.Locator(".mdt-meeting-link").ClickAsync();
        await session.WaitUntilInteractiveAsync();

        await page.Locator("#mdt-add-episode").FillAsync(episode.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#mdt-add-question").FillAsync("Operabel?");
        await page.Locator("#mdt-add-question").PressAsync("Tab");
        await page.Locator("#mdt-add").ClickAsync();
        var row = page.Locator($"#mdt-patients tr[data-episode='{episode.Id}']");
        await Expect(row.Locator(".mdt-question")).ToHaveTextAsync("Operabel?");

        await row.Locator(".mdt-decide").ClickAsync();
        await page.Locator("#mdt-decided-by").FillAsync("Tverrfaglig team");
        await page.Locator("#mdt-decision-text").FillAsync("Brystbevarende kirurgi");
        await page.Locator("#mdt-carried-out-by").FillAsync("Kari Kirurg");
        await page.Locator("#mdt-carried-out-by").PressAsync("Tab");
        await page.Locator("#mdt-decision-save").ClickAsync();
        await Expect(page.Locator("#mdt-decision-message")).ToContainTextAsync("er lagret");
        await Expect(row.Locator(".mdt-decision")).ToContainTextAsync("Brystbevarende kirurgi");

        await session.GotoInteractiveAsync($"/forlop/{episode.Id}");
        await Expect(page.Locator("#timeline-mdt-decisions")).ToContainTextAsync("Brystbevarende kirurgi");
        await Expect(page.Locator("#timeline-mdt-decisions")).ToContainTextAsync("Kari Kirurg");
        Assert.Empty(session.Errors);
    }

    private sealed record Waiting(long Id, string Pathway);
}
