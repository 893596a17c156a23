using Forlop.App.Data;
using Forlop.Browser.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Slots;

/// <summary>A slot published and booked at /timer and shown on the patient's timeline; a slot nobody booked released at its release time.</summary>
public class SlotsPageTests(BrowserApp app)
{
    [Fact]
    public async Task Book_APublishedSlot_ShowsOnTheTimeline_AndAnUnbookedSlotIsReleasedAtItsTime()
    {
        var ct = TestContext.Current.CancellationToken;
        long episodeId;
        await using (var db = app.Target.CreateContext())
        {
            episodeId = await db.Episodes.Where(e => e.Hf == "OUS" && e.EndDate == null && e.TreatmentDate == null && EF.Functions.Like(e.Pathway, "A%"))
                .OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync(ct);
        }
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        long unbooked;
        await using (var db = app.Target.CreateContext())
        {
            // A slot whose release time comes in ten seconds: the form takes whole minutes, so it is put in directly.
            var releaseAt = DateTime.UtcNow.AddSeconds(10);
            var slot = new ReservedSlotEntity
            {
                Hf = "OUS", Unit = "OUS", Resource = "endoscopy", StartsAt = releaseAt.AddHours(48), Minutes = 30, ReleaseAt = releaseAt,
                PublishedBy = "browser-test", PublishedAt = DateTime.UtcNow,
            };
            db.ReservedSlots.Add(slot);
            await db.SaveChangesAsync(ct);
            unbooked = slot.Id;
        }
        await session.GotoInteractiveAsync($"/timer?forlop={episodeId}");
        await Expect(page.Locator($"tr[data-slot='{unbooked}'] .slot-status")).ToHaveAttributeAsync("data-status", "open");

        // Publish an MR slot in ten days (a time no demo slot has), then book it for the episode.
        var startsAt = DateTime.Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T12:30";
        await page.Locator("#slot-starts-at").FillAsync(startsAt);
        await page.Locator("#slot-starts-at").PressAsync("Tab");
        await page.Locator("#slot-publish").ClickAsync();
        await Expect(page.Locator("#slot-publish-message")).ToContainTextAsync("lagt ut");
        long published;
        await using (var db = app.Target.CreateContext())
        {
            published = await db.ReservedSlots.Where(s => s.PublishedBy == "koordinator").OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync(ct);
        }
        await page.Locator($"tr[data-slot='{published}'] .slot-book").ClickAsync();
        await Expect(page.Locator("#slot-book-message")).ToContainTextAsync("booket");
        await Expect(page.Locator($"tr[data-slot='{published}'] .slot-status")).ToHaveAttributeAsync("data-status", "booked");

        await session.GotoInteractiveAsync($"/forlop/{episodeId}");
        await Expect(page.Locator("#timeline-slots")).ToContainTextAsync(startsAt.Replace('T', ' '));

        // The unbooked slot: released at its time by the running server, and shown so.
        DateTime? released = null;
        for (var i = 0; i < 120 && released is null; i++)
        {
            await Task.Delay(250, ct);
            await using var db = app.Target.CreateContext();
            released = await db.ReservedSlots.Where(s => s.Id == unbooked).Select(s => s.ReleasedAt).SingleAsync(ct);
        }
        Assert.NotNull(released);
        await session.GotoInteractiveAsync("/timer");
        await Expect(page.Locator($"tr[data-slot='{unbooked}'] .slot-status")).ToHaveAttributeAsync("data-status", "released");
        Assert.Empty(session.Errors);
    }
}
