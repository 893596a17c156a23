using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Forlop.Domain.AccessLog;

/// <summary>Whether an access read person data or changed it.</summary>
public enum AccessKind
{
    Read,
    Change,
}

/// <summary>
/// One access to person data (Normen: who, in which role and organisation, which patient, what, when, from where).
/// <see cref="Patient"/> is the national identity number, so a patient's own entries can be found and exported.
/// </summary>
public sealed record AccessEntry(
    Instant At,
    string User,
    string Role,
    string Organisation,
    string Patient,
    AccessKind Kind,
    string What,
    string From);

/// <summary>An entry as stored: its place in the log and the seal that binds it to every entry before it.</summary>
public sealed record SealedAccessEntry(long Sequence, AccessEntry Entry, string PreviousHash, string Hash);

/// <summary>
/// The access log is append-only and tamper-evident: each entry is sealed with the SHA-256 of its own content and the
/// seal of the entry before it, so changing, removing or reordering any entry breaks every seal after it.
/// </summary>
public static class AccessLogChain
{
    /// <summary>The seal the first entry builds on.</summary>
    public static readonly string Genesis = new('0', 64);

    public static SealedAccessEntry Seal(long sequence, AccessEntry entry, string previousHash)
    {
        // Databases keep time to the microsecond: seal what will be read back.
        var ticks = entry.At.ToUnixTimeTicks();
        entry = entry with { At = Instant.FromUnixTimeTicks(ticks - ticks % 10) };
        return new(sequence, entry, previousHash, Hash(sequence, entry, previousHash));
    }

    /// <summary>The first entry whose seal does not match (or whose place is wrong); null when the log is whole.</summary>
    public static (long Sequence, string Problem)? Verify(IEnumerable<SealedAccessEntry> entries)
    {
        var previous = Genesis;
        long expected = 1;
        foreach (var e in entries)
        {
            if (e.Sequence != expected)
            {
                return (e.Sequence, $"entry {expected} is missing (found {e.Sequence})");
            }
            if (!string.Equals(e.PreviousHash, previous, StringComparison.Ordinal))
            {
                return (e.Sequence, "it does not build on the seal of the entry before it");
            }
            if (!string.Equals(e.Hash, Hash(e.Sequence, e.Entry, e.PreviousHash), StringComparison.Ordinal))
            {
                return (e.Sequence, "its content does not match its seal");
            }
            previous = e.Hash;
            expected++;
        }
        return null;
    }

    private static string Hash(long sequence, AccessEntry e, string previousHash)
    {
        // One field per line, in a fixed order and format, so the seal does not depend on culture or serializer.
        var text = string.Join('\n',
            sequence.ToString(CultureInfo.InvariantCulture), previousHash,
            InstantPattern.ExtendedIso.Format(e.At), e.User, e.Role, e.Organisation, e.Patient,
            e.Kind == AccessKind.Read ? "read" : "change", e.What, e.From);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
