using System.Text;
using Forlop.App.Data;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Import;

/// <summary>`forlop import` against the interchange contract, on SQLite and PostgreSQL.</summary>
public class ImportEventsTests
{
    private static string P(int i) => TestPatients.Number(i);

    private static async Task<(int Events, int Episodes, int Patients)> CountAsync(string db)
    {
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        return (await context.Events.CountAsync(), await context.Episodes.CountAsync(), await context.Patients.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_SameFileTwice_SecondChangesNothing(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var file = EventsFiles.SharedExample("events-2016-T3.csv");

        var first = await Cli.ImportAsync(db, file);
        var before = await CountAsync(db);
        var reportBefore = await Cli.ReportCsvAsync(db, "2016-T3");
        var second = await Cli.ImportAsync(db, file);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("35 accepted, 0 duplicates, 0 rejected", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 accepted, 35 duplicates, 0 rejected", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(db));
        Assert.Equal(reportBefore, await Cli.ReportCsvAsync(db, "2016-T3"));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_FileInTwoParts_LinksRowsToEpisodesStoredBefore(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);

        await Cli.ImportAsync(db, EventsFiles.WriteRows($"p1,{P(1)},AHUS,A12A,2016-09-01,,", $"p2,{P(1)},AHUS,A12S,2016-09-05,,"));
        var second = await Cli.ImportAsync(db, EventsFiles.WriteRows(
            $"p3,{P(1)},AHUS,A12CK,2016-09-20,,",
            $"p4,{P(1)},AHUS,A12FK,2016-10-01,,",
            // A correction in a later file of a row stored by an earlier one.
            $"p5,{P(1)},AHUS,A12S,2016-09-06,p2,"));

        Assert.Equal(0, second.ExitCode);
        Assert.Equal("pathway,completed,within_standard,share_within_pct,without_standard\nA12,1,1,100.0,0\nALL,1,1,100.0,0\n", await Cli.ReportCsvAsync(db, "2016-T3"));
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var episode = await context.Episodes.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new DateOnly(2016, 9, 6), episode.FirstAttendanceDate);
        Assert.Equal("treatment-started", episode.State);
        // The corrected row stays in the history.
        Assert.Equal(5, await context.Events.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_SameRecordIdWithOtherContent_IsRejectedAsConflict(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        await Cli.ImportAsync(db, EventsFiles.WriteRows($"c1,{P(1)},AHUS,A12A,2016-09-01,,"));

        var run = await Cli.ImportAsync(db, EventsFiles.WriteRows($"c1,{P(1)},AHUS,A12A,2016-09-02,,"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 2, record c1, record_id: record c1 from AHUS was already imported with different content", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Each row breaks one rule; the good rows around them are stored.</summary>
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_BadRowsOfEveryKind_StoresTheGoodAndExplainsEachBad(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var wrongCheckDigit = P(20)[..10] + (char)('0' + (P(20)[10] - '0' + 1) % 10);
        var file = EventsFiles.WriteRows(
            $"g1,{P(1)},AHUS,A12A,2016-09-01,,",                 // line 2: good
            $"b1,{wrongCheckDigit},AHUS,A12A,2016-09-01,,",      // line 3: wrong check digit
            $"b2,{P(2)},AHUS,A12A,2031-02-30,,",                 // line 4: impossible date
            $"b3,{P(3)},AHUS,A12A,2099-01-01,,",                 // line 5: future date
            $"b4,{P(4)},AHUS,A99A,2016-09-01,,",                 // line 6: unknown code
            $"b5,{P(5)},NOWHERE,A12A,2016-09-01,,",              // line 7: unknown organisation
            $"b6,{P(6)},AHUS,A12S,2016-09-01,,",                 // line 8: event without an episode
            $"b7,{P(1)},AHUS,A12S,2016-08-20,,",                 // line 9: before its episode's start
            $"g2,{P(1)},AHUS,A12CK,2016-09-20,,",                // line 10: good (decision without first attendance: a finding)
            $"b8,{P(1)},AHUS,A12S,2016-09-25,,",                 // line 11: out of order (after the decision)
            $"b9,{P(1)},AHUS,A12A,2016-09-21,,",                 // line 12: second start while open
            $"bad id!,{P(1)},AHUS,A12FK,2016-09-30,,",           // line 13: record id with forbidden characters
            $"b10,{P(7)},AHUS,A12A,1939-01-01,,",                // line 14: before the patient's birth (born 1940)
            $"b11,{P(8)},AHUS,A12A,2016-09-01",                  // line 15: too few fields
            $"b12,{P(1)},AHUS,,,nothing,true",                   // line 16: withdraws a record that does not exist
            $"g3,{P(1)},AHUS,A12FK,2016-09-30,,",                // line 17: good
            $"b13,{P(1)},AHUS,A12FM,2016-10-01,,",               // line 18: second treatment start
            $"b14,{P(9)},HSO,A12A,2016-09-01,,",                 // line 19: an RHF registers nothing
            $"b15,{P(10)},AHUS,A90A,2022-01-05,,");              // line 20: pathway withdrawn on 2021-04-30 (acute leukaemia, placeholder A90)

        var run = await Cli.ImportAsync(db, file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("3 accepted, 0 duplicates, 16 rejected, 1 data-quality findings", run.Output, StringComparison.Ordinal);
        string[] expected =
        [
            "line 3, record b1, patient_id:",
            "line 4, record b2, date: 2031-02-30 is not a date",
            "line 5, record b3, date: 2099-01-01 is in the future",
            "line 6, record b4, code: A99A is not a code in the catalogue",
            "line 7, record b5, organisation: NOWHERE is not a known organisation",
            "line 8, record b6, code: the patient has no open A12 pathway at AHUS",
            "line 9, record b7, date: A12S dated 2016-08-20 is before the start of its pathway",
            "line 11, record b8, date: A12S dated 2016-09-25 comes after A12CK dated 2016-09-20",
            "line 12, record b9, code: A12A starts a second A12 pathway at AHUS",
            "line 13, record bad id!, record_id:",
            "line 14, record b10, date: 1939-01-01 is before the patient was born",
            "line 15, record ?, row: the row has 5 fields but the header has 7",
            "line 16, record b12, replaces: there is no earlier record nothing",
            "line 18, record b13, code: the A12 pathway started 2016-09-01 already has a start of treatment A12FK",
            "line 19, record b14, organisation: HSO is a regional health authority",
            "line 20, record b15, code: A90A cannot be used after 2021-04-30",
        ];
        foreach (var line in expected)
        {
            Assert.True(run.OutputLines.Any(l => l.StartsWith(line, StringComparison.Ordinal)), $"no line starts with '{line}' in:\n{run.Output}");
        }
        Assert.Equal(3, (await CountAsync(db)).Events);
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        Assert.Equal(16, await context.RejectedRows.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("record_id,patient_id,organisation,code\nr1,x,AHUS,A12A\n", "missing required column date")]
    [InlineData("record_id,patient_id,organisation,code,date,colour\nr1,x,AHUS,A12A,2016-01-01,red\n", "unknown column 'colour'")]
    [InlineData("record_id,patient_id,organisation,code,date,date\n", "column 'date' appears twice")]
    [InlineData("", "the file is empty")]
    public async Task Import_FileThatCannotBeRead_ExitsWithOneAndStoresNothing(string content, string reason)
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

        var run = await Cli.ImportAsync(db, EventsFiles.Write(content));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(reason, run.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await CountAsync(db)).Events);
    }

    [Fact]
    public async Task Import_HeaderInOtherCaseAndOrderWithBom_IsRead()
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);
        var path = EventsFiles.Write("");
        File.WriteAllText(path, $"DATE,Code,Organisation,Patient_ID,Record_ID\n2016-09-01,A12A,AHUS,{P(1)},h1\n", new UTF8Encoding(true));

        var run = await Cli.ImportAsync(db, path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, (await CountAsync(db)).Events);
    }

    [Fact]
    public async Task Import_Latin1File_ExitsWithOneNamingTheLine()
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);
        var path = EventsFiles.Write("");
        var bytes = Encoding.Latin1.GetBytes($"{EventsFiles.Header}\nr1,{P(1)},AHUS,A12A,2016-09-01,,\nr2,{P(2)},FØRDE,A12A,2016-09-01,,\n");
        File.WriteAllBytes(path, bytes);

        var run = await Cli.ImportAsync(db, path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 3: the file is not UTF-8", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await CountAsync(db)).Events);
    }

    [Fact]
    public async Task Import_HeaderOnly_StoresNothingAndSaysSo()
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

        var run = await Cli.ImportAsync(db, EventsFiles.Write(EventsFiles.Header + "\n"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the file has a header but no rows", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFile_ExitsWithOne()
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

        var run = await Cli.ImportAsync(db, Path.Combine(Path.GetTempPath(), "no-such-file.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot open", run.Output, StringComparison.Ordinal);
    }

    /// <summary>A 100 MB file (about 1.4 million rows) streams through in one transaction; memory stays bounded by the patients it touches.</summary>
    [Fact]
    public async Task Import_HundredMegabyteFile_IsImportedWhole()
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);
        var path = EventsFiles.Write("");
        long patients = 0;
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
        {
            await writer.WriteAsync(EventsFiles.Header + "\n");
            var start = new DateOnly(2016, 1, 1);
            while (writer.BaseStream.Length < 100L * 1024 * 1024)
            {
                var nin = P((int)(patients % 20_000));
                var pathwayStart = start.AddDays((int)(patients / 20_000 * 60));
                var id = "big-" + patients.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var d = pathwayStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                var t = pathwayStart.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                await writer.WriteAsync($"{id}a,{nin},AHUS,A12A,{d},,\n{id}s,{nin},AHUS,A12S,{d},,\n{id}c,{nin},AHUS,A12CK,{t},,\n{id}f,{nin},AHUS,A12FK,{t},,\n");
                patients++;
            }
        }

        var run = await Cli.ImportAsync(db, path);

        Assert.True(run.ExitCode == 0, run.Output.Length > 2000 ? run.Output[..2000] : run.Output);
        Assert.Equal(patients * 4, (await CountAsync(db)).Events);
    }
}
