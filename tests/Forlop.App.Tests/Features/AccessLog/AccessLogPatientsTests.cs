using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Forlop.App.Tests.Features.AccessLog;

/// <summary>
/// A patient's access-log entries (decision 0034). On SQLite they are found through the lookup file beside the
/// registry up to its mark and in the log after it: whatever the lookup has caught up with, each entry is found once
/// and none is missed; a lookup taken from another log (a registry restored from a backup) is not trusted and starts
/// over; the web host keeps it caught up by itself. On PostgreSQL the log's own index serves.
/// </summary>
public class AccessLogPatientsTests
{
    private const string Kari = "07874804384";
    private const string Ola = "10897704930";

    private static AccessEntry Read(string patient, string what) =>
        new(Instant.FromUtc(2026, 12, 7, 8, 0), "koordinator", "coordinator", "OUS", patient, AccessKind.Read, what, "test");

    private static async Task<List<long>> SequencesOfAsync(string db, string patient, CancellationToken ct)
    {
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        return (await AccessLogger.ReadAsync(context, patient, ct)).Select(e => e.Sequence).ToList();
    }

    private static async Task<string> RegistryWithAsync(DatabaseKind kind, IReadOnlyList<AccessEntry> entries, CancellationToken ct)
    {
        var db = await TestDatabases.CreateAsync(kind, ct);
        await using var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct);
        await AccessLogger.AppendAsync(store.Db, entries, ct);
        return db;
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task APatientsEntries_AreFoundOnceEach_BeforeDuringAndAfterTheLookupCatchesUp(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        // Kari, Ola, an entry about no patient (an administrator's), then Kari twice more: sequences 1 to 5.
        var db = await RegistryWithAsync(kind, [Read(Kari, "a"), Read(Ola, "b"), Read("", "admin"), Read(Kari, "c"), Read(Kari, "d")], ct);
        var lookup = DatabaseTarget.Parse(db).PatientLookup;
        Assert.Equal(kind == DatabaseKind.Sqlite, lookup is not null);

        // Nothing taken into the lookup yet: found in the log itself.
        Assert.Equal([1L, 4, 5], await SequencesOfAsync(db, Kari, ct));
        if (lookup is not null)
        {
            // A step of two: entries 1 and 2 in the lookup, 3 to 5 only in the log.
            Assert.Equal(2, lookup.CatchUp(2));
            Assert.Equal(2, lookup.Read(Kari).Mark);
            Assert.Equal([1L], lookup.Read(Kari).Sequences);
            Assert.Equal([1L, 4, 5], await SequencesOfAsync(db, Kari, ct));
            Assert.Equal([2L], await SequencesOfAsync(db, Ola, ct));
            Assert.Equal(3, lookup.CatchUp(100));
            Assert.Equal(0, lookup.CatchUp(100));
            // Every entry that names Kari, once; the administrator's entry names no one and is left out.
            Assert.Equal([1L, 4, 5], lookup.Read(Kari).Sequences);
            Assert.Equal(5, lookup.Read(Kari).Mark);
        }
        Assert.Equal([1L, 4, 5], await SequencesOfAsync(db, Kari, ct));

        // The administrator's search by patient goes through the same lookup, the other filters on top.
        await using (var context = DatabaseTarget.Parse(db).CreateContext())
        await using (var writer = new AccessLogWriter(DatabaseTarget.Parse(db)))
        {
            var admin = new Caller(new Actor("admin", "Admin", Role.Administrator, "", []), "test");
            var search = await AccessLogSearch.RunAsync(context, writer, admin, SystemClock.Instance, new AccessLogQuery(Patient: Kari, PageSize: 2), ct);
            Assert.Equal(3, search.Total);
            Assert.Equal([5L, 4], search.Rows.Select(r => r.Sequence));
        }
        // The search showed Kari's number, so it logged a read of her (entry 6): found past the mark.
        Assert.Equal([1L, 4, 5, 6], await SequencesOfAsync(db, Kari, ct));
        Assert.Equal([2L], await SequencesOfAsync(db, Ola, ct));
    }

