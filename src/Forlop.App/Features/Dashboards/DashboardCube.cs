using System.Data;
using System.Data.Common;
using System.Globalization;
using Forlop.App.Data;
using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Forlop.App.Features.Dashboards;

/// <summary>
/// The dashboards' figures kept in memory: per pathway × organisation × month, counted from the stored episodes and
/// their measured intervals (docs/decisions/0008-dashboard-cube.md). Every read first asks the registry for its newest
/// event id (one indexed look-up); when it has moved, the patients with newer events are counted again — their old
/// episodes taken out, their current ones put in — so a registration or an import shows at the next read. A change
/// that touches many patients (a large import) counts everything again. One per registry, shared by all requests.
/// <code>
/// var snapshot = await cube.CurrentAsync(db, ct);
/// var grid = snapshot.Grid(new YearMonth(2024, 1), 12, OrganisationLevel.Hf, IndicatorFilter.None);
/// </code>
/// </summary>
public sealed class DashboardCube(PathwayCatalogue pathways, IndicatorCatalogue indicators) : IDisposable
{
    // Above this many changed patients, counting everything again is about as quick as finding their old episodes.
    private const int MostPatientsCountedAgain = 20_000;

    private readonly DashboardIndicators _indicators = DashboardIndicators.From(indicators, pathways);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DashboardTally _tally = new();
    private volatile DashboardSnapshot? _snapshot;
    private string? _connectionString;

    public void Dispose() => _gate.Dispose();

    /// <summary>How the figures were last brought up to date (for the benchmark and the logs).</summary>
    public DashboardRefresh? LastRefresh { get; private set; }

