using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Import;

/// <summary>
/// Edges of linking that change figures (issue 10, item 7), through <c>forlop import</c>, <c>report</c> and
/// <c>indicator</c> on SQLite and PostgreSQL. Standards: A37 OF4 surgery 41, A12 OF4 surgery 35 (reference/pathways.md §1.3).
/// </summary>
public class TransferAndRestartEdgesTests
{
    private static string P(int i) => TestPatients.Number(i);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Transfer_StartTwoYearsLater_IsANewPathway_NotAContinuation(DatabaseKind kind)
    {
        // Kodeveileder, "Henvisning til start pakkeforløp" (HF 2 codes its start on receiving the onward referral);
        // decision 0011: a start more than 30 days after the transfer does not continue the journey.
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var file = EventsFiles.WriteRows(
            // 1. SUS transfers in 2016; UNN starts two years later and operates on day 21 of its own start: within 41.
            //    Linked to the 2016 journey it would be day 760: over.
            $"a1,{P(41)},SUS,A37A,2016-09-01,,", $"a2,{P(41)},SUS,A37O,2016-09-05,,",
            $"a3,{P(41)},UNN,A37A,2018-09-10,,", $"a4,{P(41)},UNN,A37FK,2018-10-01,,",
            // 2. The same on day 30 after the transfer: continues; surgery on 10-12 is day 41 from the first start: within.
            $"b1,{P(42)},SUS,A37A,2016-09-01,,", $"b2,{P(42)},SUS,A37O,2016-09-05,,",
            $"b3,{P(42)},UNN,A37A,2016-10-05,,", $"b4,{P(42)},UNN,A37FK,2016-10-12,,",
            // 3. Day 31 after the transfer: a pathway of its own; surgery 2016-10-13 is day 7 of it: within, and it is a start.
            $"c1,{P(43)},SUS,A37A,2016-09-01,,", $"c2,{P(43)},SUS,A37O,2016-09-05,,",
            $"c3,{P(43)},UNN,A37A,2016-10-06,,", $"c4,{P(43)},UNN,A37FK,2016-10-13,,");

        var import = await Cli.ImportAsync(db, file);
        var report2018 = await Cli.ReportCsvAsync(db, "2018");
        var report2016 = await Cli.ReportCsvAsync(db, "2016-T3");
        var started2018 = await Cli.RunAsync("indicator", "started", "--db", db, "--period", "2018", "--pathway", "A37", "--level", "nation");
        var started2016 = await Cli.RunAsync("indicator", "started", "--db", db, "--period", "2016-T3", "--pathway", "A37", "--level", "nation");

        Assert.True(import.ExitCode == 0, import.Output);
        Assert.Contains("A37,1,1,100.0", report2018, StringComparison.Ordinal);
        Assert.Contains("A37,2,2,100.0", report2016, StringComparison.Ordinal);
        // 2018: UNN's start is a new pathway. 2016-T3: three first starts at SUS, and patient 3's late start at UNN.
        Assert.Contains("A37,nation,,1", started2018.OutputLines);
        Assert.Contains("A37,nation,,4", started2016.OutputLines);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task NewStart_OnTheDayTheEarlierPathwayEnded_IsANewPathwayCountedFromThatDay(DatabaseKind kind)
    {
        // Coding guide: a start is registered for each new referral or suspicion (e.g. a relapse found at a check-up),
        // also on the day the earlier pathway ended; decision 0011.
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var file = EventsFiles.WriteRows(
            // The first pathway ends with CI on 09-20; a new one starts the same day, in the same file, and ends with
            // surgery on 10-25: day 35 of the new start (within), day 54 of the first (it would be over).
            $"r1,{P(44)},AHUS,A12A,2016-09-01,,", $"r2,{P(44)},AHUS,A12CI,2016-09-20,,",
            $"r3,{P(44)},AHUS,A12A,2016-09-20,,", $"r4,{P(44)},AHUS,A12S,2016-09-22,,", $"r5,{P(44)},AHUS,A12FK,2016-10-25,,");

        var import = await Cli.ImportAsync(db, file);
        var report = await Cli.ReportCsvAsync(db, "2016-T3");
        var started = await Cli.RunAsync("indicator", "started", "--db", db, "--period", "2016-T3", "--pathway", "A12", "--level", "nation");

        Assert.True(import.ExitCode == 0, import.Output);
        Assert.Contains("A12,1,1,100.0", report, StringComparison.Ordinal);
        Assert.Contains("A12,nation,,2", started.OutputLines);
    }
}
