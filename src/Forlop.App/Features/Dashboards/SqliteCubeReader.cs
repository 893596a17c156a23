using System.Data;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Registry;
using Microsoft.Data.Sqlite;
using NodaTime;
using SQLitePCL;

namespace Forlop.App.Features.Dashboards;

/// <summary>
/// SQLite: a deferred read transaction (it must not take the write lock from an import; WAL gives the snapshot),
/// patients as a JSON array read by json_each, dates as the yyyy-MM-dd text EF stores, and the cold count through
/// SQLite's own API.
/// </summary>
internal sealed class SqliteCubeReader(SqliteConnection connection) : CubeReader(connection)
{
    protected override DbTransaction BeginSnapshot() =>
        ((SqliteConnection)Connection).BeginTransaction(IsolationLevel.Serializable, deferred: true);

    protected override string PatientsIn => "patient_id IN (SELECT value FROM json_each(@patients))";

    protected override void BindPatients(DbCommand command, List<long> patients) =>
        Parameter(command, "@patients", JsonSerializer.Serialize(patients));

    protected override LocalDate Date(DbDataReader rows, int ordinal)
    {
        // SQLite keeps EF's DateOnly as yyyy-MM-dd text; read by hand, DateOnly.Parse is most of a cold load.
        var text = rows.GetString(ordinal);
        return IsoDate.Parse(text) ?? throw new FormatException($"'{text}' is not a stored date (yyyy-MM-dd)");
    }

    public override IAsyncEnumerable<(long Id, int Slot, EpisodeFacts Episode)> AllEpisodesAsync(DashboardTally tally, CancellationToken ct) =>
        ReadAllEpisodes(tally, ct).ToAsyncEnumerable();

    public override IAsyncEnumerable<IntervalRow> AllIntervalsAsync(string interval, CancellationToken ct) =>
        ReadAllIntervals(interval, ct).ToAsyncEnumerable();

    /// <summary>
    /// Every episode through SQLite's own API (as RegistryWriter writes): fields read from SQLite's buffers, no
    /// string a field. Three times as fast as the ADO.NET reader on the cold count of 5 M episodes.
    /// </summary>
    private IEnumerable<(long Id, int Slot, EpisodeFacts Episode)> ReadAllEpisodes(DashboardTally tally, CancellationToken ct)
    {
        var db = ((SqliteConnection)Connection).Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, DashboardCubeSql.AllEpisodes, out var statement));
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

    /// <summary>Every measured interval of one kind through SQLite's own API (see <see cref="ReadAllEpisodes"/>).</summary>
    private IEnumerable<IntervalRow> ReadAllIntervals(string interval, CancellationToken ct)
    {
        var db = ((SqliteConnection)Connection).Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, DashboardCubeSql.AllIntervals, out var statement));
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
}
