using System.Data.Common;
using Forlop.App.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Forlop.App.Tests.Infrastructure;

public sealed class TestDatabasesTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task CreateAsync_AnyKind_GivesADatabaseTheAppTakesAndThatAnswersAQuery(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;

        var db = await TestDatabases.CreateAsync(kind, ct);

        Assert.Equal(kind == DatabaseKind.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, DatabaseTarget.Parse(db).Provider);
        if (kind == DatabaseKind.Sqlite)
        {
            Assert.Equal(1L, await ScalarAsync(kind, db, "select 1", ct));
        }
        else
        {
            Assert.Contains("PostgreSQL", (string?)await ScalarAsync(kind, db, "select version()", ct), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task CreateAsync_Twice_GivesTwoSeparateDatabases(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;

        var first = await TestDatabases.CreateAsync(kind, ct);
        var second = await TestDatabases.CreateAsync(kind, ct);
        await ScalarAsync(kind, first, "create table only_in_first (id integer)", ct);

        Assert.NotEqual(first, second);
        var tableCount = kind == DatabaseKind.Sqlite
            ? "select count(*) from sqlite_master where name = 'only_in_first'"
            : "select count(*) from pg_tables where tablename = 'only_in_first'";
        Assert.Equal(1L, await ScalarAsync(kind, first, tableCount, ct));
        Assert.Equal(0L, await ScalarAsync(kind, second, tableCount, ct));
    }

    private static async Task<object?> ScalarAsync(DatabaseKind kind, string db, string sql, CancellationToken ct)
    {
        await using DbConnection connection = kind == DatabaseKind.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db }.ConnectionString)
            : new NpgsqlConnection(db);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}
