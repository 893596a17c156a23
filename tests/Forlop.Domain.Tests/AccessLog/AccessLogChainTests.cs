using Forlop.Domain.AccessLog;
using NodaTime;

namespace Forlop.Domain.Tests.AccessLog;

public class AccessLogChainTests
{
    private static List<SealedAccessEntry> Log(int count)
    {
        var log = new List<SealedAccessEntry>();
        var previous = AccessLogChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var entry = new AccessEntry(Instant.FromUtc(2026, 11, 23, 8, i), "kari", "coordinator", "AHUS", "04837200798",
                i % 2 == 0 ? AccessKind.Change : AccessKind.Read, $"GET /episodes/{i}", "10.0.0.7");
            var sealedEntry = AccessLogChain.Seal(i, entry, previous);
            log.Add(sealedEntry);
            previous = sealedEntry.Hash;
        }
        return log;
    }

    [Fact]
    public void Verify_AnUntouchedLog_IsWhole() => Assert.Null(AccessLogChain.Verify(Log(5)));

    [Fact]
    public void Verify_AChangedEntry_IsFound()
    {
        var log = Log(5);
        log[2] = log[2] with { Entry = log[2].Entry with { User = "ola" } };

        Assert.Equal(3, AccessLogChain.Verify(log)!.Value.Sequence);
    }

    [Fact]
    public void Verify_ARemovedEntry_IsFound()
    {
        var log = Log(5);
        log.RemoveAt(1);

        Assert.Contains("entry 2 is missing", AccessLogChain.Verify(log)!.Value.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AnEntryResealedAfterAChange_BreaksTheNextOne()
    {
        // Whoever changes an entry and seals it again still breaks the chain at the entry after it.
        var log = Log(5);
        var changed = log[2].Entry with { What = "nothing to see" };
        log[2] = AccessLogChain.Seal(3, changed, log[1].Hash);

        Assert.Equal(4, AccessLogChain.Verify(log)!.Value.Sequence);
    }
}
