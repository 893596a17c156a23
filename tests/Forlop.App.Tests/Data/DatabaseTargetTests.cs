using Forlop.App.Data;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Forlop.App.Tests.Data;

/// <summary>How the registry's contexts are made: settings the web host's speed under load depends on (bench/load.sh).</summary>
public sealed class DatabaseTargetTests
{
    /// <summary>
    /// Not memory-mapped (decision 0035): SQLite unmaps the whole file whenever a read starts after another connection's
    /// commit, which in the web host is several times a second, and maps each page again on its first touch. With the
    /// tracking list reading its covering index, reading pages through pread cost a third less CPU per request.
    /// </summary>
    [Fact]
    public async Task SqliteConnections_AreNotMemoryMapped()
    {
        var ct = TestContext.Current.CancellationToken;
        var target = DatabaseTarget.Parse(await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct));
        await using var db = target.CreateContext();

        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA mmap_size";
        var mapped = (long?)await command.ExecuteScalarAsync(ct);

        Assert.Equal(0, mapped);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SameDatabase_IsEqual_AfterOneTargetBuiltAContext(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        var used = DatabaseTarget.Parse(db);
        await using (var context = used.CreateContext())
        {
            _ = context.Model;
        }
        var fresh = DatabaseTarget.Parse(db);

        Assert.Equal(fresh, used);
        Assert.Equal(fresh.GetHashCode(), used.GetHashCode());
        Assert.NotEqual(DatabaseTarget.Parse(db + (kind == DatabaseKind.Sqlite ? ".other" : ";Application Name=other")), used);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task CreateContext_Twice_SharesOneOptionsInstance(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var target = DatabaseTarget.Parse(await TestDatabases.CreateAsync(kind, ct));

        await using var first = target.CreateContext();
        await using var second = target.CreateContext();

        Assert.Same(first.GetService<IDbContextOptions>(), second.GetService<IDbContextOptions>());
    }
}
