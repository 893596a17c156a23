using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Forlop.App.Data;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Registry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NodaTime;

namespace Forlop.App.Features.Dashboards;

/// <summary>
/// The dashboards' figures kept in memory: per pathway × organisation × month, counted from the stored episodes and
/// their measured intervals (docs/decisions/0006-dashboard-cube.md). Every read first asks the registry for its newest
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

    private static async Task<long> NewestEventAsync(RegistryDb db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = Sql.NewestEvent;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private async Task<DashboardSnapshot> RefreshAsync(RegistryDb db, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var reader = new Reader(db);
            // One snapshot of the registry for all the reads: WAL on SQLite, repeatable read on PostgreSQL.
            await using var transaction = reader.Begin();
            var newest = await reader.ScalarAsync(Sql.NewestEvent, ct);
            var kept = _snapshot;
            if (kept is not null && kept.RegistryVersion == newest)
            {
                return kept;
            }
            DashboardRefresh refresh;
            var patients = kept is null ? null : await reader.PatientsWithEventsAfterAsync(kept.RegistryVersion, ct);
            if (patients is null || patients.Count > MostPatientsCountedAgain)
            {
                await LoadAllAsync(reader, ct);
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
            return snapshot;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Counts every stored episode: read in id order with their counted intervals.</summary>
    private async Task LoadAllAsync(Reader reader, CancellationToken ct)
    {
        var ids = new List<long>();
        var tallies = new List<EpisodeTally>();
        var facts = new List<(string Pathway, LocalDate Seniority)>();
        await foreach (var (id, episode) in reader.EpisodesAsync(Sql.AllEpisodes, null, ct))
        {
            ids.Add(id);
            tallies.Add(DashboardTally.Tally(_tally.Slot(episode.Pathway, episode.Unit, episode.Hf, episode.Rhf), _indicators.Count(episode)));
            facts.Add((episode.Pathway, episode.SeniorityDate));
        }
        var idArray = ids.ToArray();
        var tallyArray = tallies.ToArray();
        if (!IsSorted(idArray))
        {
            // PostgreSQL gives heap order; one sort here is cheaper than ORDER BY on the server.
            var order = Enumerable.Range(0, idArray.Length).ToArray();
            Array.Sort((long[])idArray.Clone(), order);
            idArray = order.Select(i => ids[i]).ToArray();
            tallyArray = order.Select(i => tallies[i]).ToArray();
            facts = order.Select(i => facts[i]).ToList();
        }
        var more = new Dictionary<long, List<IntervalTally>>();
        await foreach (var interval in reader.IntervalsAsync(Sql.AllIntervals, _indicators.Interval, null, ct))
        {
            var i = Array.BinarySearch(idArray, interval.EpisodeId);
            if (i < 0)
            {
                continue;
            }
            var slot = _tally.Slots[tallyArray[i].Slot];
            var counted = Counted(interval, slot, facts[i].Seniority);
            if (counted is { } c)
            {
                if (tallyArray[i].IntervalCount == IntervalCount.NotCounted)
                {
                    tallyArray[i].Set(c);
                }
                else
                {
                    (more.TryGetValue(interval.EpisodeId, out var list) ? list : more[interval.EpisodeId] = []).Add(c);
                }
            }
        }
        _tally.Load(idArray, tallyArray, more);
    }

    /// <summary>Takes the changed patients' old episodes out and puts their current ones in; returns how many episodes changed.</summary>
    private async Task<int> CountAgainAsync(Reader reader, List<long> patients, CancellationToken ct)
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
        await foreach (var (id, episode) in reader.EpisodesAsync(Sql.EpisodesOf, patients, ct))
        {
            current[id] = (DashboardTally.Tally(_tally.Slot(episode.Pathway, episode.Unit, episode.Hf, episode.Rhf), _indicators.Count(episode)), episode.SeniorityDate, null);
        }
        await foreach (var interval in reader.IntervalsAsync(Sql.IntervalsOf, _indicators.Interval, patients, ct))
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
        var facts = new IntervalFacts(row.EpisodeId, slot.Pathway, slot.Unit, slot.Hf, slot.Rhf, row.Interval, row.Reached, row.Length, seniority, row.Treatment);
        var count = _indicators.Count(facts);
        return count == IntervalCount.NotCounted ? null : DashboardTally.Interval(row.Reached, count, row.Treatment);
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

    private readonly record struct IntervalRow(long EpisodeId, string Interval, LocalDate Reached, long Length, TreatmentType Treatment);

    /// <summary>The statements the cube runs, pinned by tests (tests/Forlop.App.Tests/Features/Dashboards).</summary>
    internal static class Sql
    {
        public const string NewestEvent = "SELECT COALESCE(MAX(id), 0) FROM events";

        private const string EpisodeColumns =
            "SELECT id, pathway, unit, hf, rhf, start_date, seniority_date, transferred_from_id, state, end_date, treatment_type, treatment_date FROM episodes";

        private const string IntervalColumns = "SELECT episode_id, interval_id, to_date, length, treatment_type FROM episode_intervals WHERE interval_id = @interval";

        public const string AllEpisodes = EpisodeColumns;
        public const string AllIntervals = IntervalColumns;
        public const string PatientsWithEventsAfter = "SELECT DISTINCT patient_id FROM events WHERE id > @after";
        // The patient ids: a JSON array on SQLite (json_each), a bigint[] on PostgreSQL.
        public const string EpisodesOfSqlite = EpisodeColumns + " WHERE patient_id IN (SELECT value FROM json_each(@patients))";
        public const string EpisodesOfPostgres = EpisodeColumns + " WHERE patient_id = ANY(@patients)";
        public const string IntervalsOfSqlite = IntervalColumns + " AND patient_id IN (SELECT value FROM json_each(@patients))";
        public const string IntervalsOfPostgres = IntervalColumns + " AND patient_id = ANY(@patients)";
        public const string RootsOfSqlite = "SELECT DISTINCT root_id FROM events WHERE patient_id IN (SELECT value FROM json_each(@patients))";
        public const string RootsOfPostgres = "SELECT DISTINCT root_id FROM events WHERE patient_id = ANY(@patients)";

        public const string EpisodesOf = nameof(EpisodesOf);
        public const string IntervalsOf = nameof(IntervalsOf);
    }

    /// <summary>Reads rows for the cube over the context's open connection, in one transaction, mapping them as IndicatorFactsQuery does.</summary>
    private sealed class Reader(RegistryDb db)
    {
        private readonly DbConnection _connection = db.Database.GetDbConnection();
        private readonly bool _sqlite = db.Database.GetDbConnection() is SqliteConnection;
        private readonly Dictionary<string, EpisodeState> _states = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TreatmentType> _treatments = new(StringComparer.Ordinal);
        private DbTransaction? _transaction;

        public DbTransaction Begin()
        {
            // Deferred on SQLite: a read transaction must not take the write lock from an import.
            _transaction = _connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: true)
                : _connection.BeginTransaction(IsolationLevel.RepeatableRead);
            return _transaction;
        }

        public async Task<long> ScalarAsync(string sql, CancellationToken ct)
        {
            await using var command = Command(sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        public async Task<List<long>> PatientsWithEventsAfterAsync(long after, CancellationToken ct)
        {
            await using var command = Command(Sql.PatientsWithEventsAfter);
            Parameter(command, "@after", after);
            return await LongsAsync(command, ct);
        }

        public async Task<List<long>> RootsOfAsync(List<long> patients, CancellationToken ct)
        {
            await using var command = Command(_sqlite ? Sql.RootsOfSqlite : Sql.RootsOfPostgres);
            Patients(command, patients);
            return await LongsAsync(command, ct);
        }

        public async IAsyncEnumerable<(long Id, EpisodeFacts Episode)> EpisodesAsync(string sql, List<long>? patients,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            await using var command = Command(patients is null ? sql : _sqlite ? Sql.EpisodesOfSqlite : Sql.EpisodesOfPostgres);
            if (patients is not null)
            {
                Patients(command, patients);
            }
            await using var rows = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await rows.ReadAsync(ct))
            {
                var id = rows.GetInt64(0);
                // The decision is not read: none of the dashboard's indicators counts it.
                yield return (id, new EpisodeFacts(id, rows.GetString(1), rows.GetString(2), rows.GetString(3), rows.GetString(4),
                    Date(rows, 5), Date(rows, 6), !rows.IsDBNull(7), State(rows.GetString(8)),
                    rows.IsDBNull(9) ? null : Date(rows, 9),
                    rows.IsDBNull(10) ? TreatmentType.None : Treatment(rows.GetString(10)),
                    rows.IsDBNull(11) ? null : Date(rows, 11),
                    DecisionKind.None, null));
            }
        }

        public async IAsyncEnumerable<IntervalRow> IntervalsAsync(string sql, string interval, List<long>? patients,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            await using var command = Command(patients is null ? sql : _sqlite ? Sql.IntervalsOfSqlite : Sql.IntervalsOfPostgres);
            Parameter(command, "@interval", interval);
            if (patients is not null)
            {
                Patients(command, patients);
            }
            await using var rows = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await rows.ReadAsync(ct))
            {
                yield return new IntervalRow(rows.GetInt64(0), rows.GetString(1), Date(rows, 2), rows.GetInt64(3),
                    rows.IsDBNull(4) ? TreatmentType.None : Treatment(rows.GetString(4)));
            }
        }

        private DbCommand Command(string sql)
        {
            var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = sql;
            return command;
        }

        private static void Parameter(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        private void Patients(DbCommand command, List<long> patients)
        {
            if (_sqlite)
            {
                Parameter(command, "@patients", JsonSerializer.Serialize(patients));
            }
            else
            {
                ((NpgsqlCommand)command).Parameters.AddWithValue("patients", patients.ToArray());
            }
        }

        private static async Task<List<long>> LongsAsync(DbCommand command, CancellationToken ct)
        {
            var values = new List<long>();
            await using var rows = await command.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                values.Add(rows.GetInt64(0));
            }
            return values;
        }

        private LocalDate Date(DbDataReader rows, int ordinal)
        {
            if (!_sqlite)
            {
                return LocalDate.FromDateOnly(rows.GetFieldValue<DateOnly>(ordinal));
            }
            // SQLite keeps EF's DateOnly as yyyy-MM-dd text; read by hand, DateOnly.Parse is most of a cold load.
            var text = rows.GetString(ordinal);
            if (text.Length != 10 || text[4] != '-' || text[7] != '-')
            {
                throw new FormatException($"'{text}' is not a stored date (yyyy-MM-dd)");
            }
            return new LocalDate(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2));
        }

        private static int Digits(string text, int start, int length)
        {
            var value = 0;
            for (var i = start; i < start + length; i++)
            {
                var d = text[i] - '0';
                if (d is < 0 or > 9)
                {
                    throw new FormatException($"'{text}' is not a stored date (yyyy-MM-dd)");
                }
                value = value * 10 + d;
            }
            return value;
        }

        // As IndicatorFactsQuery: a state or type the enums do not know reads as the first state, or no treatment.
        private EpisodeState State(string kebab)
        {
            if (!_states.TryGetValue(kebab, out var state))
            {
                state = PathwayFileParser.TryParseEnum<EpisodeState>(kebab, out var s) ? s : EpisodeState.AwaitingFirstAttendance;
                _states[kebab] = state;
            }
            return state;
        }

        private TreatmentType Treatment(string kebab)
        {
            if (!_treatments.TryGetValue(kebab, out var treatment))
            {
                treatment = PathwayFileParser.TryParseEnum<TreatmentType>(kebab, out var t) ? t : TreatmentType.None;
                _treatments[kebab] = treatment;
            }
            return treatment;
        }
    }
}

/// <summary>How the cube last caught up with the registry: counted everything, or only the changed patients' episodes.</summary>
public sealed record DashboardRefresh(bool Everything, int Episodes, TimeSpan Took);

/// <summary>Registers the one cube a web host's registry needs; pages and APIs take it and call <see cref="DashboardCube.CurrentAsync"/>.</summary>
public static class DashboardCubeRegistration
{
    public static IServiceCollection AddDashboardCube(this IServiceCollection services) =>
        services.AddSingleton<DashboardCube>();
}
