using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Forlop.Domain.AccessLog;

/// <summary>What an access did: read or changed person data, administered access, or locked an account out.</summary>
public enum AccessKind
{
    Read,
    Change,
    /// <summary>An administrator's change of who may do what: users, roles, scopes, hospital systems' tokens.</summary>
    Administration,
    /// <summary>A temporary lockout after repeated failed sign-ins.</summary>
    Lockout,
}

public static class AccessKinds
{
    /// <summary>The word stored in the log and shown in exports (and sealed: never change one).</summary>
    public static string Word(this AccessKind kind) => kind switch
    {
        AccessKind.Read => "read",
        AccessKind.Change => "change",
        AccessKind.Administration => "admin",
        AccessKind.Lockout => "lockout",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such access kind"),
    };

    public static AccessKind Parse(string word) => word switch
    {
        "read" => AccessKind.Read,
        "change" => AccessKind.Change,
        "admin" => AccessKind.Administration,
        "lockout" => AccessKind.Lockout,
        _ => throw new FormatException($"'{word}' is not an access kind"),
    };
}

/// <summary>
/// One access to person data (Normen: who, in which role and organisation, which patient, what, when, from where).
/// <see cref="Patient"/> is the national identity number, so a patient's own entries can be found and exported;
/// empty for administration and lockouts, which concern accounts rather than patients.
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
/// The secret an installation seals its access log with. Kept outside the database, so whoever can write to the
/// database alone cannot seal entries of their own (an unkeyed hash chain could be recomputed by anyone).
/// </summary>
public sealed class SealKey
{
    public const int Length = 32;

    private readonly byte[] _bytes;

    private SealKey(byte[] bytes) => _bytes = bytes;

    public static SealKey FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length == Length
        ? new SealKey(bytes.ToArray())
        : throw new ArgumentException($"a seal key has {Length} bytes, not {bytes.Length}", nameof(bytes));

    internal string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_bytes, Encoding.UTF8.GetBytes(text)));
}

/// <summary>What a checkpoint vouches for.</summary>
public enum CheckpointKind
{
    /// <summary>The log had reached this entry with this seal.</summary>
    Head,
    /// <summary>Entries up to this one were sealed before the log was keyed (unkeyed SHA-256); this was the last of them.</summary>
    Legacy,
}

/// <summary>
/// A signed statement, kept outside the database, that the log had reached entry <see cref="Sequence"/> whose seal was
/// <see cref="Hash"/>. The log may grow past it but never shrink below it or change what it saw: that is how truncation
/// and wholesale rewriting are found, which a chain inside the table alone cannot show.
/// </summary>
public sealed record Checkpoint(CheckpointKind Kind, long Sequence, string Hash, Instant At, string Mac)
{
    public static Checkpoint Sign(SealKey key, CheckpointKind kind, long sequence, string hash, Instant at)
    {
        at = Instant.FromUnixTimeSeconds(at.ToUnixTimeSeconds());
        return new(kind, sequence, hash, at, key.Mac(Text(kind, sequence, hash, at)));
    }

    public bool IsSignedBy(SealKey key) => string.Equals(Mac, key.Mac(Text(Kind, Sequence, Hash, At)), StringComparison.Ordinal);

    /// <summary>One line: <c>head 1234 &lt;seal&gt; 2026-12-04T16:40:00Z &lt;mac&gt;</c>.</summary>
    public string ToLine() => string.Join(' ', KindWord(Kind), Sequence.ToString(CultureInfo.InvariantCulture), Hash, InstantPattern.General.Format(At), Mac);

    public static Checkpoint? TryParse(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 5
            || parts[0] is not ("head" or "legacy")
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || InstantPattern.General.Parse(parts[3]) is not { Success: true } at)
        {
            return null;
        }
        return new(parts[0] == "head" ? CheckpointKind.Head : CheckpointKind.Legacy, sequence, parts[2], at.Value, parts[4]);
    }

    private static string KindWord(CheckpointKind kind) => kind == CheckpointKind.Head ? "head" : "legacy";

    private static string Text(CheckpointKind kind, long sequence, string hash, Instant at) => string.Join('\n',
        "forlop access-log checkpoint", KindWord(kind), sequence.ToString(CultureInfo.InvariantCulture), hash, InstantPattern.General.Format(at));
}

