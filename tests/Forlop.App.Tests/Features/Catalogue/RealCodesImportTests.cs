using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Catalogue;

/// <summary>
/// Codes as Helsedirektoratet's own coding pages show them (reference/pathways.md §1.1) go through
/// <c>forlop import</c> and into the figures, on SQLite and PostgreSQL (issue 10, acceptance).
/// </summary>
public class RealCodesImportTests
{
    private static string P(int i) => TestPatients.Number(i);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_CodesOfTheSources_AreAcceptedAndCounted(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var file = EventsFiles.WriteRows(
            // §1.1: A32 is kreft i spiserør og magesekk, live in 2024 (not the withdrawn acute leukaemia).
            $"r1,{P(1)},OUS,A32A,2024-03-01,,", $"r2,{P(1)},OUS,A32S,2024-03-05,,", $"r3,{P(1)},OUS,A32CK,2024-03-20,,", $"r4,{P(1)},OUS,A32FK,2024-04-10,,",
            // §1.1 and §1.3: A34 is primær leverkreft; drug on day 29 of its OF4 32 is within; A34B (Biopsi tatt) is read.
            $"r5,{P(2)},AHUS,A34A,2024-03-01,,", $"r6,{P(2)},AHUS,A34S,2024-03-04,,", $"r7,{P(2)},AHUS,A34B,2024-03-06,,",
            $"r8,{P(2)},AHUS,A34CK,2024-03-15,,", $"r9,{P(2)},AHUS,A34FM,2024-03-30,,",
            // §1.1: the diagnostic pathway C01 started on 1 May 2015, so June 2015 is in force.
            $"r10,{P(3)},AHUS,C01A,2015-06-01,,", $"r11,{P(3)},AHUS,C01S,2015-06-03,,", $"r12,{P(3)},AHUS,C01CK,2015-06-10,,",
            // §1.1: peniskreft started on 1 Sep 2015, livmorhalskreft (A22) on 1 May 2015.
            $"r13,{P(4)},HB,A22A,2015-05-04,,", $"r14,{P(4)},HB,A22B,2015-05-06,,");

        var import = await Cli.ImportAsync(db, file);
        var report = await Cli.ReportCsvAsync(db, "2024");
        var completed = await Cli.RunAsync("indicator", "completed", "--db", db, "--period", "2024", "--pathway", "A32", "--level", "nation");
        var started = await Cli.RunAsync("indicator", "started", "--db", db, "--period", "2015-06", "--pathway", "C01", "--level", "nation");

        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        Assert.Contains("14 accepted, 0 duplicates, 0 rejected", import.Output, StringComparison.Ordinal);
        Assert.Contains("A34,1,1,100.0", report, StringComparison.Ordinal);
        // A32 has no verified standard time yet: it is completed, outside the share (reference/pathways.md §1.3).
        Assert.Equal(0, completed.ExitCode);
        Assert.Contains("A32,nation,,1", completed.OutputLines);
        Assert.Equal(0, started.ExitCode);
        Assert.Contains("C01,nation,,1", started.OutputLines);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_BeforeAPathwayStarted_IsRejectedWithTheStartDay(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var file = EventsFiles.WriteRows(
            $"b1,{P(5)},AHUS,C01A,2015-04-30,,",      // §1.1: the day before the diagnostic pathway started
            $"b2,{P(6)},AHUS,A18A,2015-08-31,,",      // §1.1: peniskreft started 1 Sep 2015 (not in the May list)
            $"g1,{P(7)},AHUS,A18A,2015-09-01,,");     // its first day

        var import = await Cli.ImportAsync(db, file);

        Assert.Equal(2, import.ExitCode);
        Assert.Contains("1 accepted, 0 duplicates, 2 rejected", import.Output, StringComparison.Ordinal);
        Assert.Contains(import.OutputLines, l => l.StartsWith("line 2, record b1, code: C01A", StringComparison.Ordinal));
        Assert.Contains(import.OutputLines, l => l.StartsWith("line 3, record b2, code: A18A", StringComparison.Ordinal));
    }
}
