using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Indicators;

/// <summary>
/// `forlop lock-period`: after a lock, reports of the period show the figures as locked and, apart, what later
/// corrections changed; on SQLite and PostgreSQL. The worked example: A12 3 completed, 2 within; A37 2 and 2.
/// </summary>
public class PeriodLockTests
{
    private static string P(int i) => TestPatients.Number(i);

    private static async Task<string> LockedExampleAsync(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));
        var locked = await Cli.RunAsync("lock-period", "--db", db, "2016-T3", "--by", "npr-arsrapport");
        Assert.True(locked.ExitCode == 0, locked.Error);
        Assert.Contains("2016-T3 locked", locked.Output, StringComparison.Ordinal);
        return db;
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Report_AfterALaterImport_ShowsTheLockedFigureAndTheChangeApart(DatabaseKind kind)
    {
        var db = await LockedExampleAsync(kind);
        // A new A12 pathway completed in the locked tertial, over the standard (surgery on day 40).
        await Cli.ImportAsync(db, EventsFiles.WriteRows($"late1,{P(900)},AHUS,A12A,2016-10-01,,", $"late2,{P(900)},AHUS,A12FK,2016-11-10,,"));

        var report = await Cli.RunAsync("report", "--db", db, "--period", "2016-T3", "--format", "csv");
        var current = await Cli.ReportCsvAsync(db, "2016-T3", "--current");

        Assert.Equal(EventsFiles.SharedExampleReport(), report.Output);
        Assert.Contains("2016-T3 was locked on", report.Error, StringComparison.Ordinal);
        // Locked, so final: not provisional any more (NPR: "Når årsrapportering er ferdig så låses perioden", the newest
        // month "ikke kvalitetssikret", https://www.helsedirektoratet.no/statistikk/statistikk-fra-npr/pakkeforlop-for-kreft-indikatorer-for-aktivitet-og-forlopstid).
        Assert.DoesNotContain("provisional", report.Error, StringComparison.Ordinal);
        Assert.Contains("by npr-arsrapport", report.Error, StringComparison.Ordinal);
        Assert.Contains("A12 nation: count 4 (+1), numerator 2 (0)", report.Error, StringComparison.Ordinal);
        Assert.Contains("ALL nation: count 6 (+1), numerator 4 (0)", report.Error, StringComparison.Ordinal);
        Assert.Equal("pathway,completed,within_standard,share_within_pct,without_standard\nA12,4,2,50.0,0\nA37,2,2,100.0,0\nALL,6,4,66.7,0\n", current);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Indicator_AfterACorrection_KeepsEveryLockedIndicatorAndLevel(DatabaseKind kind)
    {
        var db = await LockedExampleAsync(kind);
        var startedBefore = (await Cli.RunAsync("indicator", "started", "--db", db, "--period", "2016-T3", "--level", "hf", "--format", "csv")).Output;
        // Withdraw the start of a pathway of the example, and start another at OUS.
        await Cli.ImportAsync(db, EventsFiles.WriteRows($"late3,{P(901)},OUS,A12A,2016-12-01,,"));

        var started = await Cli.RunAsync("indicator", "started", "--db", db, "--period", "2016-T3", "--level", "hf", "--format", "csv");
        var startedNow = await Cli.RunAsync("indicator", "started", "--db", db, "--period", "2016-T3", "--level", "hf", "--format", "csv", "--current");

        Assert.Equal(startedBefore, started.Output);
        Assert.DoesNotContain("A12,hf,OUS", started.Output, StringComparison.Ordinal);
        Assert.Contains("A12 hf OUS: count 1 (+1)", started.Error, StringComparison.Ordinal);
        Assert.Contains("A12,hf,OUS,1\n", startedNow.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task LockPeriod_Twice_IsRefusedAndTheFirstLockStands(DatabaseKind kind)
    {
        var db = await LockedExampleAsync(kind);

        var again = await Cli.RunAsync("lock-period", "--db", db, "2016-T3", "--by", "someone-else");
        var list = await Cli.RunAsync("lock-period", "--db", db, "--list");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("2016-T3 is already locked", again.Error, StringComparison.Ordinal);
        Assert.Contains("by npr-arsrapport", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("someone-else", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockPeriod_OnlyTheNamedPeriodIsLocked()
    {
        var db = await LockedExampleAsync(DatabaseKind.Sqlite);
        await Cli.ImportAsync(db, EventsFiles.WriteRows($"late4,{P(902)},AHUS,A12A,2016-10-01,,", $"late5,{P(902)},AHUS,A12FK,2016-10-20,,"));

        // The year holds the tertial but was not locked: it shows the registry as it is (the example's A12 treated at
        // UNN in July, and the new one, within: 4 + 1 completed, 3 + 1 within).
        var year = await Cli.RunAsync("report", "--db", db, "--period", "2016", "--format", "csv");

        Assert.Equal("pathway,completed,within_standard,share_within_pct,without_standard\nA12,5,4,80.0,0\nA37,2,2,100.0,0\nALL,7,6,85.7,0\n", year.Output);
        Assert.DoesNotContain("was locked", year.Error, StringComparison.Ordinal);
        // Not locked, so not final: the figures are marked provisional, as NPR marks its newest month.
        Assert.Contains("note: 2016 is not locked: the figures are provisional, not quality-assured", year.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockPeriod_BadPeriod_ExitsWithOneAndLocksNothing()
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

        var run = await Cli.RunAsync("lock-period", "--db", db, "2016-T3", "2016-T4");
        var list = await Cli.RunAsync("lock-period", "--db", db, "--list");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("2016-T4", run.Error, StringComparison.Ordinal);
        Assert.Equal("", list.Output);
    }
}