/// <summary>
/// The access log is append-only and tamper-evident: each entry is sealed with an HMAC-SHA-256, under the
/// installation's <see cref="SealKey"/>, of its own content and the seal of the entry before it, so changing, removing
/// or reordering any entry breaks every seal after it, and nobody without the key can seal again. Signed
/// <see cref="Checkpoint"/>s kept beside the key anchor the chain's head, so removing its last entries (or all of
/// them) is found too. Entries sealed before the log was keyed keep their unkeyed SHA-256 seals, vouched for by a
/// <see cref="CheckpointKind.Legacy"/> checkpoint (decision 0017).
/// </summary>
public static class AccessLogChain
{
    /// <summary>The seal the first entry builds on.</summary>
    public static readonly string Genesis = new('0', 64);

    public static SealedAccessEntry Seal(long sequence, AccessEntry entry, string previousHash, SealKey key)
    {
        entry = Truncated(entry);
        return new(sequence, entry, previousHash, key.Mac(Text(sequence, entry, previousHash)));
    }

    /// <summary>The seal the log used before it was keyed: plain SHA-256. Only to verify old entries (and to test that re-sealing with it is caught).</summary>
    public static SealedAccessEntry SealUnkeyed(long sequence, AccessEntry entry, string previousHash)
    {
        entry = Truncated(entry);
        return new(sequence, entry, previousHash, UnkeyedHash(sequence, entry, previousHash));
    }

    /// <summary>
    /// The first place where the log and its evidence disagree: an entry whose seal does not match, a missing entry,
    /// a checkpoint not signed with the key, or a checkpoint that saw entries the log no longer has. Null when whole.
    /// </summary>
    public static (long Sequence, string Problem)? Verify(IReadOnlyList<SealedAccessEntry> entries, SealKey key, IReadOnlyList<Checkpoint> checkpoints)
    {
        foreach (var c in checkpoints.Where(c => !c.IsSignedBy(key)))
        {
            return (c.Sequence, $"the checkpoint of {Format(c.At)} for entry {c.Sequence} is not signed with this installation's key");
        }
        var legacyThrough = checkpoints.Where(c => c.Kind == CheckpointKind.Legacy).Select(c => c.Sequence).DefaultIfEmpty(0).Max();
        var previous = Genesis;
        long expected = 1;
        foreach (var e in entries)
        {
            if (e.Sequence != expected)
            {
                return (expected, $"entry {expected} is missing (the next one is {e.Sequence})");
            }
            if (!string.Equals(e.PreviousHash, previous, StringComparison.Ordinal))
            {
                return (e.Sequence, "it does not build on the seal of the entry before it");
            }
            var seal = e.Sequence <= legacyThrough ? UnkeyedHash(e.Sequence, e.Entry, e.PreviousHash) : key.Mac(Text(e.Sequence, e.Entry, e.PreviousHash));
            if (!string.Equals(e.Hash, seal, StringComparison.Ordinal))
            {
                return (e.Sequence, "its content does not match its seal");
            }
            previous = e.Hash;
            expected++;
        }
        var last = expected - 1;
        // The furthest checkpoint first: it says the most about what is missing.
        foreach (var c in checkpoints.OrderByDescending(c => c.Sequence))
        {
            if (c.Sequence > last)
            {
                return (last + 1, last + 1 == c.Sequence
                    ? $"entry {c.Sequence} is missing: the log ends at entry {last}, but the checkpoint of {Format(c.At)} saw entry {c.Sequence}"
                    : $"entries {last + 1}–{c.Sequence} are missing: the log ends at entry {last}, but the checkpoint of {Format(c.At)} saw entry {c.Sequence}");
            }
            var seen = c.Sequence == 0 ? Genesis : entries[(int)(c.Sequence - 1)].Hash;
            if (!string.Equals(seen, c.Hash, StringComparison.Ordinal))
            {
                return (c.Sequence, $"it is not the entry the checkpoint of {Format(c.At)} saw");
            }
        }
        return null;
    }

    private static string Format(Instant at) => InstantPattern.General.Format(at);

    // Databases keep time to the microsecond: seal what will be read back.
    private static AccessEntry Truncated(AccessEntry entry)
    {
        var ticks = entry.At.ToUnixTimeTicks();
        return entry with { At = Instant.FromUnixTimeTicks(ticks - ticks % 10) };
    }

    private static string UnkeyedHash(long sequence, AccessEntry e, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(sequence, e, previousHash))));

    // One field per line, in a fixed order and format, so the seal does not depend on culture or serializer.
    private static string Text(long sequence, AccessEntry e, string previousHash) => string.Join('\n',
        sequence.ToString(CultureInfo.InvariantCulture), previousHash,
        InstantPattern.ExtendedIso.Format(e.At), e.User, e.Role, e.Organisation, e.Patient,
        e.Kind.Word(), e.What, e.From);
}
