using Forlop.App.Data;
using Forlop.Domain.AccessLog;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.AccessLog;

/// <summary>
/// Appends sealed entries to the access log, one writer at a time: the next entry must build on the newest seal,
/// so appending takes the table's write lock (PostgreSQL) or the database's (SQLite) for its short transaction.
/// </summary>
public static class AccessLogger
{
    public static async Task AppendAsync(RegistryDb db, AccessEntry entry, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (postgres)
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE access_log IN EXCLUSIVE MODE", ct);
        }
        var last = await db.AccessLog.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        var sealedEntry = AccessLogChain.Seal((last?.Sequence ?? 0) + 1, entry, last?.Hash ?? AccessLogChain.Genesis);
        db.AccessLog.Add(ToEntity(sealedEntry));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    public static async Task<List<SealedAccessEntry>> ReadAsync(RegistryDb db, string? patient, CancellationToken ct)
    {
        var query = db.AccessLog.AsNoTracking();
        if (patient is not null)
        {
            query = query.Where(e => e.Patient == patient);
        }
        return (await query.OrderBy(e => e.Sequence).ToListAsync(ct)).Select(FromEntity).ToList();
    }

    private static AccessLogEntity ToEntity(SealedAccessEntry s) => new()
    {
        Sequence = s.Sequence,
        At = s.Entry.At.ToDateTimeUtc(),
        User = s.Entry.User,
        Role = s.Entry.Role,
        Organisation = s.Entry.Organisation,
        Patient = s.Entry.Patient,
        Kind = s.Entry.Kind == AccessKind.Read ? "read" : "change",
        What = s.Entry.What,
        From = s.Entry.From,
        PreviousHash = s.PreviousHash,
        Hash = s.Hash,
    };

    private static SealedAccessEntry FromEntity(AccessLogEntity e) => new(
        e.Sequence,
        new AccessEntry(Instant.FromDateTimeUtc(DateTime.SpecifyKind(e.At, DateTimeKind.Utc)), e.User, e.Role, e.Organisation, e.Patient,
            e.Kind == "read" ? AccessKind.Read : AccessKind.Change, e.What, e.From),
        e.PreviousHash,
        e.Hash);
}
