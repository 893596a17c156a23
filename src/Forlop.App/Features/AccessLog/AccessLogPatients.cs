using Forlop.App.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.AccessLog;

/// <summary>
/// Who has seen a patient's data: the access log's entries that name her (Normen: a patient may see who read her
/// record). On PostgreSQL the log's index on patient finds them. On SQLite that index is not kept: each entry wrote a
/// random page of it inside the commit every page view waits for (decision 0034). There the entries are found through
/// <see cref="AccessLogPatientLookup"/> up to its mark and in the log itself after it, so an entry is found from the
/// moment it is committed, whatever the lookup has caught up with.
/// </summary>
public static class AccessLogPatients
{
    /// <summary>The patient's entries, as a query the caller may filter, order and page further.</summary>
    public static async Task<IQueryable<AccessLogEntity>> EntriesOfAsync(RegistryDb db, string patient, CancellationToken ct)
    {
        var log = db.AccessLog.AsNoTracking();
        if (db.Target?.PatientLookup is not { } lookup)
        {
            return log.Where(e => e.Patient == patient);
        }
        AccessLogPatientLookup.Indexed indexed;
        try
        {
            indexed = lookup.Read(patient);
        }
        catch (SqliteException)
        {
            // Derived data that cannot be read (a damaged or foreign file; the indexer logs why and rebuilds it) never
            // keeps a patient from her access log: the log itself is read.
            indexed = new(0, "", []);
        }
        var mark = indexed.Mark;
        IReadOnlyList<long> sequences = indexed.Sequences;
        // The lookup is trusted only for the log it was taken from: the entry at its mark must carry the seal it noted
        // (a registry restored from a backup does not, and is then read from the log alone until the lookup starts over).
        if (mark > 0 && await log.Where(e => e.Sequence == mark).Select(e => e.Hash).FirstOrDefaultAsync(ct) != indexed.MarkHash)
        {
            mark = 0;
            sequences = [];
        }
        // One JSON parameter for the list, however long (EF Core 10 would otherwise expand it into a parameter each).
        return log.Where(e => EF.Parameter(sequences).Contains(e.Sequence))
            .Concat(log.Where(e => e.Sequence > mark && e.Patient == patient));
    }
}
