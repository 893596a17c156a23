using Forlop.Domain.AccessLog;
using NodaTime;

namespace Forlop.Domain.Tests.AccessLog;

public class AccessLogChainTests
{
    private static readonly SealKey Key = SealKey.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly SealKey OtherKey = SealKey.FromBytes(new byte[32]);
    private static readonly Instant Noon = Instant.FromUtc(2026, 11, 23, 12, 0);

    private static AccessEntry Entry(int i) => new(Instant.FromUtc(2026, 11, 23, 8, i), "kari", "coordinator", "AHUS", "04837200798",
        i % 2 == 0 ? AccessKind.Change : AccessKind.Read, $"GET /episodes/{i}", "10.0.0.7");

    private static List<SealedAccessEntry> Log(int count, int unkeyedThrough = 0)
    {
        var log = new List<SealedAccessEntry>();
        var previous = AccessLogChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var sealedEntry = i <= unkeyedThrough ? AccessLogChain.SealUnkeyed(i, Entry(i), previous) : AccessLogChain.Seal(i, Entry(i), previous, Key);
            log.Add(sealedEntry);
            previous = sealedEntry.Hash;
        }
        return log;
    }

    /// <summary>What the program keeps beside the key: a legacy checkpoint from when it was keyed, and the head.</summary>
    private static List<Checkpoint> Anchors(List<SealedAccessEntry> log, long legacyThrough = 0) =>
    [
        Checkpoint.Sign(Key, CheckpointKind.Legacy, legacyThrough, legacyThrough == 0 ? AccessLogChain.Genesis : log[(int)legacyThrough - 1].Hash, Noon),
        Checkpoint.Sign(Key, CheckpointKind.Head, log.Count, log.Count == 0 ? AccessLogChain.Genesis : log[^1].Hash, Noon),
    ];

    [Fact]
    public void Verify_AnUntouchedLog_IsWhole()
    {
        var log = Log(5);
        Assert.Null(AccessLogChain.Verify(log, Key, Anchors(log)));
    }

    [Fact]
    public void Verify_AChangedEntry_IsFound()
    {
        var log = Log(5);
        var anchors = Anchors(log);
        log[2] = log[2] with { Entry = log[2].Entry with { User = "ola" } };

        Assert.Equal(3, AccessLogChain.Verify(log, Key, anchors)!.Value.Sequence);
    }

    [Fact]
    public void Verify_ARemovedEntry_IsFound()
    {
        var log = Log(5);
        var anchors = Anchors(log);
        log.RemoveAt(1);

        Assert.Contains("entry 2 is missing", AccessLogChain.Verify(log, Key, anchors)!.Value.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TheLastEntriesRemoved_AreFoundByTheHeadCheckpoint()
    {
        // The chain inside the table is whole after removing its tail; only the checkpoint outside knows it was longer.
        var log = Log(5);
        var anchors = Anchors(log);
        log.RemoveRange(3, 2);

        var broken = AccessLogChain.Verify(log, Key, anchors)!.Value;
        Assert.Equal(4, broken.Sequence);
        Assert.Contains("entries 4–5 are missing", broken.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EveryEntryRemoved_IsFound()
    {
        var anchors = Anchors(Log(5));

        Assert.Contains("entries 1–5 are missing", AccessLogChain.Verify([], Key, anchors)!.Value.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AnEntryResealedWithTheKeyAfterAChange_BreaksTheNextOne()
    {
        // Even someone who had the key cannot change an entry without breaking the chain at the entry after it.
        var log = Log(5);
        var anchors = Anchors(log);
        log[2] = AccessLogChain.Seal(3, log[2].Entry with { What = "nothing to see" }, log[1].Hash, Key);

        Assert.Equal(4, AccessLogChain.Verify(log, Key, anchors)!.Value.Sequence);
    }

    [Fact]
    public void Verify_TheWholeLogResealedWithoutTheKey_IsFoundAtTheFirstEntry()
    {
        // The attack the unkeyed chain allowed: rewrite entries and recompute every SHA-256 after them.
        var log = Log(5);
        var anchors = Anchors(log);
        var previous = AccessLogChain.Genesis;
        for (var i = 0; i < log.Count; i++)
        {
            log[i] = AccessLogChain.SealUnkeyed(i + 1, log[i].Entry with { User = "someone else" }, previous);
            previous = log[i].Hash;
        }

        var broken = AccessLogChain.Verify(log, Key, anchors)!.Value;
        Assert.Equal(1, broken.Sequence);
        Assert.Contains("does not match its seal", broken.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EntriesFromBeforeTheKey_VerifyUnkeyed_AndAreAnchoredByTheLegacyCheckpoint()
    {
        var log = Log(6, unkeyedThrough: 3);
        var anchors = Anchors(log, legacyThrough: 3);

        Assert.Null(AccessLogChain.Verify(log, Key, anchors));

        // Re-sealing the old entries unkeyed is possible, but the legacy checkpoint remembers the old head.
        var rewritten = Log(3, unkeyedThrough: 3).Select(e => AccessLogChain.SealUnkeyed(e.Sequence, e.Entry with { What = "x" }, "")).ToList();
        var previous = AccessLogChain.Genesis;
        for (var i = 0; i < 3; i++)
        {
            rewritten[i] = AccessLogChain.SealUnkeyed(i + 1, rewritten[i].Entry, previous);
            previous = rewritten[i].Hash;
        }
        var broken = AccessLogChain.Verify(rewritten, Key, [anchors[0]])!.Value;
        Assert.Equal(3, broken.Sequence);
        Assert.Contains("not the entry the checkpoint", broken.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ACheckpointSignedWithAnotherKey_IsFound()
    {
        var log = Log(3);
        var forged = Checkpoint.Sign(OtherKey, CheckpointKind.Head, 3, log[^1].Hash, Noon);

        Assert.Contains("not signed with this installation's key", AccessLogChain.Verify(log, Key, [forged])!.Value.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_WrittenAsALine_ReadsBackTheSame()
    {
        var checkpoint = Checkpoint.Sign(Key, CheckpointKind.Head, 42, new string('a', 64), Noon);

        Assert.Equal(checkpoint, Checkpoint.TryParse(checkpoint.ToLine()));
        Assert.True(Checkpoint.TryParse(checkpoint.ToLine())!.IsSignedBy(Key));
    }
}
