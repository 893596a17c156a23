using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.AccessLog;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Tests.Features.AccessLog;

/// <summary>
/// Each way of rewriting the access log behind the program's back, done with the database's own tools, is reported
/// by <c>forlop access-log verify</c> with the entry where the evidence breaks (issue 16; decision 0017).
/// </summary>
public class AccessLogTamperingTests
{
    public enum Tampering
    {
        DeleteLastEntry,
        DeleteLast500,
        DeleteEverything,
        RewriteAndResealUnkeyed,
        EditInPlace,
        DeleteInTheMiddle,
    }

    private const int Entries = 800;

    public static TheoryData<DatabaseKind, Tampering, string> Cases()
    {
        var data = new TheoryData<DatabaseKind, Tampering, string>();
        foreach (var kind in new[] { DatabaseKind.Sqlite, DatabaseKind.Postgres })
        {
            data.Add(kind, Tampering.DeleteLastEntry, "broken at entry 800: entry 800 is missing: the log ends at entry 799, but the checkpoint of");
            data.Add(kind, Tampering.DeleteLast500, "broken at entry 301: entries 301–800 are missing: the log ends at entry 300");
            data.Add(kind, Tampering.DeleteEverything, "broken at entry 1: entries 1–800 are missing: the log ends at entry 0");
            // 153 entries rewritten from entry 500 on and every seal after them recomputed with plain SHA-256.
            data.Add(kind, Tampering.RewriteAndResealUnkeyed, "broken at entry 500: its content does not match its seal");
            data.Add(kind, Tampering.EditInPlace, "broken at entry 42: its content does not match its seal");
            data.Add(kind, Tampering.DeleteInTheMiddle, "broken at entry 400: entry 400 is missing (the next one is 401)");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Verify_ReportsEachTampering_WithWhereTheEvidenceBreaks(DatabaseKind kind, Tampering tampering, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        await FillAsync(db, ct);
        var before = await Cli.RunAsync("access-log", "verify", "--db", db);

        await using (var context = DatabaseTarget.Parse(db).CreateContext())
        {
            await TamperAsync(context, tampering, ct);
        }
        var after = await Cli.RunAsync("access-log", "verify", "--db", db);

        Assert.True(before.ExitCode == 0, before.Error);
        Assert.Contains($"{Entries} entries", before.Output, StringComparison.Ordinal);
        Assert.Equal(1, after.ExitCode);
        Assert.Contains(expected, after.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ALogSealedBeforeTheKey_StaysVerifiable_AndIsAnchoredFromThen(DatabaseKind kind)
    {
        // A registry from before decision 0017: entries sealed with plain SHA-256, no key anywhere yet.
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        await Cli.RunAsync("indicators", "--db", db); // creates the schema without touching the log
        var target = DatabaseTarget.Parse(db);
        Assert.False(File.Exists(Path.Combine(target.SealDirectory, "key")), "no key before the log is first used");
        await using (var context = target.CreateContext())
        {
            var previous = AccessLogChain.Genesis;
            for (var i = 1; i <= 20; i++)
            {
                var old = AccessLogChain.SealUnkeyed(i, Entry(i), previous);
                context.AccessLog.Add(ToEntity(old));
                previous = old.Hash;
            }
            await context.SaveChangesAsync(ct);
        }

        var adopted = await Cli.RunAsync("access-log", "verify", "--db", db);
        await using (var context = target.CreateContext())
        {
            await AccessLogger.AppendAsync(context, Entry(21), ct); // the first keyed entry
        }
        var grown = await Cli.RunAsync("access-log", "verify", "--db", db);
        await using (var context = target.CreateContext())
        {
            await ResealUnkeyedAsync(context, from: 5, through: 20, ct);
        }
        var rewritten = await Cli.RunAsync("access-log", "verify", "--db", db);

        Assert.True(adopted.ExitCode == 0, adopted.Error);
        Assert.Contains("20 entries", adopted.Output, StringComparison.Ordinal);
        Assert.True(grown.ExitCode == 0, grown.Error);
        Assert.Contains("21 entries", grown.Output, StringComparison.Ordinal);
        Assert.Equal(1, rewritten.ExitCode);
        // The old entries re-seal unkeyed without a break, but the first keyed entry cannot be re-sealed without the key
        // (and were it removed, the checkpoints would still remember it: AccessLogChainTests).
        Assert.Contains("broken at entry 21: it does not build on the seal of the entry before it", rewritten.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AnEntryInATransactionThatRollsBack_IsNotVouchedFor(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        await Cli.RunAsync("access-log", "verify", "--db", db);
        await using (var context = DatabaseTarget.Parse(db).CreateContext())
        {
            await AccessLogger.AppendAsync(context, Entry(1), ct);
            await using var transaction = await context.Database.BeginTransactionAsync(ct);
            await AccessLogger.AppendAsync(context, Entry(2), ct);
            await transaction.RollbackAsync(ct);
        }

        var verify = await Cli.RunAsync("access-log", "verify", "--db", db);

        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Contains("1 entries", verify.Output, StringComparison.Ordinal);
    }

    private static AccessEntry Entry(int i) => new(Instant.FromUtc(2026, 12, 1, 8, 0).Plus(Duration.FromSeconds(i)), "kari", "coordinator", "OUS",
        "07874804384", i % 3 == 0 ? AccessKind.Change : AccessKind.Read, $"GET /api/v1/episodes/{i}", "10.0.0.7");

    /// <summary>800 entries in batches of 100, as the web app's group commit writes them.</summary>
    private static async Task FillAsync(string db, CancellationToken ct)
    {
        await Cli.RunAsync("access-log", "verify", "--db", db);
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        for (var batch = 0; batch < Entries / 100; batch++)
        {
            await AccessLogger.AppendAsync(context, Enumerable.Range(batch * 100 + 1, 100).Select(Entry).ToList(), ct);
        }
    }

    private static async Task TamperAsync(RegistryDb context, Tampering tampering, CancellationToken ct)
    {
        switch (tampering)
        {
            case Tampering.DeleteLastEntry:
                await context.AccessLog.Where(e => e.Sequence == Entries).ExecuteDeleteAsync(ct);
                break;
            case Tampering.DeleteLast500:
                await context.AccessLog.Where(e => e.Sequence > Entries - 500).ExecuteDeleteAsync(ct);
                break;
            case Tampering.DeleteEverything:
                await context.AccessLog.ExecuteDeleteAsync(ct);
                break;
            case Tampering.RewriteAndResealUnkeyed:
                await ResealUnkeyedAsync(context, from: 500, through: Entries, ct, rewriteThrough: 652);
                break;
            case Tampering.EditInPlace:
                await context.AccessLog.Where(e => e.Sequence == 42).ExecuteUpdateAsync(s => s.SetProperty(e => e.User, "someone else"), ct);
                break;
            case Tampering.DeleteInTheMiddle:
                await context.AccessLog.Where(e => e.Sequence == 400).ExecuteDeleteAsync(ct);
                break;
        }
    }

    /// <summary>
    /// What the attacker of issue 16 did with a short script: change entries and recompute the chain's SHA-256 seals
    /// from there to the end, so that every entry builds on the one before it again.
    /// </summary>
    private static async Task ResealUnkeyedAsync(RegistryDb context, long from, long through, CancellationToken ct, long? rewriteThrough = null)
    {
        var rows = await context.AccessLog.Where(e => e.Sequence >= from - 1 && e.Sequence <= through).OrderBy(e => e.Sequence).ToListAsync(ct);
        var previous = rows[0].Sequence == from ? AccessLogChain.Genesis : rows[0].PreviousHash;
        foreach (var row in rows)
        {
            if (row.Sequence < from)
            {
                previous = row.Hash;
                continue;
            }
            if (row.Sequence <= (rewriteThrough ?? through))
            {
                row.User = "someone else";
            }
            var resealed = AccessLogChain.SealUnkeyed(row.Sequence, FromEntity(row), previous);
            row.PreviousHash = previous;
            row.Hash = resealed.Hash;
            previous = resealed.Hash;
        }
        await context.SaveChangesAsync(ct);
    }

    private static AccessEntry FromEntity(AccessLogEntity e) => new(Instant.FromDateTimeUtc(DateTime.SpecifyKind(e.At, DateTimeKind.Utc)), e.User, e.Role,
        e.Organisation, e.Patient, AccessKinds.Parse(e.Kind), e.What, e.From);

    private static AccessLogEntity ToEntity(SealedAccessEntry s) => new()
    {
        Sequence = s.Sequence,
        At = s.Entry.At.ToDateTimeUtc(),
        User = s.Entry.User,
        Role = s.Entry.Role,
        Organisation = s.Entry.Organisation,
        Patient = s.Entry.Patient,
        Kind = s.Entry.Kind.Word(),
        What = s.Entry.What,
        From = s.Entry.From,
        PreviousHash = s.PreviousHash,
        Hash = s.Hash,
    };
}
