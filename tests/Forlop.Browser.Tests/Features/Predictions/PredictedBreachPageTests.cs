using System.Globalization;
using System.Text.RegularExpressions;
using Forlop.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Predictions;

/// <summary>
/// Predicted breaches (decision 0026): the tracking list sorted by its Risiko column, a timeline's expected date as a
/// range, and the days per HF on transferred pathways (/dashbord/overforinger).
/// </summary>
public class PredictedBreachPageTests(BrowserApp app)
{
    private static async Task<List<double?>> BreachesAsync(IPage page) =>
        [.. (await page.Locator("#tracking-list tbody tr td.forlop-breach").EvaluateAllAsync<string?[]>("cells => cells.map(c => c.getAttribute('data-breach'))"))
            .Select(v => string.IsNullOrEmpty(v) ? (double?)null : double.Parse(v, CultureInfo.InvariantCulture))];

    [Fact]
    public async Task TrackingList_SortedByRisk_ThenATimeline_ShowsTheExpectedDateAsARange()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        await session.GotoInteractiveAsync("/sporingsliste");

        // The heading says the order once the rows of that order are shown (one rendering).
        var heading = page.Locator("#tracking-list th:has(#sort-breach)");
        await page.Locator("#sort-breach").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sortering=risiko(&|$)"));
        await Expect(heading).ToHaveAttributeAsync("aria-sort", "descending");
        var highest = await BreachesAsync(page);
        await page.Locator("#sort-breach").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sortering=-risiko"));
        await Expect(heading).ToHaveAttributeAsync("aria-sort", "ascending");
        var lowest = await BreachesAsync(page);

        // The likeliest breach first, episodes without a forecast last; the other way round with a minus.
        var forecast = highest.TakeWhile(p => p is not null).Select(p => p!.Value).ToList();
        Assert.NotEmpty(forecast);
        Assert.Equal(forecast.OrderByDescending(p => p), forecast);
        Assert.All(highest.Skip(forecast.Count), p => Assert.Null(p));
        var rising = lowest.TakeWhile(p => p is not null).Select(p => p!.Value).ToList();
        Assert.Equal(rising.Order(), rising);
        Assert.True(rising[0] <= forecast[0], $"lowest {rising[0]}, highest {forecast[0]}");

        // The least likely breach drawn from comparable pathways (not one past its deadline with none): its timeline
        // shows the next point expected as a range, the median inside it.
        var row = page.Locator("#tracking-list tbody tr:has(td.forlop-breach[data-basis='hf']), #tracking-list tbody tr:has(td.forlop-breach[data-basis='national'])").First;
        var probability = double.Parse((await row.Locator("td.forlop-breach").GetAttributeAsync("data-breach"))!, CultureInfo.InvariantCulture);
        var episode = await row.GetAttributeAsync("data-episode");
        await session.GotoInteractiveAsync($"/forlop/{episode}");
        var range = page.Locator("#timeline-forecast");
        await Expect(range).ToBeVisibleAsync();
        await Expect(range).ToContainTextAsync("median");
        var (earliest, median, latest) = (await range.GetAttributeAsync("data-earliest"), await range.GetAttributeAsync("data-median"), await range.GetAttributeAsync("data-latest"));
        Assert.True(string.CompareOrdinal(earliest, median) <= 0 && string.CompareOrdinal(median, latest) <= 0, $"{earliest} – {median} – {latest}");
        Assert.Equal(probability, double.Parse((await range.GetAttributeAsync("data-probability"))!, CultureInfo.InvariantCulture), 3);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task TransferredPathways_ShowTheDaysAtOurHfAndElsewhere()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");

        await session.GotoInteractiveAsync($"/dashbord/overforinger?periode={DateTime.Today.Year}&hf=OUS");

        var rows = page.Locator("#transfers-out tbody tr, #transfers-in tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        var atHf = await page.Locator(".transfers-days-at-hf").AllInnerTextsAsync();
        var elsewhere = await page.Locator(".transfers-days-elsewhere").AllInnerTextsAsync();
        Assert.True(atHf.Sum(int.Parse) + elsewhere.Sum(int.Parse) > 0, "no days counted");
        Assert.Empty(session.Errors);
    }
}
