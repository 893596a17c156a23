using Forlop.App.Features.Exports;
using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Exports;

/// <summary>
/// `forlop export` on the worked example (A12 at AHUS 1/1, SIV 1/0, SUS 1/1; A37 at SUS 1/1, UNN 1/1), read back
/// from the file it writes, on SQLite and PostgreSQL.
/// </summary>
public class ExportCommandTests
{
    private static async Task<string> ExampleAsync(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));
        return db;
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ExportCsv_ByHf_ReadsBackAsTheReportWithNames(DatabaseKind kind)
    {
        var db = await ExampleAsync(kind);
        var file = ExportScenario.OutputFile(".csv");

        var run = await Cli.RunAsync("export", "--db", db, "--what", "completed-within-standard", "--period", "2016-T3", "--by", "hf", "--format", "csv", "--out", file);

        Assert.True(run.ExitCode == 0, run.Error);
        var rows = CsvExportTests.ReadBack(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        Assert.Equal(["pathway", "pathway_name", "organisation", "organisation_name", "completed", "within_standard", "share_within_pct",
            "without_standard", "unverified", "provisional", "publication"], rows[0]);
        // No period is locked: every row is provisional (not quality-assured).
        Assert.Equal(["A12", "Tykk- og endetarmskreft", "AHUS", "Akershus universitetssykehus HF", "1", "1", "100.0", "0", "nei", "ja", ""], rows[1]);
        Assert.Equal(["A12", "Tykk- og endetarmskreft", "SIV", "Sykehuset i Vestfold HF", "1", "0", "0.0", "0", "nei", "ja", ""], rows[2]);
        Assert.Equal(["A12", "Tykk- og endetarmskreft", "SUS", "Helse Stavanger HF", "1", "1", "100.0", "0", "nei", "ja", ""], rows[3]);
        Assert.Equal(["A37", "Skjoldbruskkjertelkreft", "SUS", "Helse Stavanger HF", "1", "1", "100.0", "0", "nei", "ja", ""], rows[4]);
        Assert.Equal(["A37", "Skjoldbruskkjertelkreft", "UNN", "Universitetssykehuset Nord-Norge HF", "1", "1", "100.0", "0", "nei", "ja", ""], rows[5]);
        Assert.Equal(["ALL", "Alle pakkeforløp", "", "", "5", "4", "80.0", "0", "nei", "ja", ""], rows[6]);
        Assert.Equal(7, rows.Count);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ExportXlsx_ByRhf_HasTypedCountsAndShares(DatabaseKind kind)
    {
        var db = await ExampleAsync(kind);
        var file = ExportScenario.OutputFile(".xlsx");

        // No --format: the extension of --out decides.
        var run = await Cli.RunAsync("export", "--db", db, "--period", "2016-T3", "--by", "rhf", "--out", file);

        Assert.True(run.ExitCode == 0, run.Error);
        using var book = new Workbook(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        Assert.Empty(book.SchemaErrors());
        Assert.Equal("Periode 2016-T3 · per regionalt helseforetak", book.Text("A2"));
        // Row 4: A12 at HSO (AHUS 1/1 and SIV 1/0): 2 completed, 1 within, 50 %.
        Assert.Equal(["A12", "Tykk- og endetarmskreft", "HSO", "Helse Sør-Øst RHF"], new[] { "A4", "B4", "C4", "D4" }.Select(book.Text));
        Assert.Equal((2m, 1m, 0.5m), (book.Number("E4"), book.Number("F4"), book.Number("G4")));
        Assert.Equal("0.0%", book.NumberFormat("G4"));
        // Row 8: the total, 5 completed, 4 within, 80 %; bold.
        Assert.Equal("ALL", book.Text("A8"));
        Assert.Equal((5m, 4m, 0.8m), (book.Number("E8"), book.Number("F8"), book.Number("G8")));
        Assert.True(book.IsBold("E8"));
        Assert.Null(book.Cell("A9"));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ExportCsv_Public_LeavesSuppressedCellsEmptyLikeTheReport(DatabaseKind kind)
    {
        var db = await ExampleAsync(kind);
        var file = ExportScenario.OutputFile(".csv");

        var run = await Cli.RunAsync("export", "--db", db, "--period", "2016-T3", "--public", "--out", file);
        var report = await Cli.ReportCsvAsync(db, "2016-T3", "--public");

        Assert.True(run.ExitCode == 0, run.Error);
        var rows = CsvExportTests.ReadBack(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        // The same cells as `report --public`, with the pathway's name after its code.
        var expected = report.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(expected.Select(r => r[0]), rows.Skip(1).Select(r => r[0]));
        Assert.Equal(expected.Select(r => r[1..]), rows.Skip(1).Select(r => r[2..^3]));
        Assert.Equal(["A37", "Skjoldbruskkjertelkreft", "", "", "", "0", "nei", "ja", ""], rows[2]);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ExportCsv_ForOneRhf_CountsOnlyPathwaysTreatedAtItsHfs(DatabaseKind kind)
    {
        var db = await ExampleAsync(kind);
        var file = ExportScenario.OutputFile(".csv");

        var run = await Cli.RunAsync("export", "--db", db, "--period", "2016-T3", "--by", "hf", "--organisation", "HV", "--out", file);

        Assert.True(run.ExitCode == 0, run.Error);
        var rows = CsvExportTests.ReadBack(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        // Helse Vest: only SUS treated pathways (A12 and A37); UNN (Helse Nord) and the HSO trusts are left out.
        Assert.Equal(["A12,SUS,1,1,100.0", "A37,SUS,1,1,100.0", "ALL,,2,2,100.0"],
            rows.Skip(1).Select(r => string.Join(',', r[0], r[2], r[4], r[5], r[6])));
    }

    [Fact]
    public async Task Export_HfBrokenDownByRhf_IsRefusedWithTheReason()
    {
        var db = await ExampleAsync(DatabaseKind.Sqlite);
        var file = ExportScenario.OutputFile(".csv");

        var run = await Cli.RunAsync("export", "--db", db, "--period", "2016-T3", "--by", "rhf", "--organisation", "SUS", "--out", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SUS is an HF", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Export_FileWithoutAKnownExtensionAndNoFormat_IsRefused()
    {
        var db = await ExampleAsync(DatabaseKind.Sqlite);

        var run = await Cli.RunAsync("export", "--db", db, "--period", "2016-T3", "--out", ExportScenario.OutputFile(".txt"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--format csv or xlsx", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportXlsx_PathwayWithoutAStandard_IsNamedUnderTheTableAndOnStandardError()
    {
        var db = await ExampleAsync(DatabaseKind.Sqlite);
        // A02 has no OF4 standard in the catalogue: its surgery is completed, outside the share (interchange.md, report).
        await Cli.ImportAsync(db, EventsFiles.WriteRows($"h1,{TestPatients.Number(900)},AHUS,A02A,2016-09-01,,", $"h2,{TestPatients.Number(900)},AHUS,A02FK,2016-10-01,,"));
        var file = ExportScenario.OutputFile(".xlsx");

        var run = await Cli.RunAsync("export", "--db", db, "--period", "2016-T3", "--out", file);

        Assert.True(run.ExitCode == 0, run.Error);
        const string warning = "1 measured OF4 of A02 (surgery) without a standard in the catalogue: counted, but outside the share";
        Assert.Contains("warning: " + warning, run.Error, StringComparison.Ordinal);
        using var book = new Workbook(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        // Rows 4–7: A02 (1 completed, none measured, 1 without a standard), A12, A37, the total (6 completed, 1 without);
        // row 9 the note, row 10 the warning.
        Assert.Equal("A02", book.Text("A4"));
        // Columns C completed, D within, E share, F without standard.
        Assert.Equal((1m, 0m, 1m), (book.Number("C4"), book.Number("D4"), book.Number("F4")));
        Assert.Equal((6m, 4m, 1m), (book.Number("C7"), book.Number("D7"), book.Number("F7")));
        // Then, where A02 rests on an unverified code or standard, the note on unverified figures.
        Assert.StartsWith(string.Join(" ", IndicatorExports.TargetNote, IndicatorExports.WithoutStandardNote, IndicatorExports.ProvisionalNote), book.Text("A9"), StringComparison.Ordinal);
        Assert.Equal("Merk: " + warning, book.Text("A10"));
    }
}
