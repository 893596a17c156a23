using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Forlop.App.Data;
using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Registry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NodaTime;
using SQLitePCL;

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
        using var activity = Operations.Telemetry.Source.StartActivity("dashboard-cube refresh");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            while (true)
            {
                var reader = new Reader(db.Database.GetDbConnection());
                // One snapshot of the registry for all the reads: WAL on SQLite, repeatable read on PostgreSQL.
                await using var transaction = reader.Begin();
                var newest = await reader.ScalarAsync(Sql.NewestEvent, ct);
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
    private async Task<bool> LoadAllAsync(RegistryDb db, Reader reader, long newest, CancellationToken ct)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = failed.Token;
        var intervalsRead = Task.Run(async () =>
        {
            await using var connection = NewConnection(db);
            await connection.OpenAsync(token);
            var second = new Reader(connection);
            await using var transaction = second.Begin();
            var seen = await second.ScalarAsync(Sql.NewestEvent, token);
            var rows = new List<IntervalRow>();
            if (second.IsSqlite)
            {
                rows.AddRange(second.AllIntervalsSqlite(_indicators.Interval, token));
            }
            else
            {
                await foreach (var row in second.IntervalsAsync(_indicators.Interval, null, token))
                {
                    rows.Add(row);
                }
            }
            return (seen, rows);
        }, token);
        var ids = new List<long>();
        var tallies = new List<EpisodeTally>();
        var seniority = new List<LocalDate>();
        try
        {
            if (reader.IsSqlite)
            {
                foreach (var (id, slot, episode) in reader.AllEpisodesSqlite(_tally, ct))
                {
                    ids.Add(id);
                    tallies.Add(DashboardTally.Tally(slot, _indicators.Count(episode)));
                    seniority.Add(episode.SeniorityDate);
                }
            }
            else
            {
                await foreach (var (id, episode) in reader.EpisodesAsync(null, _tally, ct))
                {
                    ids.Add(id);
                    tallies.Add(DashboardTally.Tally(_tally.Slot(episode.Pathway, episode.Unit, episode.Hf, episode.Rhf), _indicators.Count(episode)));
                    seniority.Add(episode.SeniorityDate);
                }
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

    private static DbConnection NewConnection(RegistryDb db) => db.Database.GetDbConnection() is SqliteConnection
        ? new SqliteConnection(db.Database.GetConnectionString())
        : new NpgsqlConnection(db.Database.GetConnectionString());

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
        await foreach (var (id, episode) in reader.EpisodesAsync(patients, _tally, ct))
        {
            current[id] = (DashboardTally.Tally(_tally.Slot(episode.Pathway, episode.Unit, episode.Hf, episode.Rhf), _indicators.Count(episode)), episode.SeniorityDate, null);
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

    /// <summary>A measured interval of the indicator's kind (the query selects by interval id).</summary>
    private readonly record struct IntervalRow(long EpisodeId, LocalDate Reached, long Length, TreatmentType Treatment);

    /// <summary>The statements the cube runs, pinned by tests (tests/Forlop.App.Tests/Features/Dashboards).</summary>
    internal static class Sql
    {
        public const string NewestEvent = "SELECT COALESCE(MAX(id), 0) FROM events";

        // Pathway and organisations come as one text (one string a row instead of four), split once per slot.
        private const string EpisodeColumns =
            "SELECT id, pathway || '|' || unit || '|' || hf || '|' || rhf, start_date, seniority_date, transferred_from_id, state, end_date, treatment_type, treatment_date FROM episodes";

        private const string IntervalColumns = "SELECT episode_id, to_date, length, treatment_type FROM episode_intervals WHERE interval_id = @interval";

        public const string AllEpisodes = EpisodeColumns;
        public const string AllIntervals = IntervalColumns;
        // Not DISTINCT: SQLite would then walk the whole patient index instead of the few newest rows.
        public const string PatientsWithEventsAfter = "SELECT patient_id FROM events WHERE id > @after";
        // The patient ids: a JSON array on SQLite (json_each), a bigint[] on PostgreSQL.
        public const string EpisodesOfSqlite = EpisodeColumns + " WHERE patient_id IN (SELECT value FROM json_each(@patients))";
        public const string EpisodesOfPostgres = EpisodeColumns + " WHERE patient_id = ANY(@patients)";
        public const string IntervalsOfSqlite = IntervalColumns + " AND patient_id IN (SELECT value FROM json_each(@patients))";
        public const string IntervalsOfPostgres = IntervalColumns + " AND patient_id = ANY(@patients)";
        public const string RootsOfSqlite = "SELECT DISTINCT root_id FROM events WHERE patient_id IN (SELECT value FROM json_each(@patients))";
        public const string RootsOfPostgres = "SELECT DISTINCT root_id FROM events WHERE patient_id = ANY(@patients)";
    }

    /// <summary>Reads rows for the cube over the context's open connection, in one transaction, mapping them as IndicatorFactsQuery does.</summary>
    private sealed class Reader(DbConnection connection)
    {
        private readonly DbConnection _connection = connection;
        private readonly bool _sqlite = connection is SqliteConnection;
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

        /// <summary>The patients with events newer than <paramref name="after"/>; null when there are more than <paramref name="most"/>.</summary>
        public async Task<List<long>?> PatientsWithEventsAfterAsync(long after, int most, CancellationToken ct)
        {
            await using var command = Command(Sql.PatientsWithEventsAfter);
            Parameter(command, "@after", after);
            var patients = new HashSet<long>();
            await using var rows = await command.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                if (patients.Add(rows.GetInt64(0)) && patients.Count > most)
                {
                    return null;
                }
            }
            return [.. patients];
        }

        public async Task<List<long>> RootsOfAsync(List<long> patients, CancellationToken ct)
        {
            await using var command = Command(_sqlite ? Sql.RootsOfSqlite : Sql.RootsOfPostgres);
            Patients(command, patients);
            return await LongsAsync(command, ct);
        }

        public async IAsyncEnumerable<(long Id, EpisodeFacts Episode)> EpisodesAsync(List<long>? patients, DashboardTally tally,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            await using var command = Command(patients is null ? Sql.AllEpisodes : _sqlite ? Sql.EpisodesOfSqlite : Sql.EpisodesOfPostgres);
            if (patients is not null)
            {
                Patients(command, patients);
            }
            await using var rows = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await rows.ReadAsync(ct))
            {
                var id = rows.GetInt64(0);
                var slot = tally.Slots[tally.Slot(rows.GetString(1))];
                // The decision is not read: none of the dashboard's indicators counts it.
                yield return (id, new EpisodeFacts(id, slot.Pathway, slot.Unit, slot.Hf, slot.Rhf,
                    Date(rows, 2), Date(rows, 3), !rows.IsDBNull(4), State(rows.GetString(5)),
                    rows.IsDBNull(6) ? null : Date(rows, 6),
                    rows.IsDBNull(7) ? TreatmentType.None : Treatment(rows.GetString(7)),
                    rows.IsDBNull(8) ? null : Date(rows, 8),
                    DecisionKind.None, null));
            }
        }

        public async IAsyncEnumerable<IntervalRow> IntervalsAsync(string interval, List<long>? patients,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            await using var command = Command(patients is null ? Sql.AllIntervals : _sqlite ? Sql.IntervalsOfSqlite : Sql.IntervalsOfPostgres);
            Parameter(command, "@interval", interval);
            if (patients is not null)
            {
                Patients(command, patients);
            }
            await using var rows = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await rows.ReadAsync(ct))
            {
                yield return new IntervalRow(rows.GetInt64(0), Date(rows, 1), rows.GetInt64(2), rows.IsDBNull(3) ? TreatmentType.None : Treatment(rows.GetString(3)));
            }
        }

        public bool IsSqlite => _sqlite;

        /// <summary>
        /// Every episode through SQLite's own API (as RegistryWriter writes): fields read from SQLite's buffers, no
        /// string a field. Three times as fast as the ADO.NET reader on the cold count of 5 M episodes.
        /// </summary>
        public IEnumerable<(long Id, int Slot, EpisodeFacts Episode)> AllEpisodesSqlite(DashboardTally tally, CancellationToken ct)
        {
            var db = ((SqliteConnection)_connection).Handle!;
            Check(db, raw.sqlite3_prepare_v2(db, Sql.AllEpisodes, out var statement));
            using (statement)
            {
                var keys = tally.SlotKeys;
                var buffer = new char[256];
                var rows = 0;
                while (Step(db, statement))
                {
                    if (++rows % 65_536 == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                    }
                    var id = raw.sqlite3_column_int64(statement, 0);
                    var key = buffer.AsSpan(0, Encoding.UTF8.GetChars(raw.sqlite3_column_blob(statement, 1), buffer));
                    var slotIndex = keys.TryGetValue(key, out var known) ? known : tally.Slot(new string(key));
                    var slot = tally.Slots[slotIndex];
                    var episode = new EpisodeFacts(id, slot.Pathway, slot.Unit, slot.Hf, slot.Rhf,
                        Utf8Date(raw.sqlite3_column_blob(statement, 2)), Utf8Date(raw.sqlite3_column_blob(statement, 3)),
                        raw.sqlite3_column_type(statement, 4) != raw.SQLITE_NULL,
                        State(Text(statement, 5, buffer) ?? ""),
                        raw.sqlite3_column_type(statement, 6) == raw.SQLITE_NULL ? null : Utf8Date(raw.sqlite3_column_blob(statement, 6)),
                        Text(statement, 7, buffer) is { } treatment ? Treatment(treatment) : TreatmentType.None,
                        raw.sqlite3_column_type(statement, 8) == raw.SQLITE_NULL ? null : Utf8Date(raw.sqlite3_column_blob(statement, 8)),
                        DecisionKind.None, null);
                    yield return (id, slotIndex, episode);
                }
            }
        }

        /// <summary>Every measured interval of one kind through SQLite's own API (see <see cref="AllEpisodesSqlite"/>).</summary>
        public IEnumerable<IntervalRow> AllIntervalsSqlite(string interval, CancellationToken ct)
        {
            var db = ((SqliteConnection)_connection).Handle!;
            Check(db, raw.sqlite3_prepare_v2(db, Sql.AllIntervals, out var statement));
            using (statement)
            {
                Check(db, raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "@interval"), interval));
                var buffer = new char[64];
                var rows = 0;
                while (Step(db, statement))
                {
                    if (++rows % 65_536 == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                    }
                    yield return new IntervalRow(raw.sqlite3_column_int64(statement, 0), Utf8Date(raw.sqlite3_column_blob(statement, 1)),
                        raw.sqlite3_column_int64(statement, 2), Text(statement, 3, buffer) is { } treatment ? Treatment(treatment) : TreatmentType.None);
                }
            }
        }

        private static bool Step(sqlite3 db, sqlite3_stmt statement)
        {
            var result = raw.sqlite3_step(statement);
            if (result == raw.SQLITE_ROW)
            {
                return true;
            }
            Check(db, result == raw.SQLITE_DONE ? raw.SQLITE_OK : result);
            return false;
        }

        private static void Check(sqlite3 db, int result)
        {
            if (result != raw.SQLITE_OK)
            {
                throw new SqliteException($"SQLite error {result} ({raw.sqlite3_errmsg(db).utf8_to_string()})", result);
            }
        }

        // State and treatment texts are few: each kept as a string once, found again by its characters.
        private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

        private string? Text(sqlite3_stmt statement, int column, char[] buffer)
        {
            if (raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL)
            {
                return null;
            }
            var chars = buffer.AsSpan(0, Encoding.UTF8.GetChars(raw.sqlite3_column_blob(statement, column), buffer));
            if (!_texts.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var text))
            {
                text = new string(chars);
                _texts[text] = text;
            }
            return text;
        }

        private static LocalDate Utf8Date(ReadOnlySpan<byte> text) =>
            IsoDate.Parse(text) ?? throw new FormatException($"'{Encoding.UTF8.GetString(text)}' is not a stored date (yyyy-MM-dd)");

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
            return IsoDate.Parse(text) ?? throw new FormatException($"'{text}' is not a stored date (yyyy-MM-dd)");
        }

        // As IndicatorFactsQuery: a state or type the enums do not know reads as the first state, or no treatment.
        private EpisodeState State(string kebab)
        {
            if (!_states.TryGetValue(kebab, out var state))
            {
                state = EnumNames.TryParse<EpisodeState>(kebab, out var s) ? s : EpisodeState.AwaitingFirstAttendance;
                _states[kebab] = state;
            }
            return state;
        }

        private TreatmentType Treatment(string kebab)
        {
            if (!_treatments.TryGetValue(kebab, out var treatment))
            {
                treatment = EnumNames.TryParse<TreatmentType>(kebab, out var t) ? t : TreatmentType.None;
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
        services.AddSingleton<DashboardCube>().AddHostedService<DashboardWarmUp>();
}

/// <summary>
/// Counts the registry once when the web host starts, so that the first dashboard does not wait for the cold count
/// (tens of seconds at 20 M events, docs/performance.md). A failure is logged; the first read then counts.
/// </summary>
internal sealed partial class DashboardWarmUp(IServiceScopeFactory scopes, DashboardCube cube, ILogger<DashboardWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await cube.CurrentAsync(scope.ServiceProvider.GetRequiredService<RegistryDb>(), stoppingToken);
            if (cube.LastRefresh is { } refresh)
            {
                Counted(logger, refresh.Episodes, refresh.Took.TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stopped first.
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            Failed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard cube: {Episodes} episodes counted in {Seconds:0.0} s")]
    private static partial void Counted(ILogger logger, int episodes, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard cube: the count at start-up failed; the first dashboard will count")]
    private static partial void Failed(ILogger logger, Exception e);
}
