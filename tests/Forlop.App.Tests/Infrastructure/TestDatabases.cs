using System.Collections.Concurrent;
using Npgsql;

namespace Forlop.App.Tests.Infrastructure;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, empty database per test, given as the <c>--db</c> text the application takes: an SQLite file path (the
/// application creates the file) or a connection string to a new database on the test PostgreSQL server.
/// Where PostgreSQL cannot be started a test is skipped with the reason, except with <c>CI=true</c>: there it fails.
/// </summary>
public static class TestDatabases
{
    /// <summary>This run's SQLite files, deleted when the process exits: a full run writes gigabytes.</summary>
    private static readonly Lazy<string> SqliteFolder = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "forlop-tests", "sqlite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        TestRunCleanup.Add(() => DeleteQuietly(folder));
        return folder;
    });

    /// <summary>Databases made on a server named by FORLOP_TEST_POSTGRES, dropped at exit; a throwaway cluster goes whole.</summary>
    private static readonly ConcurrentQueue<string> ExternalDatabases = new();
    private static int _dropAtExit;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task<string> CreateAsync(DatabaseKind kind, CancellationToken ct) => kind switch
    {
        DatabaseKind.Sqlite => Path.Combine(SqliteFolder.Value, Guid.NewGuid().ToString("N") + ".db"),
        DatabaseKind.Postgres => await CreatePostgresAsync(ct),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such database kind"),
    };

    private static async Task<string> CreatePostgresAsync(CancellationToken ct)
    {
        var server = await ServerOrSkipAsync(ct);
        var name = "forlop_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        if (PostgresCluster.IsExternal)
        {
            if (Interlocked.Exchange(ref _dropAtExit, 1) == 0)
            {
                TestRunCleanup.Add(() => DropExternalDatabases(server));
            }
            ExternalDatabases.Enqueue(name);
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task<string> ServerOrSkipAsync(CancellationToken ct)
    {
        try
        {
            return await PostgresCluster.ServerAsync(ct);
        }
        catch (PostgresUnavailableException e) when (IsCi)
        {
            throw new InvalidOperationException(
                $"CI=true, so the PostgreSQL tests must run, but no PostgreSQL server could be started: {e.Message} " +
                $"(.ci/run installs the postgresql package; {PostgresCluster.ServerVariable} can name a server instead)", e);
        }
        catch (PostgresUnavailableException e)
        {
            Assert.Skip($"PostgreSQL not available here: {e.Message}");
            throw; // Assert.Skip always throws; the compiler cannot know.
        }
    }

    private static void DropExternalDatabases(string server)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(server);
            connection.Open();
            while (ExternalDatabases.TryDequeue(out var name))
            {
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
            }
        }
        catch (NpgsqlException e)
        {
            Console.Error.WriteLine($"Test databases left on {PostgresCluster.ServerVariable}'s server: {e.Message}");
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still open somewhere (Windows): the temporary area is cleaned some other day.
        }
    }
}
