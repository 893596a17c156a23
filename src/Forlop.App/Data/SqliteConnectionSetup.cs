using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Forlop.App.Data;

/// <summary>
/// Settings every SQLite connection of the registry gets when it opens. Memory-mapped reads: SQLite drops a
/// connection's page cache whenever another connection commits, and in the web host something commits every few
/// milliseconds (the access log), so each request re-read its pages through pread; mapped, a page is read in place.
/// The tracking list under load spent about 15 % of the host's CPU copying pages (bench/load.sh, docs/performance.md).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    /// <summary>Bytes of the file SQLite may map; the file is read beyond it as before.</summary>
    public const long MappedBytes = 1L << 30;

    private SqliteConnectionSetup()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA mmap_size = {MappedBytes}";
        command.ExecuteNonQuery();
    }
}
