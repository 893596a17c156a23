using Forlop.App.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Forlop.App.Tests.Features.Exports;

/// <summary>`forlop monthly-report` on <see cref="ExportScenario"/>, the PDF read back with PdfPig, on SQLite and PostgreSQL.</summary>
public class MonthlyReportTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task MonthlyReport_ForFordeInSeptember_ShowsItsNameMonthFiguresAndCharts(DatabaseKind kind)
    {
        var db = await ExportScenario.DatabaseAsync(kind);
        var file = ExportScenario.OutputFile(".pdf");

        var run = await Cli.RunAsync("monthly-report", "--db", db, "--hf", "FORDE", "--month", "2016-09", "--out", file);

        Assert.True(run.ExitCode == 0, run.Error);
        using var pdf = PdfDocument.Open(file);
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        // Norwegian letters come out as written: the font is embedded with its Unicode map.
        Assert.Contains("Helse Førde HF", text, StringComparison.Ordinal);
        Assert.Contains("Månedsrapport for september 2016", text, StringComparison.Ordinal);
        Assert.Equal("Månedsrapport pakkeforløp – Helse Førde HF – september 2016", pdf.Information.Title);
        // A12 2 of 3, A37 1 of 1, all 3 of 4; June 1 of 1 in the trend.
        Assert.Contains("66,7 %", text, StringComparison.Ordinal);
        Assert.Contains("75,0 %", text, StringComparison.Ordinal);
        Assert.Contains("Tykk- og endetarmskreft", text, StringComparison.Ordinal);
        Assert.Contains("Skjoldbruskkjertelkreft", text, StringComparison.Ordinal);
        // The trend runs from October 2015: September 2015's pathway is outside it.
        Assert.Contains("oktober 2015", text, StringComparison.Ordinal);
        Assert.DoesNotContain("september 2015", text, StringComparison.Ordinal);
        // The OUS pathway (0 of 1) is in no figure: FORDE's September has 4 completed, not 5.
        Assert.DoesNotContain("Oslo universitetssykehus", text, StringComparison.Ordinal);
        Assert.DoesNotContain("60,0 %", text, StringComparison.Ordinal);
        // Two charts: per pathway and the trend, as PNG images of twice their size on the page.
        var images = pdf.GetPages().SelectMany(p => p.GetImages()).ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, i => Assert.Equal((998, 460), (i.WidthInSamples, i.HeightInSamples)));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task MonthlyReport_TrendTable_HasTwelveMonthsWithTheirCounts(DatabaseKind kind)
    {
        var db = await ExportScenario.DatabaseAsync(kind);
        var file = ExportScenario.OutputFile(".pdf");

        await Cli.RunAsync("monthly-report", "--db", db, "--hf", "FORDE", "--month", "2016-09", "--out", file);

        using var pdf = PdfDocument.Open(file);
        var rows = Lines(pdf);

        Assert.Equal(
            [
                "oktober 2015 0 0 0", "november 2015 0 0 0", "desember 2015 0 0 0", "januar 2016 0 0 0", "februar 2016 0 0 0",
                "mars 2016 0 0 0", "april 2016 0 0 0", "mai 2016 0 0 0",
                // June: the pathway started in May; no share where nothing was completed.
                "juni 2016 1 1 100,0 % 0", "juli 2016 0 0 0", "august 2016 0 0 0",
                "september 2016 4 3 75,0 % 0",
            ],
            rows.SkipWhile(r => r != "Måned Gjennomført Innenfor Andel Uten standard").Skip(1).Take(12));
        // No month is locked: the note under the trend names every one as provisional.
        Assert.Contains(rows, r => r.StartsWith("Foreløpige tall, ikke kvalitetssikret (perioden er ikke låst): oktober 2015,", StringComparison.Ordinal));
    }

    /// <summary>The words of each page, line by line (words sharing a baseline, left to right), without the page footers.</summary>
    private static List<string> Lines(PdfDocument pdf) => pdf.GetPages()
        .SelectMany(page => page.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(g => g.Key)
            .Select(g => string.Join(' ', g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))))
        .Where(line => !line.StartsWith("Forløp · månedsrapport FORDE", StringComparison.Ordinal))
        .ToList();

    [Fact]
    public async Task MonthlyReport_UnknownHf_IsRefusedWithTheReason()
    {
        var db = await ExportScenario.DatabaseAsync(DatabaseKind.Sqlite);

        var run = await Cli.RunAsync("monthly-report", "--db", db, "--hf", "HV", "--month", "2016-09", "--out", ExportScenario.OutputFile(".pdf"));

        // HV is an RHF, not an HF.
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'HV' is not an HF", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonthlyReport_TertialInsteadOfMonth_IsRefused()
    {
        var db = await ExportScenario.DatabaseAsync(DatabaseKind.Sqlite);

        var run = await Cli.RunAsync("monthly-report", "--db", db, "--hf", "FORDE", "--month", "2016-T3", "--out", ExportScenario.OutputFile(".pdf"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a month", run.Error, StringComparison.Ordinal);
    }
}