    [Fact]
    public async Task TheSqliteRegistry_KeepsNoIndexOnPatient_InTheLog()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await RegistryWithAsync(DatabaseKind.Sqlite, [Read(Kari, "a")], ct);
        await using var connection = new SqliteConnection(DatabaseTarget.Parse(db).ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'access_log'";
        // The primary key on sequence is the table's rowid and has no index entry of its own.
        Assert.Equal(0L, await command.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task ALookupTakenFromAnotherLog_IsNotTrusted_AndStartsOver()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await RegistryWithAsync(DatabaseKind.Sqlite, [Read(Kari, "a"), Read(Ola, "b"), Read(Kari, "c")], ct);
        var lookup = DatabaseTarget.Parse(db).PatientLookup!;
        Assert.Equal(3, lookup.CatchUp(100));
        Assert.Equal([1L, 3], lookup.Read(Kari).Sequences);

        // The registry is restored from another log, as long as this one: Kari is only its third entry.
        var other = await RegistryWithAsync(DatabaseKind.Sqlite, [Read(Ola, "x"), Read(Ola, "y"), Read(Kari, "z")], ct);
        SqliteConnection.ClearAllPools();
        foreach (var side in new[] { "-wal", "-shm" })
        {
            File.Delete(db + side);
        }
        File.Copy(other, db, overwrite: true);

        // Read at once, before the lookup has caught up: the old lookup's entry 1 would be Ola's read.
        Assert.Equal([3L], await SequencesOfAsync(db, Kari, ct));
        Assert.Equal([1L, 2], await SequencesOfAsync(db, Ola, ct));
        // Catching up starts over and takes the new log's three entries.
        Assert.Equal(3, lookup.CatchUp(100));
        Assert.Equal([3L], lookup.Read(Kari).Sequences);
        Assert.Equal([1L, 2], lookup.Read(Ola).Sequences);
        Assert.Equal([3L], await SequencesOfAsync(db, Kari, ct));
    }

    [Fact]
    public async Task ALookupFileThatIsNotADatabase_IsReadAroundAndTakenAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await RegistryWithAsync(DatabaseKind.Sqlite, [Read(Kari, "a"), Read(Ola, "b"), Read(Kari, "c")], ct);
        await File.WriteAllTextAsync(db + AccessLogPatientLookup.Suffix, "not an SQLite file, but long enough to be read as its header", ct);

        // The patient's view reads the log itself rather than fail.
        Assert.Equal([1L, 3], await SequencesOfAsync(db, Kari, ct));
        var lookup = DatabaseTarget.Parse(db).PatientLookup!;
        Assert.Equal(3, lookup.CatchUp(100));
        Assert.Equal([1L, 3], lookup.Read(Kari).Sequences);
        Assert.Equal([1L, 3], await SequencesOfAsync(db, Kari, ct));
    }

    [Fact]
    public async Task TheWebHostsIndexer_KeepsTheLookupCaughtUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await RegistryWithAsync(DatabaseKind.Sqlite, [Read(Kari, "a"), Read(Ola, "b")], ct);
        var target = DatabaseTarget.Parse(db);
        using var indexer = new AccessLogPatientIndexer(target, NullLogger<AccessLogPatientIndexer>.Instance);
        await indexer.StartAsync(ct);
        try
        {
            Assert.Equal(2, (await WaitForMarkAsync(target, 2, ct)).Mark);
            // An entry logged while the host runs is taken at the next turn.
            await using (var context = target.CreateContext())
            {
                await AccessLogger.AppendAsync(context, Read(Kari, "c"), ct);
            }
            var found = await WaitForMarkAsync(target, 3, ct);
            Assert.Equal(3, found.Mark);
            Assert.Equal([1L, 3], found.Sequences);
        }
        finally
        {
            await indexer.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<AccessLogPatientLookup.Indexed> WaitForMarkAsync(DatabaseTarget target, long mark, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + AccessLogPatientIndexer.Interval * 4;
        AccessLogPatientLookup.Indexed found;
        do
        {
            await Task.Delay(50, ct);
            found = target.PatientLookup!.Read(Kari);
        }
        while (found.Mark < mark && DateTime.UtcNow < deadline);
        return found;
    }
}
