using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
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
    public abstract Task WriteEpisodeIntervalsAsync(IReadOnlyList<EpisodeIntervalEntity> intervals, CancellationToken ct);
    public abstract Task WriteAccessLogAsync(IReadOnlyList<AccessLogEntity> entries, CancellationToken ct);
    /// <summary>Deletes the derived rows of these patients: their episodes and the episodes' measured intervals.</summary>
    public abstract Task DeleteEpisodesOfPatientsAsync(IReadOnlyList<long> patientIds, CancellationToken ct);

    internal static readonly string[] PatientColumns = ["id", "national_id", "birth_date"];
    internal static readonly string[] EventColumns =
        ["id", "patient_id", "root_id", "organisation", "record_id", "code", "date", "time", "outcome", "replaces_id", "is_withdrawal", "recorded_at", "recorded_by", "batch_id", "line", "setting"];
    internal static readonly string[] EpisodeColumns =
        ["id", "patient_id", "pathway", "hf", "rhf", "start_date", "seniority_date", "transferred_from_id", "state", "first_attendance_date", "decision_date", "decision_code", "treatment_date", "treatment_code", "treatment_type", "end_date", "end_code", "unit", "last_event_date", "next_deadline", "next_point", "findings"];
    internal static readonly string[] EpisodeIntervalColumns =
        ["episode_id", "ordinal", "patient_id", "interval_id", "from_date", "to_date", "length", "standard_limit", "status", "treatment_type", "setting"];
    // "user" and "from" are reserved words in both dialects.
    internal static readonly string[] AccessLogColumns =
        ["sequence", "at", "\"user\"", "role", "organisation", "patient", "kind", "what", "\"from\"", "previous_hash", "hash"];

    /// <summary>
    /// SQLite through its C API: one statement prepared per table and reset per row, values bound by type straight
    /// into e_sqlite3 (the library Microsoft.Data.Sqlite loads) with no boxing, no SafeHandle reference counting and
    /// no intermediate strings. Microsoft.Data.Sqlite's parameters, then SQLitePCL.raw's wrappers, each cost more than
    /// the insert itself (bench/Forlop.Bench.Import, docs/performance.md). Text formats are those EF Core's SQLite
    /// provider writes, so EF reads the rows back unchanged.
    /// </summary>
    private sealed class SqliteWriter(SqliteConnection connection, SqliteTransaction transaction) : RegistryWriter
    {
        public override Task WritePatientsAsync(IReadOnlyList<PatientEntity> patients, CancellationToken ct)
        {
            Insert("patients", PatientColumns, patients, static (s, p) =>
            {
                NativeSqlite.BindInt64(s, 1, p.Id);
                BindText(s, 2, p.NationalId);
                BindDate(s, 3, p.BirthDate);
            });
            return Task.CompletedTask;
        }

        public override Task WriteEventsAsync(IReadOnlyList<EventEntity> events, CancellationToken ct)
        {
            Insert("events", EventColumns, events, static (s, e) =>
            {
                NativeSqlite.BindInt64(s, 1, e.Id);
                NativeSqlite.BindInt64(s, 2, e.PatientId);
                NativeSqlite.BindInt64(s, 3, e.RootId);
                BindText(s, 4, e.Organisation);
                BindText(s, 5, e.RecordId);
                BindText(s, 6, e.Code);
                BindDate(s, 7, e.Date);
                BindTime(s, 8, e.Time);
                BindText(s, 9, e.Outcome);
                BindInt(s, 10, e.ReplacesId);
                NativeSqlite.BindInt64(s, 11, e.IsWithdrawal ? 1 : 0);
                BindText(s, 12, FormatInstant(e.RecordedAt));
                BindText(s, 13, e.RecordedBy);
                BindInt(s, 14, e.BatchId);
                BindInt(s, 15, e.Line);
                BindText(s, 16, e.Setting);
            });
            return Task.CompletedTask;
        }

        public override Task WriteEpisodesAsync(IReadOnlyList<EpisodeEntity> episodes, CancellationToken ct)
        {
            Insert("episodes", EpisodeColumns, episodes, static (s, e) =>
            {
                NativeSqlite.BindInt64(s, 1, e.Id);
                NativeSqlite.BindInt64(s, 2, e.PatientId);
                BindText(s, 3, e.Pathway);
                BindText(s, 4, e.Hf);
                BindText(s, 5, e.Rhf);
                BindDate(s, 6, e.StartDate);
                BindDate(s, 7, e.SeniorityDate);
                BindInt(s, 8, e.TransferredFromId);
                BindText(s, 9, e.State);
                BindDate(s, 10, e.FirstAttendanceDate);
                BindDate(s, 11, e.DecisionDate);
                BindText(s, 12, e.DecisionCode);
                BindDate(s, 13, e.TreatmentDate);
                BindText(s, 14, e.TreatmentCode);
                BindText(s, 15, e.TreatmentType);
                BindDate(s, 16, e.EndDate);
                BindText(s, 17, e.EndCode);
                BindText(s, 18, e.Unit);
                BindDate(s, 19, e.LastEventDate);
                BindDate(s, 20, e.NextDeadline);
                BindText(s, 21, e.NextPoint);
                NativeSqlite.BindInt64(s, 22, e.Findings);
            });
            return Task.CompletedTask;
        }

        public override Task WriteEpisodeIntervalsAsync(IReadOnlyList<EpisodeIntervalEntity> intervals, CancellationToken ct)
        {
            Insert("episode_intervals", EpisodeIntervalColumns, intervals, static (s, i) =>
            {
                NativeSqlite.BindInt64(s, 1, i.EpisodeId);
                NativeSqlite.BindInt64(s, 2, i.Ordinal);
                NativeSqlite.BindInt64(s, 3, i.PatientId);
                BindText(s, 4, i.IntervalId);
                BindDate(s, 5, i.FromDate);
                BindDate(s, 6, i.ToDate);
                NativeSqlite.BindInt64(s, 7, i.Length);
                BindInt(s, 8, i.StandardLimit);
                BindText(s, 9, i.Status);
                BindText(s, 10, i.TreatmentType);
                BindText(s, 11, i.Setting);
            });
            return Task.CompletedTask;
        }

        public override Task WriteAccessLogAsync(IReadOnlyList<AccessLogEntity> entries, CancellationToken ct)
        {
            Insert("access_log", AccessLogColumns, entries, static (s, e) =>
            {
                NativeSqlite.BindInt64(s, 1, e.Sequence);
                BindText(s, 2, FormatInstant(e.At));
                BindText(s, 3, e.User);
                BindText(s, 4, e.Role);
                BindText(s, 5, e.Organisation);
                BindText(s, 6, e.Patient);
                BindText(s, 7, e.Kind);
                BindText(s, 8, e.What);
                BindText(s, 9, e.From);
                BindText(s, 10, e.PreviousHash);
                BindText(s, 11, e.Hash);
            });
            return Task.CompletedTask;
        }

        public override async Task DeleteEpisodesOfPatientsAsync(IReadOnlyList<long> patientIds, CancellationToken ct)
        {
            foreach (var table in new[] { "episode_intervals", "episodes" })
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"DELETE FROM {table} WHERE patient_id = $id";
                var id = command.Parameters.Add("$id", SqliteType.Integer);
                command.Prepare();
                foreach (var patientId in patientIds)
                {
                    id.Value = patientId;
                    await command.ExecuteNonQueryAsync(ct);
                }
            }
        }

        private void Insert<T>(string table, string[] columns, IReadOnlyList<T> rows, Action<IntPtr, T> bind)
        {
            if (rows.Count == 0)
            {
                return;
            }
            var db = connection.Handle!;
            var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
            Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement), sql);
            using (statement)
            {
                var handle = statement.DangerousGetHandle();
                for (var i = 0; i < rows.Count; i++)
                {
                    bind(handle, rows[i]);
                    var result = NativeSqlite.sqlite3_step(handle);
                    _ = NativeSqlite.sqlite3_reset(handle);
                    if (result != raw.SQLITE_DONE)
                    {
                        Check(db, result, sql);
                    }
                }
            }
        }

        private static void Check(sqlite3 db, int result, string sql)
        {
            if (result != raw.SQLITE_OK && result != raw.SQLITE_DONE)
            {
                throw new SqliteException($"SQLite error {result} ({raw.sqlite3_errmsg(db).utf8_to_string()}) in {sql}", result);
            }
        }

        private static void BindText(IntPtr s, int i, string? value)
        {
            if (value is null)
            {
                NativeSqlite.BindNull(s, i);
                return;
            }
            Span<byte> utf8 = stackalloc byte[256];
            if (value.Length > 64 || !System.Text.Unicode.Utf8.FromUtf16(value, utf8, out _, out var written).Equals(System.Buffers.OperationStatus.Done))
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(value);
                NativeSqlite.BindText(s, i, ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(bytes), bytes.Length);
                return;
            }
            NativeSqlite.BindText(s, i, ref System.Runtime.InteropServices.MemoryMarshal.GetReference(utf8), written);
        }

        // Every row of an import has the same time stamp: format it once.
        [ThreadStatic] private static (DateTime Value, string Text) _lastInstant;

        private static string FormatInstant(DateTime value)
        {
            if (_lastInstant.Value != value || _lastInstant.Text is null)
            {
                _lastInstant = (value, value.ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss'.'FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'));
            }
            return _lastInstant.Text;
        }

        private static void BindInt(IntPtr s, int i, long? value)
        {
            if (value is null) NativeSqlite.BindNull(s, i); else NativeSqlite.BindInt64(s, i, value.Value);
        }

        private static void BindDate(IntPtr s, int i, DateOnly? value)
        {
            if (value is null)
            {
                NativeSqlite.BindNull(s, i);
                return;
            }
            Span<byte> text = stackalloc byte[10];
            value.Value.TryFormat(text, out var written, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
            NativeSqlite.BindText(s, i, ref System.Runtime.InteropServices.MemoryMarshal.GetReference(text), written);
        }

        private static void BindTime(IntPtr s, int i, TimeOnly? value)
        {
            if (value is null)
            {
                NativeSqlite.BindNull(s, i);
                return;
            }
            var t = value.Value;
            BindText(s, i, t.ToString(t.Millisecond == 0 && t.Microsecond == 0 ? "HH':'mm':'ss" : "HH':'mm':'ss'.'fffffff", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The few SQLite C functions the bulk insert calls per value, bound without marshalling.</summary>
    private static class NativeSqlite
    {
        private const string Library = "e_sqlite3";

        /// <summary>SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.</summary>
        public static readonly IntPtr Transient = new(-1);

        public static void BindInt64(IntPtr statement, int index, long value) => Bound(sqlite3_bind_int64(statement, index, value));
        public static void BindNull(IntPtr statement, int index) => Bound(sqlite3_bind_null(statement, index));
        public static void BindText(IntPtr statement, int index, ref byte utf8, int length) => Bound(sqlite3_bind_text(statement, index, ref utf8, length, Transient));

        // A bind fails only for a wrong index or no memory: a bug, not bad data.
        private static void Bound(int result)
        {
            if (result != 0)
            {
                throw new InvalidOperationException($"SQLite refused a bound value (error {result})");
            }
        }

        [DllImport(Library)] private static extern int sqlite3_bind_int64(IntPtr statement, int index, long value);
        [DllImport(Library)] private static extern int sqlite3_bind_null(IntPtr statement, int index);
        [DllImport(Library)] private static extern int sqlite3_bind_text(IntPtr statement, int index, ref byte utf8, int length, IntPtr destructor);
        [DllImport(Library)] public static extern int sqlite3_step(IntPtr statement);
        [DllImport(Library)] public static extern int sqlite3_reset(IntPtr statement);
    }

    /// <summary>
    /// PostgreSQL through COPY in its text format, the rows formatted here. Npgsql's binary importer spends about a
    /// microsecond per value on parameter binding, several times what the server takes to parse the same row as
    /// text (bench/Forlop.Bench.Import, docs/performance.md).
    /// </summary>
    private sealed class PostgresWriter(NpgsqlConnection connection) : RegistryWriter
    {
        public override Task WritePatientsAsync(IReadOnlyList<PatientEntity> patients, CancellationToken ct)
        {
            Copy("patients", PatientColumns, patients, static (w, p) =>
            {
                Long(w, p.Id); Tab(w); Text(w, p.NationalId); Tab(w); Date(w, p.BirthDate);
            });
            return Task.CompletedTask;
        }

        public override Task WriteEventsAsync(IReadOnlyList<EventEntity> events, CancellationToken ct)
        {
            Copy("events", EventColumns, events, static (w, e) =>
            {
                Long(w, e.Id); Tab(w);
                Long(w, e.PatientId); Tab(w);
                Long(w, e.RootId); Tab(w);
                Text(w, e.Organisation); Tab(w);
                Text(w, e.RecordId); Tab(w);
                Text(w, e.Code); Tab(w);
                Date(w, e.Date); Tab(w);
                if (e.Time is { } t) w.Write(t.ToString("HH':'mm':'ss", CultureInfo.InvariantCulture)); else Null(w);
                Tab(w);
                Text(w, e.Outcome); Tab(w);
                Long(w, e.ReplacesId); Tab(w);
                w.Write(e.IsWithdrawal ? 't' : 'f'); Tab(w);
                Instant(w, e.RecordedAt); Tab(w);
                Text(w, e.RecordedBy); Tab(w);
                Long(w, e.BatchId); Tab(w);
                Long(w, e.Line); Tab(w);
                Text(w, e.Setting);
            });
            return Task.CompletedTask;
        }

        public override Task WriteEpisodesAsync(IReadOnlyList<EpisodeEntity> episodes, CancellationToken ct)
        {
            Copy("episodes", EpisodeColumns, episodes, static (w, e) =>
            {
                Long(w, e.Id); Tab(w);
                Long(w, e.PatientId); Tab(w);
                Text(w, e.Pathway); Tab(w);
                Text(w, e.Hf); Tab(w);
                Text(w, e.Rhf); Tab(w);
                Date(w, e.StartDate); Tab(w);
                Date(w, e.SeniorityDate); Tab(w);
                Long(w, e.TransferredFromId); Tab(w);
                Text(w, e.State); Tab(w);
                Date(w, e.FirstAttendanceDate); Tab(w);
                Date(w, e.DecisionDate); Tab(w);
                Text(w, e.DecisionCode); Tab(w);
                Date(w, e.TreatmentDate); Tab(w);
                Text(w, e.TreatmentCode); Tab(w);
                Text(w, e.TreatmentType); Tab(w);
                Date(w, e.EndDate); Tab(w);
                Text(w, e.EndCode); Tab(w);
                Text(w, e.Unit); Tab(w);
                Date(w, e.LastEventDate); Tab(w);
                Date(w, e.NextDeadline); Tab(w);
                Text(w, e.NextPoint); Tab(w);
                Long(w, e.Findings);
            });
            return Task.CompletedTask;
        }

        public override Task WriteEpisodeIntervalsAsync(IReadOnlyList<EpisodeIntervalEntity> intervals, CancellationToken ct)
        {
            Copy("episode_intervals", EpisodeIntervalColumns, intervals, static (w, i) =>
            {
                Long(w, i.EpisodeId); Tab(w);
                Long(w, i.Ordinal); Tab(w);
                Long(w, i.PatientId); Tab(w);
                Text(w, i.IntervalId); Tab(w);
                Date(w, i.FromDate); Tab(w);
                Date(w, i.ToDate); Tab(w);
                Long(w, i.Length); Tab(w);
                Long(w, i.StandardLimit); Tab(w);
                Text(w, i.Status); Tab(w);
                Text(w, i.TreatmentType); Tab(w);
                Text(w, i.Setting);
            });
            return Task.CompletedTask;
        }

        public override Task WriteAccessLogAsync(IReadOnlyList<AccessLogEntity> entries, CancellationToken ct)
        {
            Copy("access_log", AccessLogColumns, entries, static (w, e) =>
            {
                Long(w, e.Sequence); Tab(w);
                Instant(w, e.At); Tab(w);
                Text(w, e.User); Tab(w);
                Text(w, e.Role); Tab(w);
                Text(w, e.Organisation); Tab(w);
                Text(w, e.Patient); Tab(w);
                Text(w, e.Kind); Tab(w);
                Text(w, e.What); Tab(w);
                Text(w, e.From); Tab(w);
                Text(w, e.PreviousHash); Tab(w);
                Text(w, e.Hash);
            });
            return Task.CompletedTask;
        }

        public override async Task DeleteEpisodesOfPatientsAsync(IReadOnlyList<long> patientIds, CancellationToken ct)
        {
            foreach (var table in new[] { "episode_intervals", "episodes" })
            {
                await using var command = new NpgsqlCommand($"DELETE FROM {table} WHERE patient_id = ANY($1)", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = patientIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
                await command.ExecuteNonQueryAsync(ct);
            }
        }

        private void Copy<T>(string table, string[] columns, IReadOnlyList<T> rows, Action<TextWriter, T> write)
        {
            if (rows.Count == 0)
            {
                return;
            }
            using var writer = connection.BeginTextImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT text)");
            for (var i = 0; i < rows.Count; i++)
            {
                write(writer, rows[i]);
                writer.Write('\n');
            }
        }

        private static void Tab(TextWriter w) => w.Write('\t');

        private static void Null(TextWriter w) => w.Write("\\N");

        // COPY text format: backslash, tab, newline and carriage return are escaped.
        private static void Text(TextWriter w, string? value)
        {
            if (value is null)
            {
                Null(w);
                return;
            }
            if (value.AsSpan().IndexOfAny("\\\t\n\r") < 0)
            {
                w.Write(value);
                return;
            }
            foreach (var c in value)
            {
                w.Write(c switch { '\\' => "\\\\", '\t' => "\\t", '\n' => "\\n", '\r' => "\\r", _ => c.ToString() });
            }
        }

        private static void Long(TextWriter w, long? value)
        {
            if (value is null)
            {
                Null(w);
                return;
            }
            Span<char> digits = stackalloc char[20];
            value.Value.TryFormat(digits, out var n, default, CultureInfo.InvariantCulture);
            w.Write(digits[..n]);
        }

        private static void Date(TextWriter w, DateOnly? value)
        {
            if (value is null)
            {
                Null(w);
                return;
            }
            Span<char> text = stackalloc char[10];
            value.Value.TryFormat(text, out var n, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
            w.Write(text[..n]);
        }

        private static void Instant(TextWriter w, DateTime utc)
        {
            Span<char> text = stackalloc char[40];
            utc.TryFormat(text, out var n, "yyyy'-'MM'-'dd' 'HH':'mm':'ss'.'ffffff'+00'", CultureInfo.InvariantCulture);
            w.Write(text[..n]);
        }
    }
}
