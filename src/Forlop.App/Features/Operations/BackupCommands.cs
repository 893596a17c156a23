using System.CommandLine;
using Forlop.App.Data;
using Forlop.App.Hosting;
using Microsoft.Data.Sqlite;

namespace Forlop.App.Features.Operations;

/// <summary>
/// <c>forlop backup --out FILE</c> and <c>forlop restore FILE</c> for the embedded SQLite registry, with SQLite's online
/// backup API: a consistent copy while the server keeps serving and importing (a plain file copy of a database in WAL
/// mode may miss committed pages). PostgreSQL has its own tools (<c>pg_dump -Fc</c>, <c>pg_restore</c>, or base backups
/// with WAL archiving); both commands refuse it and say so. Exit 0 when done, 2 when refused (the reason printed).
/// </summary>
public static class BackupCommands
{
    public const string PostgresAdvice =
        "this is a PostgreSQL registry: back it up with PostgreSQL's own tools, e.g. `pg_dump -Fc -f forlop.dump DATABASE` " +
        "and `pg_restore --clean --if-exists -d DATABASE forlop.dump` (or base backups with WAL archiving); see docs/operations.md";

    public static Command Backup()
    {
        var output = new Option<string>("--out") { Description = "the backup file to write (must not exist yet)", Required = true };
        var command = new Command("backup", "Copy the SQLite registry to a file while it is in use (online backup)") { output };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var target = DatabaseTarget.Parse(parse.GetValue(StoreOptions.Database));
            var file = Path.GetFullPath(parse.GetValue(output)!);
            if (target.Provider == DatabaseProvider.Postgres)
            {
                await error.WriteLineAsync("forlop backup: " + PostgresAdvice);
                return 2;
            }
            if (!File.Exists(target.Display))
            {
                await error.WriteLineAsync($"forlop backup: there is no registry at {target.Display}");
                return 2;
            }
            if (File.Exists(file))
            {
                await error.WriteLineAsync($"forlop backup: {file} exists already; choose a new file (a backup never overwrites one)");
                return 2;
            }
            // The access log's key and checkpoints live outside the database (decision 0017); without them the restored
            // log cannot be verified. They are copied first, so the database copied after holds at least what the
            // checkpoint saw. Keep FILE.seal apart from FILE where the backups are stored: whoever holds both can re-seal.
            var seal = target.SealDirectory;
            if (Directory.Exists(seal))
            {
                CopyDirectory(seal, file + SealSuffix);
            }
            await using (var source = new SqliteConnection(target.ConnectionString))
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ConnectionString))
            {
                await source.OpenAsync(ct);
                await copy.OpenAsync(ct);
                source.BackupDatabase(copy);
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync(FormattableString.Invariant($"backed up {target.Display} to {file} ({new FileInfo(file).Length} bytes)")
                + (Directory.Exists(seal) ? $"; the access log's key and checkpoints to {file + SealSuffix}" : ""));
            return 0;
        });
        return command;
    }

    public static Command Restore()
    {
        var input = new Argument<string>("FILE") { Description = "a file written by forlop backup" };
        var replace = new Option<bool>("--replace") { Description = "replace a registry that holds events already" };
        var command = new Command("restore", "Put a backup in place of the SQLite registry (stop the server first)") { input, replace };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var target = DatabaseTarget.Parse(parse.GetValue(StoreOptions.Database));
            var file = Path.GetFullPath(parse.GetValue(input)!);
            if (target.Provider == DatabaseProvider.Postgres)
            {
                await error.WriteLineAsync("forlop restore: " + PostgresAdvice);
                return 2;
            }
            if (!File.Exists(file))
            {
                await error.WriteLineAsync($"forlop restore: there is no file {file}");
                return 2;
            }
            var backup = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString;
            if (await ProblemWithBackupAsync(backup, ct) is { } problem)
            {
                await error.WriteLineAsync($"forlop restore: {file} is not a Forløp backup: {problem}");
                return 2;
            }
            if (File.Exists(target.Display) && !parse.GetValue(replace) && await HoldsEventsAsync(target.ConnectionString, ct))
            {
                await error.WriteLineAsync($"forlop restore: {target.Display} holds events already; add --replace to put the backup in its place");
                return 2;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target.Display)!);
            if (Directory.Exists(file + SealSuffix))
            {
                // The key that sealed the backup's access log, put where this registry looks for it.
                if (Directory.Exists(target.SealDirectory))
                {
                    Directory.Delete(target.SealDirectory, recursive: true);
                }
                CopyDirectory(file + SealSuffix, target.SealDirectory);
            }
            else
            {
                await error.WriteLineAsync($"forlop restore: warning: no {file + SealSuffix} beside the backup: the access log verifies only with the key that sealed it");
            }
            SqliteConnection.ClearAllPools();
            await using (var source = new SqliteConnection(backup))
            await using (var registry = new SqliteConnection(target.ConnectionString))
            {
                await source.OpenAsync(ct);
                await registry.OpenAsync(ct);
                source.BackupDatabase(registry);
            }
            SqliteConnection.ClearAllPools();
            await parse.InvocationConfiguration.Output.WriteLineAsync($"restored {target.Display} from {file}; check it with: forlop access-log verify");
            return 0;
        });
        return command;
    }

    /// <summary>The access log's key and checkpoints travel beside a backup file, in a folder of this suffix.</summary>
    public const string SealSuffix = ".seal";

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var path in Directory.GetFiles(from))
        {
            File.Copy(path, Path.Combine(to, Path.GetFileName(path)), overwrite: true);
        }
    }

    /// <summary>Why a file cannot be restored: not SQLite, damaged, or without the registry's tables.</summary>
    private static async Task<string?> ProblemWithBackupAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            var result = (string?)await check.ExecuteScalarAsync(ct);
            if (!string.Equals(result, "ok", StringComparison.Ordinal))
            {
                return $"damaged ({result})";
            }
            check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('events', 'access_log', 'patients')";
            return Convert.ToInt64(await check.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 3 ? null : "it has not the registry's tables";
        }
        catch (SqliteException e)
        {
            return e.Message;
        }
    }

    private static async Task<bool> HoldsEventsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var check = connection.CreateCommand();
        check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'";
        if (Convert.ToInt64(await check.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return false;
        }
        check.CommandText = "SELECT EXISTS (SELECT 1 FROM events)";
        return Convert.ToInt64(await check.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
