using Forlop.App.Data;
using Forlop.App.Features.Import;
using Forlop.Domain.AccessLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Forlop.App.Features.AccessLog;

/// <summary>
/// Appends sealed entries to the access log, one writer at a time: the next entry must build on the newest seal,
/// so appending takes the table's write lock (PostgreSQL) or the database's (SQLite) for its short transaction.
/// </summary>
public static class AccessLogger
{
    public static Task AppendAsync(RegistryDb db, AccessEntry entry, CancellationToken ct) => AppendAsync(db, [entry], ct);

    /// <summary>
    /// Seals and stores entries in order. Inside a transaction the caller already holds (a change and its log entry
    /// commit together), it joins it; otherwise it uses its own.
    /// </summary>
    public static async Task AppendAsync(RegistryDb db, IReadOnlyList<AccessEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("LOCK TABLE access_log IN EXCLUSIVE MODE", ct);
            }
            var last = await db.AccessLog.AsNoTracking().OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
            var sequence = last?.Sequence ?? 0;
            var previous = last?.Hash ?? AccessLogChain.Genesis;
            // Written as the import writes rows (one prepared statement on SQLite, COPY on PostgreSQL): a list view logs one
            // entry per patient shown, and per-row ADO.NET inserts held the write gate most of the time under load
            // (bench/load.sh, docs/performance.md).
            var rows = new List<AccessLogEntity>(entries.Count);
            foreach (var entry in entries)
            {
                var sealedEntry = AccessLogChain.Seal(++sequence, entry, previous);
                rows.Add(ToEntity(sealedEntry));
                previous = sealedEntry.Hash;
            }
            var provider = db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
            await RegistryWriter.For(provider, db.Database.GetDbConnection(), db.Database.CurrentTransaction!.GetDbTransaction()).WriteAccessLogAsync(rows, ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
            db.ChangeTracker.Clear();
        }
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
