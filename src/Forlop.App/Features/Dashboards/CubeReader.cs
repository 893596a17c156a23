using System.Data;
using System.Data.Common;
using System.Globalization;
using Forlop.App.Data;
using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Registry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace Forlop.App.Features.Dashboards;

/// <summary>A measured interval of the indicator's kind (the query selects by interval id).</summary>
internal readonly record struct IntervalRow(long EpisodeId, LocalDate Reached, long Length, TreatmentType Treatment);

/// <summary>
/// Reads rows for the dashboard cube over one connection, in one transaction, mapping them as IndicatorFactsQuery does.
/// The one seam between the cube and its two databases: how a read transaction begins, how a list of patients is passed,
/// how a stored date is read, and how the whole registry is read on a cold count (SQLite through its own API). The cube
/// itself asks no question about which database it reads.
/// </summary>
internal abstract class CubeReader(DbConnection connection)
{
    private readonly Dictionary<string, EpisodeState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TreatmentType> _treatments = new(StringComparer.Ordinal);
    private DbTransaction? _transaction;

    protected DbConnection Connection { get; } = connection;

    /// <summary>The reader for a connection of either database.</summary>
    public static CubeReader Over(DbConnection connection) => connection switch
    {
        SqliteConnection sqlite => new SqliteCubeReader(sqlite),
        NpgsqlConnection postgres => new PostgresCubeReader(postgres),
        _ => throw new NotSupportedException($"the dashboard cube reads SQLite or PostgreSQL, not {connection.GetType().Name}"),
    };

    /// <summary>A second connection to the context's database (the cold count reads intervals beside episodes).</summary>
    public static DbConnection NewConnection(RegistryDb db) => db.Database.GetDbConnection() is SqliteConnection
        ? new SqliteConnection(db.Database.GetConnectionString())
        : new NpgsqlConnection(db.Database.GetConnectionString());

    /// <summary>One snapshot of the registry for all the reads that follow.</summary>
    public DbTransaction Begin() => _transaction = BeginSnapshot();

    protected abstract DbTransaction BeginSnapshot();

    /// <summary>The database's condition "patient_id (or the table's patient column) is one of @patients".</summary>
    protected abstract string PatientsIn { get; }

    protected abstract void BindPatients(DbCommand command, List<long> patients);

    protected abstract LocalDate Date(DbDataReader rows, int ordinal);

    /// <summary>Every stored episode with its tally slot: the cold count, the largest read the cube makes.</summary>
    public abstract IAsyncEnumerable<(long Id, int Slot, EpisodeFacts Episode)> AllEpisodesAsync(DashboardTally tally, CancellationToken ct);

    /// <summary>Every measured interval of one kind.</summary>
    public abstract IAsyncEnumerable<IntervalRow> AllIntervalsAsync(string interval, CancellationToken ct);

    public async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>The patients with events newer than <paramref name="after"/>; null when there are more than <paramref name="most"/>.</summary>
    public async Task<List<long>?> PatientsWithEventsAfterAsync(long after, int most, CancellationToken ct)
    {
        await using var command = Command(DashboardCubeSql.PatientsWithEventsAfter);
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
        await using var command = Command(DashboardCubeSql.RootsOf(PatientsIn));
        BindPatients(command, patients);
        var values = new List<long>();
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            values.Add(rows.GetInt64(0));
        }
        return values;
    }

    /// <summary>The episodes of some patients (or of all, where a database has no faster way), with their tally slots.</summary>
    public async IAsyncEnumerable<(long Id, int Slot, EpisodeFacts Episode)> EpisodesAsync(List<long>? patients, DashboardTally tally,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = Command(patients is null ? DashboardCubeSql.AllEpisodes : DashboardCubeSql.EpisodesOf(PatientsIn));
        if (patients is not null)
        {
            BindPatients(command, patients);
        }
        await using var rows = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await rows.ReadAsync(ct))
        {
            var id = rows.GetInt64(0);
            var slotIndex = tally.Slot(rows.GetString(1));
            var slot = tally.Slots[slotIndex];
            // The decision is not read: none of the dashboard's indicators counts it.
            yield return (id, slotIndex, new EpisodeFacts(id, slot.Pathway, slot.Unit, slot.Hf, slot.Rhf,
                Date(rows, 2), Date(rows, 3), !rows.IsDBNull(4), State(rows.GetString(5)),
                rows.IsDBNull(6) ? null : Date(rows, 6),
                rows.IsDBNull(7) ? TreatmentType.None : Treatment(rows.GetString(7)),
                rows.IsDBNull(8) ? null : Date(rows, 8),
                DecisionKind.None, null));
        }
    }

    /// <summary>The measured intervals of one kind of some patients (or of all).</summary>
    public async IAsyncEnumerable<IntervalRow> IntervalsAsync(string interval, List<long>? patients,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = Command(patients is null ? DashboardCubeSql.AllIntervals : DashboardCubeSql.IntervalsOf(PatientsIn));
        Parameter(command, "@interval", interval);
        if (patients is not null)
        {
            BindPatients(command, patients);
        }
        await using var rows = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await rows.ReadAsync(ct))
        {
            yield return new IntervalRow(rows.GetInt64(0), Date(rows, 1), rows.GetInt64(2), rows.IsDBNull(3) ? TreatmentType.None : Treatment(rows.GetString(3)));
        }
    }

    protected DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    protected static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // As IndicatorFactsQuery: a state or type the enums do not know reads as the first state, or no treatment.
    protected EpisodeState State(string kebab)
    {
        if (!_states.TryGetValue(kebab, out var state))
        {
            state = EnumNames.TryParse<EpisodeState>(kebab, out var s) ? s : EpisodeState.AwaitingFirstAttendance;
            _states[kebab] = state;
        }
        return state;
    }

    protected TreatmentType Treatment(string kebab)
    {
        if (!_treatments.TryGetValue(kebab, out var treatment))
        {
            treatment = EnumNames.TryParse<TreatmentType>(kebab, out var t) ? t : TreatmentType.None;
            _treatments[kebab] = treatment;
        }
        return treatment;
    }
}

/// <summary>PostgreSQL: repeatable read, patients as a bigint[], dates as dates, everything through Npgsql.</summary>
internal sealed class PostgresCubeReader(NpgsqlConnection connection) : CubeReader(connection)
{
    protected override DbTransaction BeginSnapshot() => Connection.BeginTransaction(IsolationLevel.RepeatableRead);

    protected override string PatientsIn => "patient_id = ANY(@patients)";

    protected override void BindPatients(DbCommand command, List<long> patients) =>
        ((NpgsqlCommand)command).Parameters.AddWithValue("patients", patients.ToArray());

    protected override LocalDate Date(DbDataReader rows, int ordinal) => LocalDate.FromDateOnly(rows.GetFieldValue<DateOnly>(ordinal));

    public override IAsyncEnumerable<(long Id, int Slot, EpisodeFacts Episode)> AllEpisodesAsync(DashboardTally tally, CancellationToken ct) =>
        EpisodesAsync(null, tally, ct);

    public override IAsyncEnumerable<IntervalRow> AllIntervalsAsync(string interval, CancellationToken ct) => IntervalsAsync(interval, null, ct);
}
