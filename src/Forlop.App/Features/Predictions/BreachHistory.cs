using System.Data;
using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Hosting;
using Forlop.Domain.Catalogue;
using Forlop.Domain.PathwayTimes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Forlop.App.Features.Predictions;

/// <summary>
/// The interval histories as the registry stood at <see cref="RegistryVersion"/> (its newest event id): per pathway, HF
/// and interval, and per pathway and interval nationally. Immutable; a newer registry gets a new snapshot.
/// </summary>
public sealed class BreachHistorySnapshot
{
    private readonly IReadOnlyDictionary<string, IntervalHistory> _histories;

    internal BreachHistorySnapshot(long registryVersion, IReadOnlyDictionary<string, IntervalHistory> histories)
    {
        RegistryVersion = registryVersion;
        _histories = histories;
    }

    public long RegistryVersion { get; }

    /// <summary>The lengths of an interval reached on a pathway at an HF, or nationally when <paramref name="hf"/> is null.</summary>
    public IntervalHistory Of(string pathway, string? hf, string interval) => _histories.GetValueOrDefault(Key(pathway, hf, interval)) ?? IntervalHistory.Empty;

    internal static string Key(string pathway, string? hf, string interval) => string.Concat(pathway, "|", hf, "|", interval);
}

/// <summary>
/// The history predicted breaches draw on (decision 0026), kept in memory like the dashboard cube: every reached interval
/// of a pathway measured in days, from the stored <c>episode_intervals</c>. Every read first asks the registry for its newest
/// event id (one indexed look-up); when it has moved, the patients with newer events are counted again — their earlier
/// intervals taken out of the histories, their current ones put in — so a registration changes the predictions at the
/// next read. A change that touches many patients (a large import) reads everything again. One per registry.
/// </summary>
public sealed class BreachHistory(PathwayCatalogue catalogue) : IDisposable
{
    // Above this many changed patients, reading everything again is about as quick as reading theirs.
    private const int MostPatientsCountedAgain = 20_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<long, Contribution[]> _byPatient = [];
    private readonly Dictionary<string, int> _keyIndex = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];
    private volatile BreachHistorySnapshot? _snapshot;
    private Dictionary<string, IntervalHistory> _histories = new(StringComparer.Ordinal);

    /// <summary>One reached interval of a patient, counted in its HF's and the nation's history of the pathway.</summary>
    private readonly record struct Contribution(int HfKey, int NationalKey, int Length);

    public void Dispose() => _gate.Dispose();

    /// <summary>How the histories were last brought up to date (for the logs): everything read, or the changed patients only.</summary>
    public (bool Everything, int Patients, TimeSpan Took)? LastRefresh { get; private set; }

    /// <summary>The histories as the registry stands now: the kept snapshot when no event has come since, else a new one.</summary>
    public async Task<BreachHistorySnapshot> CurrentAsync(RegistryDb db, CancellationToken ct)
    {
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
        catch
        {
            // Half counted: the next read counts everything again rather than keep lengths no patient accounts for.
            _snapshot = null;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<BreachHistorySnapshot> RefreshAsync(RegistryDb db, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // Read the version first: a registration committed while the rows are read is read again next time, and
        // counting a patient again replaces what was counted for them.
        var newest = await NewestEventAsync(db, ct);
        var kept = _snapshot;
        if (kept is not null && kept.RegistryVersion == newest)
        {
            return kept;
        }
        List<long>? patients = null;
        if (kept is not null)
        {
            var changed = new HashSet<long>();
            await foreach (var patient in db.Events.AsNoTracking().Where(e => e.Id > kept.RegistryVersion).Select(e => e.PatientId).AsAsyncEnumerable().WithCancellation(ct))
            {
                if (changed.Add(patient) && changed.Count > MostPatientsCountedAgain)
                {
                    break;
                }
            }
            patients = changed.Count > MostPatientsCountedAgain ? null : [.. changed];
        }
        var histories = patients is null ? new Dictionary<string, IntervalHistory>(StringComparer.Ordinal) : new Dictionary<string, IntervalHistory>(_histories, StringComparer.Ordinal);
        if (patients is null)
        {
            _byPatient.Clear();
            var lengths = new Dictionary<int, List<int>>();
            await foreach (var (patient, contribution) in ReadAsync(db, null, ct))
            {
                Remember(patient, contribution);
                (lengths.TryGetValue(contribution.HfKey, out var h) ? h : lengths[contribution.HfKey] = []).Add(contribution.Length);
                (lengths.TryGetValue(contribution.NationalKey, out var n) ? n : lengths[contribution.NationalKey] = []).Add(contribution.Length);
            }
            foreach (var (key, list) in lengths)
            {
                histories[_keys[key]] = IntervalHistory.Of(list);
            }
        }
        else if (patients.Count > 0)
        {
            foreach (var patient in patients)
            {
                if (_byPatient.Remove(patient, out var earlier))
                {
                    foreach (var c in earlier)
                    {
                        Change(histories, c.HfKey, h => h.Without(c.Length));
                        Change(histories, c.NationalKey, h => h.Without(c.Length));
                    }
                }
            }
            await foreach (var (patient, c) in ReadAsync(db, patients, ct))
            {
                Remember(patient, c);
                Change(histories, c.HfKey, h => h.With(c.Length));
                Change(histories, c.NationalKey, h => h.With(c.Length));
            }
        }
        _histories = histories;
        var snapshot = new BreachHistorySnapshot(newest, histories);
        _snapshot = snapshot;
        LastRefresh = (patients is null, patients?.Count ?? _byPatient.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return snapshot;
    }

    private void Change(Dictionary<string, IntervalHistory> histories, int key, Func<IntervalHistory, IntervalHistory> change)
    {
        var name = _keys[key];
        histories[name] = change(histories.GetValueOrDefault(name) ?? IntervalHistory.Empty);
    }

    private void Remember(long patient, Contribution contribution)
    {
        _byPatient[patient] = _byPatient.TryGetValue(patient, out var earlier) ? [.. earlier, contribution] : [contribution];
    }

    private async IAsyncEnumerable<(long Patient, Contribution Contribution)> ReadAsync(RegistryDb db, List<long>? patients,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var intervals = db.EpisodeIntervals.AsNoTracking();
        if (patients is not null)
        {
            intervals = intervals.Where(i => patients.Contains(i.PatientId));
        }
        var rows = from i in intervals
                   join e in db.Episodes on i.EpisodeId equals e.Id
                   select new { i.PatientId, e.Pathway, e.Hf, i.IntervalId, i.Length };
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            // Pathways measured in minutes (stroke) have no running interval to predict.
            if (row.Length is < 0 or > int.MaxValue || catalogue.Pathway(row.Pathway) is not { Unit: TimeUnit.Days })
            {
                continue;
            }
            yield return (row.PatientId, new Contribution(KeyOf(row.Pathway, row.Hf, row.IntervalId), KeyOf(row.Pathway, null, row.IntervalId), (int)row.Length));
        }
    }

    private int KeyOf(string pathway, string? hf, string interval)
    {
        var key = BreachHistorySnapshot.Key(pathway, hf, interval);
        if (!_keyIndex.TryGetValue(key, out var index))
        {
            index = _keys.Count;
            _keys.Add(key);
            _keyIndex[key] = index;
        }
        return index;
    }

    private static Task<long> NewestEventAsync(RegistryDb db, CancellationToken ct) => RegistryVersion.NewestEventAsync(db, ct);
}

/// <summary>Registers the one history a web host's registry needs, read once at start so the first tracking list does not wait.</summary>
public static class BreachHistoryRegistration
{
    public static IServiceCollection AddBreachHistory(this IServiceCollection services) =>
        services.AddSingleton<BreachHistory>().AddStartUpWarmUp<BreachHistoryWarmUp>();
}

/// <summary>Reads the intervals of the registry's history once when the web host starts, after the dashboard's cube.</summary>
internal sealed class BreachHistoryWarmUp(BreachHistory history) : IStartUpWarmUp
{
    public string Name => "Breach history";

    public async Task<string> WarmAsync(RegistryDb db, CancellationToken ct)
    {
        await history.CurrentAsync(db, ct);
        return history.LastRefresh is { } refresh
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the intervals of {refresh.Patients} patients read in {refresh.Took.TotalSeconds:0.0} s")
            : "already read";
    }
}
