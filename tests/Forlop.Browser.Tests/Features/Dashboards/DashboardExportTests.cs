using System.Text;
using System.Text.RegularExpressions;
using Forlop.Browser.Tests.Features.Publication;
using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Dashboards;

/// <summary>Taking the dashboard's figures away: Excel, CSV for a Norwegian Excel and PDF of what the page shows.</summary>
public class DashboardExportTests(BrowserApp app)
{
    [Fact]
    public async Task Dashboard_NationalAnalyst_DownloadsTheTableAndTheComparison()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("analytiker-nasjonal");
        await session.GotoInteractiveAsync("/dashbord");

        var xlsx = await StatisticsExportTests.DownloadAsync(page, "#dashboard-table-export a[data-format='xlsx']");
        var csv = await StatisticsExportTests.DownloadAsync(page, "#dashboard-table-export a[data-format='csv-nb']");
        var pdf = await StatisticsExportTests.DownloadAsync(page, "#dashboard-table-export a[data-format='pdf']");
        var comparison = await StatisticsExportTests.DownloadAsync(page, "#dashboard-comparison-export a[data-format='csv-nb']");

        var period = await page.Locator("#dashboard-table-export a[data-format='xlsx']").GetAttributeAsync("href");
        Assert.Matches(@"period=\d{4}-T\d&by=pathway&format=xlsx$", period);
        Assert.Equal("PK"u8.ToArray(), xlsx.Bytes[..2]);
        Assert.EndsWith("_pathway.xlsx", xlsx.Name, StringComparison.Ordinal);
        var lines = Encoding.UTF8.GetString(csv.Bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Pakkeforløp;Navn;Gjennomført;Innenfor standard;Andel innenfor standard;Uten standard;Uverifisert;Foreløpig;Publisering", lines[0]);
        // The file's total is the table's: the same count of completed pathways (the national analyst's widest scope).
        var completed = (await page.Locator("#dashboard-table tbody tr").Last.Locator("td").Nth(3).InnerTextAsync()).Replace("\u00A0", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(completed, lines[^1].Split(';')[2]);
        Assert.Equal("%PDF"u8.ToArray(), pdf.Bytes[..4]);
        Assert.Contains(";Helseforetak;", Encoding.UTF8.GetString(comparison.Bytes), StringComparison.Ordinal);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Dashboard_ClinicalLead_DownloadsHerHfsTableAndMonthlyReport()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("leder");
        await session.GotoInteractiveAsync("/dashbord");

        var table = await StatisticsExportTests.DownloadAsync(page, "#dashboard-table-export a[data-format='xlsx']");
        var report = await StatisticsExportTests.DownloadAsync(page, "#dashboard-monthly-report a[data-format='pdf']");

        Assert.EndsWith("_pathway_OUS.xlsx", table.Name, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^monthly-report_OUS_\d{4}-\d{2}\.pdf$"), report.Name);
        Assert.Equal("%PDF"u8.ToArray(), report.Bytes[..4]);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Dashboard_OpensOnTheLatestTertial_ProvisionalWithDataAsOf_AtTheNation()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("analytiker-nasjonal");
        await session.GotoInteractiveAsync("/dashbord");

        // The fixture's demo runs up to today: the dashboard opens on today's tertial, still open.
        var today = DateTime.Now;
        var tertial = $"{today.Year}-T{(today.Month - 1) / 4 + 1}";
        await Expect(page.Locator("h2").First).ToContainTextAsync(tertial + " (");
        await Expect(page.Locator("#dashboard-provisional")).ToContainTextAsync(tertial);
        await Expect(page.Locator("#dashboard-as-of")).ToContainTextAsync(new Regex(@"Tall per \d{2}\.\d{2}\.\d{4} kl\. \d{2}:\d{2}"));
        await Expect(page.Locator("h2").First).ToContainTextAsync("Hele landet");
        // The comparison: by value, highest first, one target line, every value in a table too.
        var shares = await page.Locator("#dashboard-comparison .forlop-chart-bar title").AllTextContentsAsync();
        Assert.True(shares.Count > 10, "the nation's HFs compared");
        var values = shares.Select(s => Regex.Match(s, @"(\d+,\d) %$")).Where(m => m.Success).Select(m => decimal.Parse(m.Groups[1].Value.Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(values.OrderByDescending(v => v), values);
        await Expect(page.Locator("#dashboard-comparison .forlop-chart-target")).ToHaveCountAsync(1);
        await page.Locator("#dashboard-comparison-values").GetByText("Verdiene i diagrammet").ClickAsync();
        await Expect(page.Locator("#dashboard-comparison-values tbody tr")).ToHaveCountAsync(shares.Count);
        Assert.Empty(session.Errors);
    }
}
