using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Tests.Features.Exports;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Tests.Features.Indicators;

/// <summary>
/// Versioned publications (issue 14, item 5): every lock of a period is a numbered publication, none is overwritten, and
/// a revision names each figure that changed and the rows that changed it. The worked example: A12 3 completed, 2 within.
/// </summary>
public class PublicationTests
{
    private static string P(int i) => TestPatients.Number(i);

    private static async Task<List<PeriodLockEntity>> PublicationsAsync(string db)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct);
        return await store.Db.PeriodLocks.AsNoTracking().OrderBy(l => l.Publication).ToListAsync(ct);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task LockAgain_AfterACorrection_IsRevisionOne_AndThePublishedFiguresStayAsTheyWere(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));
        var first = await Cli.RunAsync("lock-period", "--db", db, "2016-T3", "--by", "npr-arsrapport");
        var published = (await PublicationsAsync(db)).Single();
        // A late A12 pathway at AHUS, completed in the tertial over the standard (surgery on day 40).
        await Cli.ImportAsync(db, EventsFiles.WriteRows($"late1,{P(900)},AHUS,A12A,2016-10-01,,", $"late2,{P(900)},AHUS,A12FK,2016-11-10,,"));
        var stillPublished = await Cli.ReportCsvAsync(db, "2016-T3");

        var revision = await Cli.RunAsync("lock-period", "--db", db, "2016-T3", "--by", "npr-revisjon");
        var unchanged = await Cli.RunAsync("lock-period", "--db", db, "2016-T3", "--by", "npr-revisjon");
        var report = await Cli.RunAsync("report", "--db", db, "--period", "2016-T3", "--format", "csv");
        var changes = await Cli.RunAsync("publication", "--db", db, "2016-T3");
        var firstShown = await Cli.RunAsync("publication", "--db", db, "2016-T3", "--number", "1");
        var list = await Cli.RunAsync("lock-period", "--db", db, "--list");
        var publications = await PublicationsAsync(db);

        Assert.Contains("2016-T3 locked as publication 1 (first)", first.Output, StringComparison.Ordinal);
        Assert.Equal(EventsFiles.SharedExampleReport(), stillPublished);
        Assert.True(revision.ExitCode == 0, revision.Error);
        Assert.Contains("2016-T3 locked as publication 2 (revision 1)", revision.Output, StringComparison.Ordinal);
        // Nothing recorded since publication 2: another lock would publish the same figures, so there is none.
        Assert.Equal(2, unchanged.ExitCode);
        Assert.Contains("2016-T3 is already locked as publication 2", unchanged.Error, StringComparison.Ordinal);
        // Publication 1 is exactly as it was stored; publication 2 holds the rows up to the late ones.
        Assert.Equal(2, publications.Count);
        Assert.Equal(published.Snapshot, publications[0].Snapshot);
        Assert.Equal(published.RegistryVersion, publications[0].RegistryVersion);
        Assert.Equal(published.LockedAt, publications[0].LockedAt);
        Assert.True(publications[1].RegistryVersion > publications[0].RegistryVersion);
        // Reports show the newest publication.
        Assert.Equal("pathway,completed,within_standard,share_within_pct,without_standard\nA12,4,2,50.0,0\nA37,2,2,100.0,0\nALL,6,4,66.7,0\n", report.Output);
        Assert.Contains("the figures are those locked, publication 2 (revision 1)", report.Error, StringComparison.Ordinal);
        // The revision, figure by figure, with the rows that caused each change.
        Assert.True(changes.ExitCode == 0, changes.Error);
        Assert.Contains("2016-T3 publication 2 (revision 1): locked", changes.Output, StringComparison.Ordinal);
        Assert.Contains("by npr-revisjon", changes.Output, StringComparison.Ordinal);
        Assert.Contains("since publication 1 (first)", changes.Output, StringComparison.Ordinal);
        Assert.Contains("  completed-within-standard A12 nation: count 3 → 4, numerator 2 → 2; caused by AHUS late1, AHUS late2", changes.Output, StringComparison.Ordinal);
        Assert.Contains("  completed-within-standard A12 hf AHUS: count 1 → 2, numerator 1 → 1; caused by AHUS late1, AHUS late2", changes.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("A37", changes.Output, StringComparison.Ordinal);
        Assert.Contains("AHUS late1 recorded A12A 2016-10-01", changes.Output, StringComparison.Ordinal);
        Assert.Contains("the first publication of the period", firstShown.Output, StringComparison.Ordinal);
        Assert.Contains("publication 1 (first)  locked", list.Output, StringComparison.Ordinal);
        Assert.Contains("publication 2 (revision 1)  locked", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OfALockedPeriod_NamesThePublicationItShows()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));
        await Cli.RunAsync("lock-period", "--db", db, "2016-T3");
        await Cli.ImportAsync(db, EventsFiles.WriteRows($"late1,{P(900)},AHUS,A12A,2016-10-01,,", $"late2,{P(900)},AHUS,A12FK,2016-11-10,,"));
        await Cli.RunAsync("lock-period", "--db", db, "2016-T3");
        var file = Path.Combine(Directory.CreateTempSubdirectory("forlop-publication-").FullName, "table.csv");

        var run = await Cli.RunAsync("export", "--db", db, "--period", "2016-T3", "--out", file);
        var page = await PageAsync(db);

        Assert.True(run.ExitCode == 0, run.Error);
        var rows = CsvExportTests.ReadBack(await File.ReadAllBytesAsync(file, ct));
        Assert.Equal("publication", rows[0][^1]);
        Assert.All(rows.Skip(1), r => Assert.Equal("2016-T3/2", r[^1]));
        Assert.Contains("publisering 2 (revisjon 1)", page, StringComparison.Ordinal);
    }

    private static async Task<string> PageAsync(string db)
    {
        var (app, client) = await TestWebHost.StartAsync(db);
        await using (app)
        using (client)
        {
            return await client.GetStringAsync(new Uri("/statistikk?periode=2016-T3", UriKind.Relative), TestContext.Current.CancellationToken);
        }
    }
}
