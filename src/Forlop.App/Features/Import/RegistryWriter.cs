using System.Data.Common;
using System.Globalization;
using Forlop.App.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Forlop.App.Features.Import;

/// <summary>
/// Writes many rows at once inside the caller's transaction: PostgreSQL through binary COPY, SQLite through one
/// prepared statement reused for every row. EF's change tracker costs ~20× more per row here (see docs/performance.md).
/// </summary>
public abstract class RegistryWriter
{
    public static RegistryWriter For(DatabaseProvider provider, DbConnection connection, DbTransaction transaction) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteWriter((SqliteConnection)connection, (SqliteTransaction)transaction),
        _ => new PostgresWriter((NpgsqlConnection)connection),
    };

    public abstract Task WritePatientsAsync(IReadOnlyList<PatientEntity> patients, CancellationToken ct);
    public abstract Task WriteEventsAsync(IReadOnlyList<EventEntity> events, CancellationToken ct);
    public abstract Task WriteEpisodesAsync(IReadOnlyList<EpisodeEntity> episodes, CancellationToken ct);
    public abstract Task DeleteEpisodesOfPatientsAsync(IReadOnlyList<long> patientIds, CancellationToken ct);

    internal static readonly string[] PatientColumns = ["id", "national_id", "birth_date"];
    internal static readonly string[] EventColumns =
        ["id", "patient_id", "root_id", "organisation", "record_id", "code", "date", "time", "outcome", "replaces_id", "is_withdrawal", "recorded_at", "recorded_by", "batch_id", "line"];
    internal static readonly string[] EpisodeColumns =
        ["id", "patient_id", "pathway", "hf", "rhf", "start_date", "seniority_date", "transferred_from_id", "state", "first_attendance_date", "decision_date", "decision_code", "treatment_date", "treatment_code", "treatment_type", "end_date", "end_code"];

    internal static object?[] Values(PatientEntity p) => [p.Id, p.NationalId, p.BirthDate];

    internal static object?[] Values(EventEntity e) =>
        [e.Id, e.PatientId, e.RootId, e.Organisation, e.RecordId, e.Code, e.Date, e.Time, e.Outcome, e.ReplacesId, e.IsWithdrawal, e.RecordedAt, e.RecordedBy, e.BatchId, e.Line];

    internal static object?[] Values(EpisodeEntity e) =>
        [e.Id, e.PatientId, e.Pathway, e.Hf, e.Rhf, e.StartDate, e.SeniorityDate, e.TransferredFromId, e.State, e.FirstAttendanceDate, e.DecisionDate, e.DecisionCode, e.TreatmentDate, e.TreatmentCode, e.TreatmentType, e.EndDate, e.EndCode];

    /// <summary>
    /// SQLite through its C API (SQLitePCL.raw): one statement prepared per table and reset per row, values bound
    /// by type without boxing. Microsoft.Data.Sqlite's parameter binding cost three times the insert itself here.
    /// Text formats match what EF Core's SQLite provider writes, so EF reads the rows back unchanged.
    /// </summary>
    private sealed class SqliteWriter(SqliteConnection connection, SqliteTransaction transaction) : RegistryWriter
    {
        private sqlite3 Db => connection.Handle!;

        public override Task WritePatientsAsync(IReadOnlyList<PatientEntity> patients, CancellationToken ct)
        {
            Insert("patients", PatientColumns, patients, static (s, p) =>
            {
                raw.sqlite3_bind_int64(s, 1, p.Id);
                raw.sqlite3_bind_text(s, 2, p.NationalId);
                BindDate(s, 3, p.BirthDate);
            });
            return Task.CompletedTask;
        }

        public override Task WriteEventsAsync(IReadOnlyList<EventEntity> events, CancellationToken ct)
        {
            Insert("events", EventColumns, events, static (s, e) =>
            {
                raw.sqlite3_bind_int64(s, 1, e.Id);
                raw.sqlite3_bind_int64(s, 2, e.PatientId);
                raw.sqlite3_bind_int64(s, 3, e.RootId);
                raw.sqlite3_bind_text(s, 4, e.Organisation);
                raw.sqlite3_bind_text(s, 5, e.RecordId);
                BindText(s, 6, e.Code);
                BindDate(s, 7, e.Date);
                if (e.Time is { } t) raw.sqlite3_bind_text(s, 8, t.ToString(t.Second == 0 && t.Millisecond == 0 ? "HH':'mm':'ss" : "HH':'mm':'ss'.'fffffff", CultureInfo.InvariantCulture)); else raw.sqlite3_bind_null(s, 8);
                BindText(s, 9, e.Outcome);
                BindInt(s, 10, e.ReplacesId);
                raw.sqlite3_bind_int(s, 11, e.IsWithdrawal ? 1 : 0);
                raw.sqlite3_bind_text(s, 12, e.RecordedAt.ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss'.'FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'));
                raw.sqlite3_bind_text(s, 13, e.RecordedBy);
                BindInt(s, 14, e.BatchId);
                BindInt(s, 15, e.Line);
            });
            return Task.CompletedTask;
        }

        public override Task WriteEpisodesAsync(IReadOnlyList<EpisodeEntity> episodes, CancellationToken ct)
        {
            Insert("episodes", EpisodeColumns, episodes, static (s, e) =>
            {
                raw.sqlite3_bind_int64(s, 1, e.Id);
                raw.sqlite3_bind_int64(s, 2, e.PatientId);
                raw.sqlite3_bind_text(s, 3, e.Pathway);
                raw.sqlite3_bind_text(s, 4, e.Hf);
                raw.sqlite3_bind_text(s, 5, e.Rhf);
                BindDate(s, 6, e.StartDate);
                BindDate(s, 7, e.SeniorityDate);
                BindInt(s, 8, e.TransferredFromId);
                raw.sqlite3_bind_text(s, 9, e.State);
                BindDate(s, 10, e.FirstAttendanceDate);
                BindDate(s, 11, e.DecisionDate);
                BindText(s, 12, e.DecisionCode);
                BindDate(s, 13, e.TreatmentDate);
                BindText(s, 14, e.TreatmentCode);
                BindText(s, 15, e.TreatmentType);
                BindDate(s, 16, e.EndDate);
                BindText(s, 17, e.EndCode);
            });
            return Task.CompletedTask;
        }

        public override async Task DeleteEpisodesOfPatientsAsync(IReadOnlyList<long> patientIds, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM episodes WHERE patient_id = $id";
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            command.Prepare();
            foreach (var patientId in patientIds)
            {
                id.Value = patientId;
                await command.ExecuteNonQueryAsync(ct);
            }
        }

        private void Insert<T>(string table, string[] columns, IReadOnlyList<T> rows, Action<sqlite3_stmt, T> bind)
        {
            if (rows.Count == 0)
            {
                return;
            }
            var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
            Check(raw.sqlite3_prepare_v2(Db, sql, out var statement), sql);
            using (statement)
            {
                foreach (var row in rows)
                {
                    bind(statement, row);
                    var result = raw.sqlite3_step(statement);
                    if (result != raw.SQLITE_DONE)
                    {
                        Check(result, sql);
                    }
                    raw.sqlite3_reset(statement);
                }
            }
        }

        private void Check(int result, string sql)
        {
            if (result != raw.SQLITE_OK && result != raw.SQLITE_DONE)
            {
                throw new SqliteException($"SQLite error {result} ({raw.sqlite3_errmsg(Db).utf8_to_string()}) in {sql}", result);
            }
        }

        private static void BindText(sqlite3_stmt s, int i, string? value)
        {
            if (value is null) raw.sqlite3_bind_null(s, i); else raw.sqlite3_bind_text(s, i, value);
        }

        private static void BindInt(sqlite3_stmt s, int i, long? value)
        {
            if (value is null) raw.sqlite3_bind_null(s, i); else raw.sqlite3_bind_int64(s, i, value.Value);
        }

        private static void BindDate(sqlite3_stmt s, int i, DateOnly? value)
        {
            if (value is null) raw.sqlite3_bind_null(s, i); else raw.sqlite3_bind_text(s, i, value.Value.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture));
        }
    }

    private sealed class PostgresWriter(NpgsqlConnection connection) : RegistryWriter
    {
        private static readonly NpgsqlDbType[] PatientTypes = [NpgsqlDbType.Bigint, NpgsqlDbType.Varchar, NpgsqlDbType.Date];
        private static readonly NpgsqlDbType[] EventTypes =
        [
            NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
            NpgsqlDbType.Date, NpgsqlDbType.Time, NpgsqlDbType.Varchar, NpgsqlDbType.Bigint, NpgsqlDbType.Boolean, NpgsqlDbType.TimestampTz,
            NpgsqlDbType.Varchar, NpgsqlDbType.Bigint, NpgsqlDbType.Integer,
        ];
        private static readonly NpgsqlDbType[] EpisodeTypes =
        [
            NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Date,
            NpgsqlDbType.Date, NpgsqlDbType.Bigint, NpgsqlDbType.Varchar, NpgsqlDbType.Date, NpgsqlDbType.Date, NpgsqlDbType.Varchar,
            NpgsqlDbType.Date, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Date, NpgsqlDbType.Varchar,
        ];

        public override Task WritePatientsAsync(IReadOnlyList<PatientEntity> patients, CancellationToken ct) => Copy("patients", PatientColumns, PatientTypes, patients.Select(Values), ct);
        public override Task WriteEventsAsync(IReadOnlyList<EventEntity> events, CancellationToken ct) => Copy("events", EventColumns, EventTypes, events.Select(Values), ct);
        public override Task WriteEpisodesAsync(IReadOnlyList<EpisodeEntity> episodes, CancellationToken ct) => Copy("episodes", EpisodeColumns, EpisodeTypes, episodes.Select(Values), ct);

        public override async Task DeleteEpisodesOfPatientsAsync(IReadOnlyList<long> patientIds, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand("DELETE FROM episodes WHERE patient_id = ANY($1)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = patientIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            await command.ExecuteNonQueryAsync(ct);
        }

        private async Task Copy(string table, string[] columns, NpgsqlDbType[] types, IEnumerable<object?[]> rows, CancellationToken ct)
        {
            await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is null)
                    {
                        await importer.WriteNullAsync(ct);
                    }
                    else
                    {
                        await importer.WriteAsync(row[i], types[i], ct);
                    }
                }
            }
            await importer.CompleteAsync(ct);
        }
    }
}
