using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Report;

/// <summary>
/// `forlop import` then `forlop report` on hand-made scenarios, on SQLite and PostgreSQL. Each expected figure is
/// worked out in the test from the standards: A12 OF4 surgery 35, drug 35, radiotherapy 39; A37 surgery 41;
/// A01 (brystkreft) surgery 27 before 2021-05-01 and 32 from then.
/// </summary>
public class CompletedWithinStandardReportTests
{
    private static string P(int i) => TestPatients.Number(i);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Report_WorkedExample_MatchesTheContract(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);

        var import = await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));
        var report = await Cli.ReportCsvAsync(db, "2016-T3");

        Assert.Equal(0, import.ExitCode);
        Assert.Equal(EventsFiles.SharedExampleReport(), report);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Report_BoundariesTreatmentTypesCorrectionsWithdrawalsTransfers_CountsAsWorkedOut(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var file = EventsFiles.WriteRows(
            // 1. A12 surgery on day 35 (2016-09-01 + 35 = 10-06): within.
            $"r1,{P(1)},AHUS,A12A,2016-09-01,,", $"r2,{P(1)},AHUS,A12FK,2016-10-06,,",
            // 2. A12 surgery on day 36: one day over.
            $"r3,{P(2)},AHUS,A12A,2016-09-01,,", $"r4,{P(2)},AHUS,A12FK,2016-10-07,,",
            // 3. A12 radiotherapy on day 39 (10-10): within, radiotherapy has its own limit.
            $"r5,{P(3)},OUS,A12A,2016-09-01,,", $"r6,{P(3)},OUS,A12FS,2016-10-10,,",
            // 4. A12 radiotherapy on day 40: over.
            $"r7,{P(4)},OUS,A12A,2016-09-01,,", $"r8,{P(4)},OUS,A12FS,2016-10-11,,",
            // 5. A12 drug on day 36, corrected to day 35: the correction counts, within.
            $"r9,{P(5)},SUS,A12A,2016-09-01,,", $"r10,{P(5)},SUS,A12FM,2016-10-07,,", $"r11,{P(5)},SUS,A12FM,2016-10-06,r10,",
            // 6. A12 surgery withdrawn: not completed.
            $"r12,{P(6)},SUS,A12A,2016-09-01,,", $"r13,{P(6)},SUS,A12FK,2016-10-01,,", $"r14,{P(6)},SUS,,,r13,true",
            // 7. A37 transferred SUS → UNN: OF4 from the first start (09-01) to surgery 10-12 is 41 days: within.
            $"r15,{P(7)},SUS,A37A,2016-09-01,,", $"r16,{P(7)},SUS,A37O,2016-09-05,,", $"r17,{P(7)},UNN,A37A,2016-09-08,,", $"r18,{P(7)},UNN,A37FK,2016-10-12,,",
            // 8. A12 symptom relief (FL): not surgery, drug or radiotherapy, not completed.
            $"r19,{P(8)},AHUS,A12A,2016-09-01,,", $"r20,{P(8)},AHUS,A12FL,2016-09-20,,",
            // 9. A12 surgery dated 2016-08-31, the day before the tertial: not in the period.
            $"r21,{P(9)},AHUS,A12A,2016-08-01,,", $"r22,{P(9)},AHUS,A12FK,2016-08-31,,",
            // 10. A12 surgery on 2016-12-31, the last day of the tertial: in the period (day 30: within).
            $"r23,{P(10)},AHUS,A12A,2016-12-01,,", $"r24,{P(10)},AHUS,A12FK,2016-12-31,,");

        var import = await Cli.ImportAsync(db, file);
        var report = await Cli.ReportCsvAsync(db, "2016-T3");

        Assert.Equal(0, import.ExitCode);
        // A12: patients 1,2,3,4,5,10 completed = 6; within: 1,3,5,10 = 4; 4/6 = 66.7 %. A37: 1 of 1.
        Assert.Equal(
            "pathway,completed,within_standard,share_within_pct,without_standard\n" +
            "A12,6,4,66.7,0\n" +
            "A37,1,1,100.0,0\n" +
            "ALL,7,5,71.4,0\n", report);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Report_StandardChangesMidPeriod_UsesTheVersionValidOnTheStartDate(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var file = EventsFiles.WriteRows(
            // Started 2021-04-30, the day before the change: old limit 27; surgery on day 30 is over.
            $"b1,{P(11)},HB,A01A,2021-04-30,,", $"b2,{P(11)},HB,A01FK,2021-05-30,,",
            // Started 2021-05-01, the day of the change: new limit 32; surgery on day 30 is within.
            $"b3,{P(12)},HB,A01A,2021-05-01,,", $"b4,{P(12)},HB,A01FK,2021-05-31,,",
            // Started 2021-04-01 (old limit 27), surgery on day 27: exactly on the old limit, within.
            $"b5,{P(13)},STO,A01A,2021-04-01,,", $"b6,{P(13)},STO,A01FK,2021-04-28,,");

        await Cli.ImportAsync(db, file);
        var report = await Cli.ReportCsvAsync(db, "2021-T2");
        var year = await Cli.ReportCsvAsync(db, "2021");

        // T2 is May–August: patients 11 and 12 only; patient 13 was treated in April.
        Assert.Equal("pathway,completed,within_standard,share_within_pct,without_standard\nA01,2,1,50.0,0\nALL,2,1,50.0,0\n", report);
        Assert.Equal("pathway,completed,within_standard,share_within_pct,without_standard\nA01,3,2,66.7,0\nALL,3,2,66.7,0\n", year);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Report_ByHfAndRhf_CountsWhereTheTreatmentStarted(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));

        var byHf = await Cli.ReportCsvAsync(db, "2016-T3", "--by", "hf");
        var byRhf = await Cli.ReportCsvAsync(db, "2016-T3", "--by", "rhf");

        // The transferred A37 patient started at SUS (HV) but was treated at UNN (HN).
        Assert.Equal(
            "pathway,organisation,completed,within_standard,share_within_pct,without_standard\n" +
            "A12,AHUS,1,1,100.0,0\n" +
            "A12,SIV,1,0,0.0,0\n" +
            "A12,SUS,1,1,100.0,0\n" +
            "A37,SUS,1,1,100.0,0\n" +
            "A37,UNN,1,1,100.0,0\n" +
            "ALL,,5,4,80.0,0\n", byHf);
        Assert.Equal(
            "pathway,organisation,completed,within_standard,share_within_pct,without_standard\n" +
            "A12,HSO,2,1,50.0,0\n" +
            "A12,HV,1,1,100.0,0\n" +
            "A37,HN,1,1,100.0,0\n" +
            "A37,HV,1,1,100.0,0\n" +
            "ALL,,5,4,80.0,0\n", byRhf);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Report_Public_SuppressesSmallCountsAndWhatRevealsThem(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));

        var report = await Cli.ReportCsvAsync(db, "2016-T3", "--public");

        // A12 3 completed, 2 within: 2 < 3 hides within and share. A37 2 and 2: both small, hidden.
        // ALL 5 and 4 would reveal A37's 2 completed (5 − 3), so a second cell must go; 1 breach in ALL hides its within.
        var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("pathway,completed,within_standard,share_within_pct,without_standard", lines[0]);
        // Zero without a standard is not small: it stays.
        Assert.Equal("A37,,,,0", lines[2]);
        Assert.StartsWith("ALL,", lines[3], StringComparison.Ordinal);
        var a12 = lines[1].Split(',');
        var all = lines[3].Split(',');
        // Whatever the choice of secondary cells, A37's completed count cannot be worked out as ALL − A12.
        Assert.False(a12[1].Length > 0 && all[1].Length > 0, report);
        Assert.Equal("", a12[2]);
        Assert.Equal("", all[2]);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Report_PublicWithMinCountOne_HidesNothing(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));

        var report = await Cli.ReportCsvAsync(db, "2016-T3", "--public", "--min-count", "1");

        Assert.Equal(EventsFiles.SharedExampleReport(), report);
    }

    [Fact]
    public async Task Report_BadPeriod_ExitsWithOneAndSaysWhy()
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

        var run = await Cli.RunAsync("report", "--db", db, "--period", "2016-T4");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("2016-T4", run.Error, StringComparison.Ordinal);
    }
}