    /// <summary>The figures as the registry stands now: the kept snapshot when no event has come since, else a new one.</summary>
    public async Task<DashboardSnapshot> CurrentAsync(RegistryDb db, CancellationToken ct)
    {
        CheckSameRegistry(db);
        var snapshot = _snapshot;
        if (snapshot is not null && snapshot.RegistryVersion == await NewestEventAsync(db, ct))
        {
            return snapshot;
        }
        await _gate.WaitAsync(ct);
        try
        {
            return await RefreshAsync(db, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void CheckSameRegistry(RegistryDb db)
    {
        var connection = db.Database.GetConnectionString() ?? "";
        var known = Interlocked.CompareExchange(ref _connectionString, connection, null) ?? connection;
        if (!string.Equals(known, connection, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("a dashboard cube counts one registry; this is another database");
        }
    }

    private static Task<long> NewestEventAsync(RegistryDb db, CancellationToken ct) => RegistryVersion.NewestEventAsync(db, ct);

    private async Task<DashboardSnapshot> RefreshAsync(RegistryDb db, CancellationToken ct)
    {
        using var activity = Operations.Telemetry.Source.StartActivity("dashboard-cube refresh");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            while (true)
            {
                var reader = CubeReader.Over(db.Database.GetDbConnection());
                // One snapshot of the registry for all the reads: WAL on SQLite, repeatable read on PostgreSQL.
                await using var transaction = reader.Begin();
                var newest = await reader.ScalarAsync(DashboardCubeSql.NewestEvent, ct);
                var kept = _snapshot;
                if (kept is not null && kept.RegistryVersion == newest)
                {
                    return kept;
                }
                DashboardRefresh refresh;
                var patients = kept is null ? null : await reader.PatientsWithEventsAfterAsync(kept.RegistryVersion, MostPatientsCountedAgain, ct);
                if (patients is null)
                {
                    if (!await LoadAllAsync(db, reader, newest, ct))
                    {
                        // A write committed between the two connections' snapshots: read again.
                        continue;
                    }
                    refresh = new DashboardRefresh(true, _tally.Episodes, TimeSpan.Zero);
                }
                else
                {
                    var changed = await CountAgainAsync(reader, patients, ct);
                    refresh = new DashboardRefresh(false, changed, TimeSpan.Zero);
                }
                var snapshot = new DashboardSnapshot(newest, _tally, _indicators, pathways);
                _snapshot = snapshot;
                LastRefresh = refresh with { Took = System.Diagnostics.Stopwatch.GetElapsedTime(started) };
                var kind = new KeyValuePair<string, object?>("kind", refresh.Everything ? "everything" : "changed");
                Operations.Telemetry.CubeRefreshDuration.Record(LastRefresh.Took.TotalSeconds, kind);
                Operations.Telemetry.CubeEpisodesCounted.Add(refresh.Episodes, kind);
                activity?.SetTag("forlop.cube.kind", kind.Value);
                activity?.SetTag("forlop.cube.episodes", refresh.Episodes);
                return snapshot;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Counts every stored episode with its counted intervals. The intervals are read at the same time on a second
    /// connection (most of a cold start is waiting on the two reads); false when its snapshot is not the first's.
    /// </summary>
    private async Task<bool> LoadAllAsync(RegistryDb db, CubeReader reader, long newest, CancellationToken ct)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = failed.Token;
        var intervalsRead = Task.Run(async () =>
        {
            await using var connection = CubeReader.NewConnection(db);
            await connection.OpenAsync(token);
            var second = CubeReader.Over(connection);
            await using var transaction = second.Begin();
            var seen = await second.ScalarAsync(DashboardCubeSql.NewestEvent, token);
            var rows = new List<IntervalRow>();
            await foreach (var row in second.AllIntervalsAsync(_indicators.Interval, token))
            {
                rows.Add(row);
            }
            return (seen, rows);
        }, token);
        var ids = new List<long>();
        var tallies = new List<EpisodeTally>();
        var seniority = new List<LocalDate>();
        try
        {
            await foreach (var (id, slot, episode) in reader.AllEpisodesAsync(_tally, ct))
            {
                ids.Add(id);
                tallies.Add(DashboardTally.Tally(slot, _indicators.Count(episode)));
                seniority.Add(episode.SeniorityDate);
            }
        }
        catch
        {
            // Not leave the second connection reading.
            await failed.CancelAsync();
            await ((Task)intervalsRead).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        var (seen, intervals) = await intervalsRead;
        if (seen != newest)
        {
            return false;
        }
        var idArray = ids.ToArray();
        var tallyArray = tallies.ToArray();
        var seniorityArray = seniority.ToArray();
        if (!IsSorted(idArray))
        {
            // PostgreSQL gives heap order; one sort here is cheaper than ORDER BY on the server.
            var order = Enumerable.Range(0, idArray.Length).ToArray();
            Array.Sort((long[])idArray.Clone(), order);
            idArray = order.Select(i => ids[i]).ToArray();
            tallyArray = order.Select(i => tallies[i]).ToArray();
            seniorityArray = order.Select(i => seniority[i]).ToArray();
        }
        var more = new Dictionary<long, List<IntervalTally>>();
        foreach (var interval in intervals)
        {
            var i = Array.BinarySearch(idArray, interval.EpisodeId);
            if (i < 0 || Counted(interval, _tally.Slots[tallyArray[i].Slot], seniorityArray[i]) is not { } c)
            {
                continue;
            }
            if (tallyArray[i].IntervalCount == IntervalCount.NotCounted)
            {
                tallyArray[i].Set(c);
            }
            else
            {
                (more.TryGetValue(interval.EpisodeId, out var list) ? list : more[interval.EpisodeId] = []).Add(c);
            }
        }
        _tally.Load(idArray, tallyArray, more);
        return true;
    }

    /// <summary>Takes the changed patients' old episodes out and puts their current ones in; returns how many episodes changed.</summary>
    private async Task<int> CountAgainAsync(CubeReader reader, List<long> patients, CancellationToken ct)
    {
        var changed = 0;
        // Episode ids are the root ids of their start events: the patients' events name every episode they had.
        foreach (var root in await reader.RootsOfAsync(patients, ct))
        {
            if (_tally.Remove(root))
            {
                changed++;
            }
        }
        var current = new Dictionary<long, (EpisodeTally Tally, LocalDate Seniority, List<IntervalTally>? More)>();
        await foreach (var (id, slot, episode) in reader.EpisodesAsync(patients, _tally, ct))
        {
            current[id] = (DashboardTally.Tally(slot, _indicators.Count(episode)), episode.SeniorityDate, null);
        }
        await foreach (var interval in reader.IntervalsAsync(_indicators.Interval, patients, ct))
        {
            if (!current.TryGetValue(interval.EpisodeId, out var entry) || Counted(interval, _tally.Slots[entry.Tally.Slot], entry.Seniority) is not { } c)
            {
                continue;
            }
            if (entry.Tally.IntervalCount == IntervalCount.NotCounted)
            {
                entry.Tally.Set(c);
            }
            else
            {
                (entry.More ??= []).Add(c);
            }
            current[interval.EpisodeId] = entry;
        }
        foreach (var (id, entry) in current)
        {
            _tally.Add(id, entry.Tally, entry.More);
            changed++;
        }
        return changed;
    }

    private IntervalTally? Counted(IntervalRow row, TallySlot slot, LocalDate seniority)
    {
        // The interval is counted where its episode is (IndicatorFactsQuery joins them the same way).
        var facts = new IntervalFacts(row.EpisodeId, slot.Pathway, slot.Unit, slot.Hf, slot.Rhf, _indicators.Interval, row.Reached, row.Length, seniority, row.Treatment);
        var (count, unverified) = _indicators.Measure(facts);
        return count == IntervalCount.NotCounted ? null : DashboardTally.Interval(row.Reached, count, row.Treatment, unverified);
    }

    private static bool IsSorted(long[] ids)
    {
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i - 1] >= ids[i])
            {
                return false;
            }
        }
        return true;
    }
}
