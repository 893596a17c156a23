using Forlop.Browser.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Hjem;

/// <summary>A Pakkeforløp hjem hand-over from hospital to municipality at /hjem: the hospital hands over, the municipality sees it and confirms receipt.</summary>
public class HjemPageTests(BrowserApp app)
{
    [Fact]
    public async Task HandOver_FromTheHospital_IsSeenAndConfirmedByThePatientsMunicipality()
    {
        var ct = TestContext.Current.CancellationToken;
        long episodeId;
        await using (var db = app.Target.CreateContext())
        {
            var handedOver = db.HjemHandOvers.Select(h => h.EpisodeId);
            episodeId = await db.Episodes.Where(e => e.Hf == "OUS" && EF.Functions.Like(e.Pathway, "A%") && !handedOver.Contains(e.Id))
                .OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync(ct);
        }

        await using (var hospital = await app.OpenAsync())
        {
            await hospital.SignInAsync("koordinator");
            await hospital.GotoInteractiveAsync($"/hjem?forlop={episodeId}");
            var page = hospital.Page;
            await page.Locator("#hjem-municipality").FillAsync("0301");
            await page.Locator("#hjem-municipality").PressAsync("Tab");
            await page.Locator("#hjem-topics").GetByText("Ernæring", new() { Exact = true }).ClickAsync();
            await page.Locator("#hjem-topics").GetByText("Hjelp i hjemmet", new() { Exact = true }).ClickAsync();
            await page.Locator("#hjem-hand-over").ClickAsync();
            await Expect(page.Locator("#hjem-hand-over-message")).ToContainTextAsync("Overlevert til Oslo");
            Assert.Empty(hospital.Errors);
        }
        long handOverId;
        await using (var db = app.Target.CreateContext())
        {
            handOverId = await db.HjemHandOvers.Where(h => h.EpisodeId == episodeId).Select(h => h.Id).SingleAsync(ct);
        }

        await using var municipality = await app.OpenAsync();
        await municipality.SignInAsync("kommune-oslo");
        await municipality.GotoInteractiveAsync("/hjem");
        var row = municipality.Page.Locator($"#hjem-handovers tr[data-handover='{handOverId}']");
        await Expect(row).ToContainTextAsync("Ernæring");
        await row.Locator(".hjem-confirm").ClickAsync();
        await Expect(row.Locator(".hjem-received")).ToContainTextAsync("kommune-oslo");
        await Screenshots.SaveAsync(municipality.Page, "hjem");

        // Bergen's coordinator does not see Oslo's resident.
        await using var bergen = await app.OpenAsync();
        await bergen.SignInAsync("kommune-bergen");
        await bergen.GotoInteractiveAsync("/hjem");
        await Expect(bergen.Page.Locator("h1")).ToHaveTextAsync("Pakkeforløp hjem");
        await Expect(bergen.Page.Locator($"tr[data-handover='{handOverId}']")).ToHaveCountAsync(0);
        Assert.Empty(municipality.Errors);
    }
}
