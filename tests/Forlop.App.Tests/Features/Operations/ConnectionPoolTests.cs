using System.Net;
using Forlop.App.Data;
using Forlop.App.Tests.Infrastructure;
using Npgsql;

namespace Forlop.App.Tests.Features.Operations;

public class ConnectionPoolTests
{
    /// <summary>Forløp bounds the pool below PostgreSQL's default limit of 100 unless the connection string says otherwise.</summary>
    [Theory]
    [InlineData("Host=db;Database=forlop", DatabaseTarget.DefaultMaxPoolSize)]
    [InlineData("postgres://forlop@db/forlop", DatabaseTarget.DefaultMaxPoolSize)]
    // The operator's own size wins, in any of Npgsql's spellings.
    [InlineData("Host=db;Database=forlop;Maximum Pool Size=7", 7)]
    [InlineData("Host=db;Database=forlop;MaxPoolSize=9", 9)]
    [InlineData("postgres://forlop@db/forlop?Maximum%20Pool%20Size=11", 11)]
    public void PostgresTargets_HaveAPoolBelowTheServersLimit(string db, int expected)
    {
        var target = DatabaseTarget.Parse(db);
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        Assert.Equal(expected, builder.MaxPoolSize);
        Assert.True(builder.MaxPoolSize < 100);
    }

    /// <summary>Many more concurrent requests than pooled connections: they wait for a connection, none fails, and the server never sees more than the pool.</summary>
    [Fact]
    public async Task MoreConcurrentRequestsThanThePool_AllSucceed_WithinThePool()
    {
        var ct = TestContext.Current.CancellationToken;
        const int pool = 4;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Postgres, ct);
        Assert.Equal(0, (await Cli.ImportAsync(db, EventsFiles.WriteRows($"r1,{TestPatients.Number(1)},OUS,A01A,2016-09-01,,"))).ExitCode);
        var database = new NpgsqlConnectionStringBuilder(db).Database;
        NpgsqlConnection.ClearAllPools(); // the import's idle connections are not the web host's
        var (app, client) = await TestWebHost.StartAsync(db + $";Maximum Pool Size={pool}");
        await using (app)
        using (client)
        {
            var most = 0;
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var watcher = Task.Run(async () =>
            {
                await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Database = "postgres", Pooling = false }.ConnectionString);
                await admin.OpenAsync(ct);
                while (!watching.IsCancellationRequested)
                {
                    await using var count = new NpgsqlCommand($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}'", admin);
                    most = Math.Max(most, Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
                    await Task.Delay(20, ct);
                }
            }, ct);
            var paths = new[] { "/readyz", "/api/v1/indicators/completed-within-standard?period=2016-T3", "/api/v1/exports/public/completed-within-standard?period=2016" };
            var answers = await Task.WhenAll(Enumerable.Range(0, 120).Select(async i =>
            {
                using var response = await client.GetAsync(new Uri(paths[i % paths.Length], UriKind.Relative), ct);
                return response.StatusCode;
            }));
            await watching.CancelAsync();
            await watcher.ContinueWith(_ => { }, CancellationToken.None);
            Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
            Assert.InRange(most, 1, pool);
        }
    }
}
