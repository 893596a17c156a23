using Forlop.App.Data;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Import;

/// <summary>The measured intervals the import stores beside the episodes (table episode_intervals), on both databases.</summary>
public class EpisodeIntervalsTests
{
    private static string P(int i) => TestPatients.Number(i);

    private static async Task<List<string>> IntervalsAsync(string db)
    {
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var rows = await context.EpisodeIntervals.AsNoTracking()
            .Join(context.Episodes, i => i.EpisodeId, e => e.Id, (i, e) => new { e.Hf, i.Ordinal, i.IntervalId, i.FromDate, i.ToDate, i.Length, i.StandardLimit, i.Status, i.TreatmentType })
            .ToListAsync(TestContext.Current.CancellationToken);
        return rows.OrderBy(r => r.Hf, StringComparer.Ordinal).ThenBy(r => r.Ordinal)
            .Select(r => FormattableString.Invariant($"{r.Hf} {r.IntervalId} {r.FromDate:yyyy-MM-dd}..{r.ToDate:yyyy-MM-dd} {r.Length} limit={r.StandardLimit} {r.Status} {r.TreatmentType}"))
            .ToList();
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_CompleteCancerPathway_StoresEveryReachedIntervalWithItsStandard(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);

        await Cli.ImportAsync(db, EventsFiles.WriteRows(
            $"a1,{P(1)},AHUS,A12A,2016-09-01,,", $"a2,{P(1)},AHUS,A12S,2016-09-05,,",
            $"a3,{P(1)},AHUS,A12CK,2016-09-20,,", $"a4,{P(1)},AHUS,A12FS,2016-10-11,,"));

        // A12: OF1 9, OF2 12, OF3 radiotherapy 18, OF4 radiotherapy 39 (tests/…/Report). OF3 is 21 days: over.
        Assert.Equal(
        [
            "AHUS OF1 2016-09-01..2016-09-05 4 limit=9 within radiotherapy",
            "AHUS OF2 2016-09-05..2016-09-20 15 limit=12 over radiotherapy",
            "AHUS OF3 2016-09-20..2016-10-11 21 limit=18 over radiotherapy",
            "AHUS OF4 2016-09-01..2016-10-11 40 limit=39 over radiotherapy",
        ], await IntervalsAsync(db));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_TransferredJourney_StoresEachIntervalOnceWhereItEnded(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);

        await Cli.ImportAsync(db, EventsFiles.WriteRows(
            $"t1,{P(2)},SUS,A37A,2016-09-01,,", $"t2,{P(2)},SUS,A37S,2016-09-04,,", $"t3,{P(2)},SUS,A37O,2016-09-05,,",
            $"t4,{P(2)},UNN,A37A,2016-09-08,,", $"t5,{P(2)},UNN,A37CK,2016-09-20,,", $"t6,{P(2)},UNN,A37FK,2016-10-12,,"));

        // OF1 ended at SUS; the rest at UNN, national times from the seniority date 09-01.
        Assert.Equal(
        [
            "SUS OF1 2016-09-01..2016-09-04 3 limit=10 within surgery",
            "UNN OF2 2016-09-04..2016-09-20 16 limit=10 over surgery",
            "UNN OF3 2016-09-20..2016-10-12 22 limit=21 over surgery",
            "UNN OF4 2016-09-01..2016-10-12 41 limit=41 within surgery",
        ], await IntervalsAsync(db));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_CorrectionInALaterFile_RebuildsTheIntervals(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        await Cli.ImportAsync(db, EventsFiles.WriteRows($"c1,{P(3)},AHUS,A12A,2016-09-01,,", $"c2,{P(3)},AHUS,A12FK,2016-10-07,,"));

        await Cli.ImportAsync(db, EventsFiles.WriteRows($"c3,{P(3)},AHUS,A12FK,2016-10-06,c2,"));
        var corrected = await IntervalsAsync(db);
        await Cli.ImportAsync(db, EventsFiles.WriteRows($"c4,{P(3)},AHUS,,,c3,true"));

        Assert.Equal(["AHUS OF4 2016-09-01..2016-10-06 35 limit=35 within surgery"], corrected);
        Assert.Empty(await IntervalsAsync(db));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_StrokeAndEvaluations_StoreMinutesAndEveryRepeatedInterval(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);

        var file = EventsFiles.Write(
            "record_id,patient_id,organisation,code,date,time,outcome\n" +
            $"s1,{P(4)},OUS,HSMP1,2025-03-01,10:00,\n" +
            $"s2,{P(4)},OUS,HSMP3,2025-03-01,10:50,\n" +
            $"s3,{P(4)},OUS,HSMP5,2025-03-01,11:21,\n" +
            $"m1,{P(5)},SUS,D01A,2024-01-02,,\n" +
            $"m2,{P(5)},SUS,D01S,2024-01-10,,\n" +
            $"m3,{P(5)},SUS,D01CT,2024-01-25,,\n" +
            $"m4,{P(5)},SUS,D01E,2024-02-01,,\n" +
            $"m5,{P(5)},SUS,D01E,2024-03-20,,\n");
        var import = await Cli.ImportAsync(db, file);

        Assert.Equal(0, import.ExitCode);
        // DTN 31 minutes over the 30 of 2025; TSB's standards are by care setting, and these events carry none.
        Assert.Equal(
        [
            "OUS DTN 2025-03-01..2025-03-01 31 limit=30 over ",
            "OUS OTA 2025-03-01..2025-03-01 50 limit= no-standard ",
            "OUS OTN 2025-03-01..2025-03-01 81 limit= no-standard ",
            "SUS OF1 2024-01-02..2024-01-10 8 limit= no-standard ",
            "SUS OF2 2024-01-10..2024-01-25 15 limit= no-standard ",
            "SUS EV1 2024-01-25..2024-02-01 7 limit= no-standard ",
            "SUS EV2 2024-02-01..2024-03-20 48 limit= no-standard ",
        ], await IntervalsAsync(db));
    }
}
