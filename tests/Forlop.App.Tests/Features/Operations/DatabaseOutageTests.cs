using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace Forlop.App.Tests.Features.Operations;

/// <summary>
/// PostgreSQL stops under load and comes back: every registration is answered 201 (stored) or 503 with Retry-After
/// (not stored, to send again) — nothing else — every 201 is in the registry afterwards, and the server serves again by
/// itself. The pages say so in Norwegian meanwhile.
/// </summary>
public class DatabaseOutageTests
{
    [Fact]
    public async Task PostgresStopsUnderLoad_FailuresAre503_AndEvery201IsStored_AndItRecovers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await PostgresCluster.StartOwnAsync(ct);
        await using (var admin = new NpgsqlConnection(cluster.Server))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand("CREATE DATABASE forlop_outage", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        var db = new NpgsqlConnectionStringBuilder(cluster.Server) { Database = "forlop_outage" }.ConnectionString;
        string token;
        await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct))
        {
            token = await ApiTokens.AddClientAsync(store.Db, "dips-ous", "OUS", DateTime.UtcNow, ct);
        }
        var (app, client) = await TestWebHost.StartAsync(db);
        await using var _ = app;
        using var __ = client;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var yesterday = SystemClock.Instance.GetCurrentInstant().InZone(RegistryStore.Oslo).Date.PlusDays(-1).ToString("yyyy-MM-dd", null);

        var created = new ConcurrentBag<string>();
        var answers = new ConcurrentDictionary<HttpStatusCode, int>();
        var wrong = new ConcurrentBag<string>();
        var next = 0;
        var clock = Stopwatch.StartNew();
        var load = TimeSpan.FromSeconds(60);
        async Task WorkerAsync()
        {
            while (clock.Elapsed < load)
            {
                var patient = TestPatients.Number(1000 + Interlocked.Increment(ref next));
                using var response = await client.PostAsJsonAsync("/api/v1/events", new { nationalId = patient, organisation = "OUS", code = "A01A", date = yesterday }, ct);
                answers.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    created.Add(patient);
                }
                else if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is null)
                {
                    wrong.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                }
                else
                {
                    await Task.Delay(50, ct);
                }
            }
        }

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(WorkerAsync, ct)).ToList();
        // Under load first: the first requests of a cold host take a while on a busy machine.
        while (created.Count < 20 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100, ct);
        }
        load = clock.Elapsed + TimeSpan.FromSeconds(12);
        var before = created.Count;
        await cluster.StopAsync(ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var page = await client.GetAsync(new Uri("/statistikk", UriKind.Relative), ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var duringOutage = created.Count;
        await cluster.StartAsync(ct);
        await Task.WhenAll(workers);

        Assert.True(wrong.IsEmpty, $"answers other than 201 and 503 with Retry-After:\n{string.Join('\n', wrong.Take(10))}");
        Assert.True(before > 0, $"nothing was registered before the outage ({string.Join(", ", answers.Select(a => $"{a.Key}: {a.Value}"))})");
        Assert.True(answers.GetValueOrDefault(HttpStatusCode.ServiceUnavailable) > 0, "no request met the outage");
        Assert.True(created.Count > duringOutage, $"nothing was registered after the server came back ({string.Join(", ", answers.Select(a => $"{a.Key}: {a.Value}"))})");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("midlertidig utilgjengelig", html, StringComparison.Ordinal);

        await using var check = DatabaseTarget.Parse(db).CreateContext();
        var stored = (await check.Patients.Select(p => p.NationalId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var lost = created.Where(p => !stored.Contains(p)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {created.Count} registrations answered 201 are not stored");
        TestContext.Current.SendDiagnosticMessage($"outage test: {string.Join(", ", answers.Select(a => $"{(int)a.Key}: {a.Value}"))}");
    }
}
