using System.Runtime.CompilerServices;
using Forlop.App.Data;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Indicators;

/// <summary>
/// The suppressed publication scopes (a year of one indicator at one threshold) computed last, kept until the registry
/// changes: suppressing a year of national figures takes seconds, and the public page and API ask for it often.
/// </summary>
/// <remarks>
/// The registry's state is read as a stamp on every request: the newest event (imports, registrations, corrections
/// and withdrawals all append one), the period locks and the imported new cancer cases. A changed stamp computes the
/// scope again. Kept per catalogue (tests run several in one process) and per database.
/// </remarks>
public sealed class PublicScopeCache
{
    private const int MaxEntries = 64;

    /// <summary>The process's cache: the web host's requests and a command's calls share it.</summary>
    public static PublicScopeCache Shared { get; } = new();

    private readonly ConditionalWeakTable<PathwayCatalogue, Dictionary<(string Database, string Indicator, string Year, int MinCount), Entry>> byCatalogue = [];

    private sealed record Entry(string Stamp, IndicatorDefinition Definition, Task<Scope> Scope);

    // How many scopes were computed per database: what the warm-up saves a reader is visible (PublicFiguresWarmUpTests).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> computed = new(StringComparer.Ordinal);

    /// <summary>Scopes computed so far for the database of <paramref name="connectionString"/> (each miss of the cache counts once).</summary>
    public int ComputedFor(string connectionString) => computed.GetValueOrDefault(connectionString);

    /// <summary>The suppressed cubes of a scope's periods and each period's lock (null when not locked), in the scope's order.</summary>
    public sealed record Scope(IReadOnlyList<IndicatorCube> Cubes, IReadOnlyList<PeriodLockInfo?> Locks);

    /// <summary>What the public figures depend on in the database, read cheaply (indexed maxima and counts).</summary>
    public static async Task<string> StampAsync(RegistryDb db, CancellationToken ct)
    {
        var events = await db.Events.MaxAsync(e => (long?)e.Id, ct);
        var locks = await db.PeriodLocks.CountAsync(ct);
        var lockedAt = await db.PeriodLocks.MaxAsync(l => (DateTime?)l.LockedAt, ct);
        var newCases = await db.NewCancerCases.MaxAsync(c => (long?)c.Id, ct);
        var newCaseRows = await db.NewCancerCases.CountAsync(ct);
        return FormattableString.Invariant($"{events}|{locks}|{lockedAt:O}|{newCases}|{newCaseRows}");
    }

    public async Task<Scope> GetOrAddAsync(PathwayCatalogue catalogue, RegistryDb db, IndicatorDefinition definition, ReportingPeriod year, int minCount, string stamp,
        Func<Task<(IReadOnlyList<IndicatorCube> Cubes, IReadOnlyList<PeriodLockInfo?> Locks)>> compute)
    {
        var entries = byCatalogue.GetValue(catalogue, _ => []);
        var key = (db.Database.GetConnectionString() ?? "", definition.Id, year.Text, minCount);
        Task<Scope> task;
        lock (entries)
        {
            if (entries.TryGetValue(key, out var entry) && entry.Stamp == stamp && ReferenceEquals(entry.Definition, definition) && !entry.Scope.IsFaulted && !entry.Scope.IsCanceled)
            {
                task = entry.Scope;
            }
            else
            {
                if (entries.Count >= MaxEntries)
                {
                    entries.Clear();
                }
                task = ComputeAsync(compute);
                entries[key] = new Entry(stamp, definition, task);
                computed.AddOrUpdate(key.Item1, 1, (_, n) => n + 1);
            }
        }
        return await task;
    }

    private static async Task<Scope> ComputeAsync(Func<Task<(IReadOnlyList<IndicatorCube> Cubes, IReadOnlyList<PeriodLockInfo?> Locks)>> compute)
    {
        var (cubes, locks) = await compute();
        return new Scope(cubes, locks);
    }
}
