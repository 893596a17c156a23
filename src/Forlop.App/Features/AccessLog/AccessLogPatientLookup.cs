using Microsoft.Data.Sqlite;

namespace Forlop.App.Features.AccessLog;

/// <summary>
/// The SQLite registry's lookup of access-log entries by patient, in a file of its own beside the registry
/// (<c>FILE.patients</c>; decision 0034). An entry is committed to the log without touching it, so a page view waits
/// only for the log's own append; <see cref="CatchUp"/> adds the entries past the mark every few seconds, writing
/// only the lookup's file, so it never holds the registry's one writer.
/// <para>
/// Derived data: the mark names the last entry taken and its seal. A registry restored or replaced no longer has that
/// seal at that place, and the lookup starts over (readers check the same before they trust it). It is written with
/// <c>synchronous=NORMAL</c>: a crash may lose its last steps, and the mark goes back with them.
/// </para>
/// </summary>
public sealed class AccessLogPatientLookup
{
    public const string Suffix = ".patients";

    // Raised when the file's tables change; a file of another version is emptied and filled again.
    private const long SchemaVersion = 1;

    private readonly string _registryPath;
    private readonly string _connectionString;
    private readonly string _indexerConnectionString;
    private readonly Lock _ready = new();
    private volatile bool _created;

    public AccessLogPatientLookup(string registryPath)
    {
        _registryPath = registryPath;
        Path = registryPath + Suffix;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        };
        _connectionString = builder.ConnectionString;
        // The indexer attaches the registry: a pooled connection would keep it attached for the readers after it.
        builder.Pooling = false;
        _indexerConnectionString = builder.ConnectionString;
    }

    public string Path { get; }

    /// <summary>The patient's entries up to <see cref="Indexed.Mark"/>; what comes after the mark is only in the log.</summary>
    public readonly record struct Indexed(long Mark, string MarkHash, IReadOnlyList<long> Sequences);

    /// <summary>The mark and the patient's sequences up to it, read together in one transaction.</summary>
    public Indexed Read(string patient)
    {
        using var lookup = Open();
        using var read = lookup.BeginTransaction(deferred: true);
        var (mark, hash) = Mark(lookup);
        using var command = lookup.CreateCommand();
        command.CommandText = "SELECT sequence FROM entries WHERE patient = $patient ORDER BY sequence";
        command.Parameters.AddWithValue("$patient", patient);
        var sequences = new List<long>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                sequences.Add(reader.GetInt64(0));
            }
        }
        return new Indexed(mark, hash, sequences);
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> entries past the mark into the lookup and moves the mark, in one transaction
    /// of the lookup's file; the registry is only read. Returns how many entries it took (0: it had caught up).
    /// Synchronous, as SQLite's work is: it runs on the caller's thread, at that thread's priority
    /// (<see cref="AccessLogPatientIndexer"/>).
    /// </summary>
    public int CatchUp(int max)
    {
        try
        {
            return Step(max);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            // Derived data: a damaged file, or one that is not a database, is thrown away and taken again from the log.
            StartAfresh();
            return Step(max);
        }
    }

    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private void StartAfresh()
    {
        lock (_ready)
        {
            // Idle pooled connections still hold the old file open; readers that hold it now finish on it.
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
            {
                File.Delete(file);
            }
            _created = false;
        }
    }

    private int Step(int max)
    {
        // A connection of its own, not pooled, with the registry attached for this step only. Its transaction is
        // deferred: BEGIN IMMEDIATE would take the write lock of every attached database, the registry's among them,
        // and a deferred one takes only the lookup's, at its first write.
        using var lookup = Open(_indexerConnectionString);
        using (var attach = lookup.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $registry AS registry";
            attach.Parameters.AddWithValue("$registry", _registryPath);
            attach.ExecuteNonQuery();
        }
        // One snapshot of both files for the check, the copy and the mark. A second process catching up at the same
        // time fails at its first write (busy) and tries again at its next turn.
        using var step = lookup.BeginTransaction(deferred: true);
        var (mark, hash) = Mark(lookup);
        if (mark > 0 && !string.Equals(Scalar(lookup, "SELECT hash FROM registry.access_log WHERE sequence = $at", mark) as string, hash, StringComparison.Ordinal))
        {
            // Not the log this lookup was taken from (restored from a backup, replaced): start over.
            Execute(lookup, "DELETE FROM entries; UPDATE mark SET indexed_through = 0, hash = ''");
            mark = 0;
        }
        var newest = Scalar(lookup, "SELECT max(sequence) FROM registry.access_log", 0) is long n ? n : 0;
        if (newest <= mark)
        {
            step.Commit();
            return 0;
        }
        // Sequences are gapless (each entry seals onto the one before), so the next max entries end at mark + max.
        var upto = Math.Min(newest, mark + max);
        using (var copy = lookup.CreateCommand())
        {
            // One statement in the lookup's own order, all of it inside SQLite: neighbouring keys share pages, so each
            // page is written once per step, and the step allocates nothing in .NET (a garbage collection started
            // on this low-priority thread would hold every request thread while it ran).
            copy.CommandText = """
                INSERT OR IGNORE INTO entries (patient, sequence)
                SELECT patient, sequence FROM registry.access_log
                WHERE sequence > $mark AND sequence <= $upto AND patient <> ''
                ORDER BY patient, sequence
                """;
            copy.Parameters.AddWithValue("$mark", mark);
            copy.Parameters.AddWithValue("$upto", upto);
            copy.ExecuteNonQuery();
        }
        using (var move = lookup.CreateCommand())
        {
            move.CommandText = "UPDATE mark SET indexed_through = $upto, hash = (SELECT hash FROM registry.access_log WHERE sequence = $upto)";
            move.Parameters.AddWithValue("$upto", upto);
            move.ExecuteNonQuery();
        }
        step.Commit();
        return (int)(upto - mark);
    }

    private static object? Scalar(SqliteConnection connection, string sql, long at)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$at", at);
        return command.ExecuteScalar();
    }

    private SqliteConnection Open(string? connectionString = null)
    {
        var connection = new SqliteConnection(connectionString ?? _connectionString);
        try
        {
            connection.Open();
            // Per connection: derived data, so a lost last step after a crash is taken again.
            Execute(connection, "PRAGMA synchronous = NORMAL");
            CreateOnce(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void CreateOnce(SqliteConnection connection)
    {
        if (_created)
        {
            return;
        }
        lock (_ready)
        {
            if (_created)
            {
                return;
            }
            using (var version = connection.CreateCommand())
            {
                version.CommandText = "PRAGMA user_version";
                var found = (long)version.ExecuteScalar()!;
                // Readers open the file too: one that is ready is only read, so they never wait for the indexer's lock.
                if (found == SchemaVersion)
                {
                    _created = true;
                    return;
                }
                if (found != 0)
                {
                    Execute(connection, "DROP TABLE IF EXISTS entries; DROP TABLE IF EXISTS mark");
                }
            }
            Execute(connection, $"""
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS entries (
                    patient TEXT NOT NULL,
                    sequence INTEGER NOT NULL,
                    PRIMARY KEY (patient, sequence)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS mark (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    indexed_through INTEGER NOT NULL,
                    hash TEXT NOT NULL);
                INSERT OR IGNORE INTO mark (id, indexed_through, hash) VALUES (1, 0, '');
                PRAGMA user_version = {SchemaVersion};
                """);
            _created = true;
        }
    }

    private static (long Mark, string Hash) Mark(SqliteConnection lookup)
    {
        using var command = lookup.CreateCommand();
        command.CommandText = "SELECT indexed_through, hash FROM mark WHERE id = 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, "");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
