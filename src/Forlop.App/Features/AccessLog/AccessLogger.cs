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
            // The provider from the target the context was made by: EF's IsNpgsql() reads the provider assembly's
            // version each time, a visible cost on a path every list page takes (bench/load.sh profile).
            var provider = db.Target?.Provider ?? (db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite);
            if (provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync("LOCK TABLE access_log IN EXCLUSIVE MODE", ct);
            }
            var last = await db.AccessLog.AsNoTracking().OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
            var sequence = last?.Sequence ?? 0;
            var previous = last?.Hash ?? AccessLogChain.Genesis;
            var seal = SealOf(db);
            seal.AdoptIfNew(sequence, previous, entries[0].At);
            // Written as the import writes rows (one prepared statement on SQLite, COPY on PostgreSQL): a list view logs one
            // entry per patient shown, and per-row ADO.NET inserts held the write gate most of the time under load
            // (bench/load.sh, docs/performance.md).
            var rows = new List<AccessLogEntity>(entries.Count);
            foreach (var entry in entries)
            {
                var sealedEntry = AccessLogChain.Seal(++sequence, entry, previous, seal.Key);
                rows.Add(ToEntity(sealedEntry));
                previous = sealedEntry.Hash;
            }
            var transaction = db.Database.CurrentTransaction!;
            await RegistryWriter.For(provider, db.Database.GetDbConnection(), transaction.GetDbTransaction()).WriteAccessLogAsync(rows, ct);
            // Vouched for outside the database once the transaction commits (AccessLogHeadInterceptor).
            db.PendingAccessLogHead = (transaction.TransactionId, sequence, previous);
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

    private static AccessLogSeal SealOf(RegistryDb db) =>
        db.Target?.Seal ?? throw new InvalidOperationException("this database context was not made by DatabaseTarget, so it has no access-log seal");

    /// <summary>
    /// Checks every seal and the checkpoints kept beside the key; null when whole, else where the evidence breaks.
    /// The checkpoints are read before the entries: a head recorded after that read then never claims entries the read missed.
    /// </summary>
    public static async Task<AccessLogVerification> VerifyAsync(RegistryDb db, CancellationToken ct)
    {
        var seal = SealOf(db);
        var newest = await db.AccessLog.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        seal.AdoptIfNew(newest?.Sequence ?? 0, newest?.Hash ?? AccessLogChain.Genesis, SystemClock.Instance.GetCurrentInstant());
        var (checkpoints, problem) = seal.Read();
        var entries = await ReadAsync(db, null, ct);
        if (problem is not null)
        {
            return new AccessLogVerification(false, entries.Count, checkpoints.Count == 0 ? 1 : checkpoints[^1].Sequence, problem);
        }
        var broken = AccessLogChain.Verify(entries, seal.Key, checkpoints);
        return new AccessLogVerification(broken is null, entries.Count, broken?.Sequence, broken?.Problem);
    }

    public static async Task<List<SealedAccessEntry>> ReadAsync(RegistryDb db, string? patient, CancellationToken ct)
    {
        var query = patient is null ? db.AccessLog.AsNoTracking() : await AccessLogPatients.EntriesOfAsync(db, patient, ct);
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
        Kind = s.Entry.Kind.Word(),
        What = s.Entry.What,
        From = s.Entry.From,
        PreviousHash = s.PreviousHash,
        Hash = s.Hash,
    };

    private static SealedAccessEntry FromEntity(AccessLogEntity e) => new(
        e.Sequence,
        new AccessEntry(Instant.FromDateTimeUtc(DateTime.SpecifyKind(e.At, DateTimeKind.Utc)), e.User, e.Role, e.Organisation, e.Patient,
            AccessKinds.Parse(e.Kind), e.What, e.From),
        e.PreviousHash,
        e.Hash);
}
