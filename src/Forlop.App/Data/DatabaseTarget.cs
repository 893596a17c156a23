using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Forlop.App.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The database a command works on, from the `--db` argument: a path to an SQLite file (created when missing)
/// or a PostgreSQL connection string (<c>Host=…;Database=…</c> or a <c>postgres://</c> URI).
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString, string Display)
{
    public const string DefaultPath = "./data/forlop.db";

    public static DatabaseTarget Parse(string? db)
    {
        db = string.IsNullOrWhiteSpace(db) ? DefaultPath : db.Trim();
        if (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromUri(db);
        }
        if (db.Contains("Host=", StringComparison.OrdinalIgnoreCase) || db.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(new NpgsqlConnectionStringBuilder(db));
        }
        var path = Path.GetFullPath(db);
        var sqlite = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        };
        return new(DatabaseProvider.Sqlite, sqlite.ConnectionString, path);
    }

    private static DatabaseTarget FromUri(string text)
    {
        var uri = new Uri(text);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return Postgres(builder);
    }

    /// <summary>
    /// Forløp's pool size when the connection string names none: below PostgreSQL's default <c>max_connections</c>
    /// of 100 (less its reserved superuser slots), so a burst of requests waits for a pooled connection instead of
    /// being refused by the server ("sorry, too many clients already"). docs/decisions/0018-operations-and-failures.md.
    /// </summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>Seconds a request waits for a free pooled connection before it fails (Npgsql's default is 15).</summary>
    public const int DefaultPoolWaitSeconds = 30;

    private static DatabaseTarget Postgres(NpgsqlConnectionStringBuilder builder)
    {
        // A value the operator wrote wins; only the defaults are Forløp's. Npgsql's builder answers ContainsKey for
        // every keyword it knows, so what was written is read from its canonical text (aliases come out canonical).
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
        if (!written.ContainsKey("Maximum Pool Size"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }
        if (!written.ContainsKey("Timeout"))
        {
            builder.Timeout = DefaultPoolWaitSeconds;
        }
        return new(DatabaseProvider.Postgres, builder.ConnectionString, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
    }

    /// <summary>
    /// Where the access log's key and checkpoints live (AccessLogSeal, decision 0017): <c>FORLOP_SEAL_DIR</c> when set;
    /// otherwise beside the SQLite file, or per PostgreSQL database under the user's local data folder.
    /// </summary>
    public string SealDirectory => Environment.GetEnvironmentVariable(Features.AccessLog.AccessLogSeal.DirectoryVariable) is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Provider == DatabaseProvider.Sqlite
            ? Display + ".seal"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "forlop", "seal",
                PostgresFolderName(new NpgsqlConnectionStringBuilder(ConnectionString)));

    private static string PostgresFolderName(NpgsqlConnectionStringBuilder b) =>
        string.Concat($"{b.Host}-{b.Port}-{b.Database}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    public Features.AccessLog.AccessLogSeal Seal => _seal ??= Features.AccessLog.AccessLogSeal.Open(SealDirectory);

    private Features.AccessLog.AccessLogSeal? _seal;

    /// <summary>
    /// The access log's lookup by patient in a file beside an SQLite registry (decision 0034); null on PostgreSQL,
    /// where the log's own index on patient serves, as writers there do not queue behind one lock.
    /// </summary>
    public Features.AccessLog.AccessLogPatientLookup? PatientLookup => Provider == DatabaseProvider.Sqlite
        ? _patientLookup ??= new Features.AccessLog.AccessLogPatientLookup(Display)
        : null;

    private Features.AccessLog.AccessLogPatientLookup? _patientLookup;

    // Built once per target: building options for every context made EF Core look up its internal service provider
    // on each request, a few percent of the web host's CPU under load (bench/load.sh).
    private DbContextOptions? _options;

    // Two targets are the same database when their provider and connection string are; the seal and the built
    // options are caches of that, and a record's generated equality would compare them too (a target that had built a
    // context differed from a fresh parse of the same --db).
    public bool Equals(DatabaseTarget? other) =>
        other is not null && Provider == other.Provider && string.Equals(ConnectionString, other.ConnectionString, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Provider, StringComparer.Ordinal.GetHashCode(ConnectionString));

    public RegistryDb CreateContext()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return new SqliteRegistryDb((DbContextOptions<SqliteRegistryDb>)(_options ??= new DbContextOptionsBuilder<SqliteRegistryDb>()
                .UseSqlite(ConnectionString)
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(Features.AccessLog.AccessLogHeadInterceptor.Instance)
                .Options)) { Target = this };
        }
        return new PostgresRegistryDb((DbContextOptions<PostgresRegistryDb>)(_options ??= new DbContextOptionsBuilder<PostgresRegistryDb>()
            .UseNpgsql(ConnectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(Features.AccessLog.AccessLogHeadInterceptor.Instance)
            .Options)) { Target = this };
    }
}
