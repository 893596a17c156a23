// Load test: N signed-in coordinators, spread over the HFs, use the tracking list and register points against a
// running `forlop serve` on loopback, for a bounded time. Prints p50/p90/p99 per action as a Markdown table.
//
//   bash bench/load.sh [--users 200] [--seconds 60] [--think-ms 1000] [--db DB] [--pages 20] [--risk-sort 0]
//
// With --pages N, one signed-in user first opens each page of PagesTimed N times, one request at a time before the
// load starts: the server's first rendering of a warm page (what a browser waits for before anything shows; the
// live connection comes after), as p50/p90/max in a second table.
//
// Each user waits a random think time (0.5–1.5 × --think-ms) between requests, as people do; --think-ms 0 gives the
// saturated rate instead. The server runs in its own process, so the generator's work is not counted in latencies.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Demo;
using Forlop.Domain.Patients;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

var users = Arg("--users", 200);
var seconds = Arg("--seconds", 60);
var warmup = Arg("--warmup", 10);
var thinkMs = Arg("--think-ms", 1000);
var registerShare = Arg("--register-percent", 10);
// --risk-sort 0 leaves the list sorted by predicted breach out of the mix (a page unsorted instead): the mix of the code
// before predictions, for an A/B against it with the same requests.
var riskSort = Arg("--risk-sort", 1) != 0;
var pageRuns = Arg("--pages", 0);
var db = ArgText("--db") ?? Path.Combine(Path.GetTempPath(), "forlop-load", "forlop.db");
var catalog = CatalogueFiles.ResolveDirectory(ArgText("--catalog"));
var ct = CancellationToken.None;
RunStart = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

// 1. A registry at national demo volume, and the load's users.
List<(string User, string Hf)> accounts;
await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), catalog, SystemClock.Instance, ct))
{
    if (await DemoCommand.IsEmptyAsync(store.Db, ct))
    {
        await DemoCommand.FillAsync(store, store.Today.Year - 1, DemoCommand.NationalYearlyVolume, 2015, Console.Out, ct, years: 2);
    }
    var hfs = store.Organisations.All.Where(o => o.Kind == Forlop.Domain.Organisations.OrganisationKind.Hf).Select(o => o.Code.Value).ToList();
    accounts = Enumerable.Range(0, users).Select(i => ($"last-{i:D3}", hfs[i % hfs.Count])).ToList();
    var existing = await store.Db.Users.Where(u => u.UserName.StartsWith("last-")).Select(u => u.UserName).ToListAsync(ct);
    // One PBKDF2 hash for all: it carries its own salt, and hashing 200 times would only slow the set-up.
    var hash = new PasswordHasher<UserEntity>().HashPassword(null!, LocalAccounts.DemoPassword);
    store.Db.Users.AddRange(accounts.Where(a => !existing.Contains(a.User)).Select(a => new UserEntity
    {
        UserName = a.User, DisplayName = a.User, PasswordHash = hash, Role = "coordinator", Organisation = a.Hf, Units = "", CreatedAt = DateTime.UtcNow,
    }));
    await store.Db.SaveChangesAsync(ct);
    Console.Error.WriteLine($"registry: {await store.Db.Events.CountAsync(ct):N0} events, {await store.Db.Episodes.CountAsync(e => e.NextDeadline != null, ct):N0} open episodes with a deadline");
}

// 2. The server, in its own process.
var port = FreePort();
var baseAddress = new Uri($"http://127.0.0.1:{port}");
using var server = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "forlop.dll"), "serve", "--db", db, "--catalog", catalog, "--urls", baseAddress.ToString()])
{
    RedirectStandardOutput = true, RedirectStandardError = true,
    // Every load user signs in from this one loopback address: lift the per-address sign-in limit (Forlop:SignIn).
    Environment = { ["Forlop__SignIn__PerAddressPerMinute"] = "100000" },
})!;
// Drain the server's output into a file: an unread pipe fills up and stalls the server.
var serverLog = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(db.Contains('=') ? Path.GetTempPath() : db))!, "server.log");
await using var serverLogWriter = new StreamWriter(serverLog) { AutoFlush = true };
server.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (serverLogWriter) { serverLogWriter.WriteLine(e.Data); } } };
server.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (serverLogWriter) { serverLogWriter.WriteLine(e.Data); } } };
server.BeginOutputReadLine();
server.BeginErrorReadLine();
Console.Error.WriteLine($"server output: {serverLog}");
try
{
    await WaitForAsync(baseAddress);
    // The working day, not the minute after a restart: wait until the server's start-up reads (cube, predictions'
    // history, public figures) are done, which otherwise run beside the measured requests and take both cores.
    var warming = Stopwatch.StartNew();
    await WaitForWarmAsync(baseAddress);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server warm after {warming.Elapsed.TotalSeconds:F0} s (GET /startupz)"));

    // 3. Sign everyone in (not measured).
    var clients = await Task.WhenAll(accounts.Select(async a => (a.User, a.Hf, Client: await SignInAsync(baseAddress, a.User))));
    Console.Error.WriteLine($"{clients.Length} users signed in; warming up {warmup} s, measuring {seconds} s, think time {thinkMs} ms");

    if (pageRuns > 0)
    {
        await TimePagesAsync(clients[0].Client, pageRuns);
    }

    var samples = new System.Collections.Concurrent.ConcurrentBag<(string Action, double Ms, bool Ok)>();
    var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
    var measuring = false;
    using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(warmup + seconds));
    var today = SystemClock.Instance.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;
    var serial = 0;
    var loops = clients.Select((c, index) => Task.Run(async () =>
    {
        var random = new Random(index);
        while (!stop.IsCancellationRequested)
        {
            string action;
            var watch = Stopwatch.StartNew();
            bool ok;
            if (random.Next(100) < registerShare)
            {
                action = "register a start (POST /api/v1/events)";
                var n = Interlocked.Increment(ref serial);
                var nin = Patient(n);
                using var response = await c.Client.PostAsJsonAsync("/api/v1/events", new { nationalId = nin, organisation = c.Hf, code = "A01A", date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
                ok = response.StatusCode == HttpStatusCode.Created;
                if (!ok && Volatile.Read(ref measuring))
                {
                    errors.Add($"POST /api/v1/events {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            else
            {
                action = "tracking list (GET /api/v1/tracking-list)";
                var query = random.Next(5) switch
                {
                    0 => "?status=overdue",
                    1 => $"?page={random.Next(1, 4)}",
                    2 => "?pathway=A16",
                    // Sorted by predicted breach: every open episode of the HF forecast, not only the page's (decision 0026).
                    3 when riskSort => "?sort=risiko",
                    _ => "",
                };
                using var response = await c.Client.GetAsync(new Uri("/api/v1/tracking-list" + query, UriKind.Relative));
                ok = response.StatusCode == HttpStatusCode.OK;
                var body = await response.Content.ReadAsStringAsync();
                if (!ok && Volatile.Read(ref measuring))
                {
                    errors.Add($"GET /api/v1/tracking-list {(int)response.StatusCode}: {body}");
                }
            }
            var ms = watch.Elapsed.TotalMilliseconds;
            if (Volatile.Read(ref measuring))
            {
                samples.Add((action, ms, ok));
            }
            if (thinkMs > 0)
            {
                try { await Task.Delay(TimeSpan.FromMilliseconds(thinkMs * (0.5 + random.NextDouble())), stop.Token); }
                catch (TaskCanceledException) { }
            }
        }
    })).ToList();
    await Task.Delay(TimeSpan.FromSeconds(warmup));
    Volatile.Write(ref measuring, true);
    // CPU time per request, of the server and of this load generator, over the measured window: on a shared machine the
    // latencies measure the queue for the cores as much as the code, the CPU a request costs much less so.
    server.Refresh();
    var serverCpu = server.TotalProcessorTime;
    var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
    await Task.WhenAll(loops);
    server.Refresh();
    serverCpu = server.TotalProcessorTime - serverCpu;
    ownCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;

    // What failed, so that an error count in the table can be explained (first few of each kind, on stderr).
    foreach (var kind in errors.GroupBy(e => e.Length > 160 ? e[..160] : e).OrderByDescending(g => g.Count()).Take(5))
    {
        Console.Error.WriteLine($"error × {kind.Count()}: {kind.Key}");
    }
    Console.WriteLine($"| users | think time | action | requests | errors | req/s | p50 ms | p90 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
    foreach (var group in samples.GroupBy(s => s.Action).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var ms = group.Select(s => s.Ms).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {users} | {thinkMs} ms | {group.Key} | {ms.Length} | {group.Count(s => !s.Ok)} | {ms.Length / (double)seconds:F0} | {P(ms, 50):F1} | {P(ms, 90):F1} | {P(ms, 99):F1} | {ms[^1]:F1} |"));
    }
    var requests = Math.Max(1, samples.Count);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"\nCPU per request over the measured {seconds} s: server {serverCpu.TotalMilliseconds / requests:F2} ms, load generator {ownCpu.TotalMilliseconds / requests:F2} ms ({requests} requests; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end)"));
}
finally
{
    server.Kill(entireProcessTree: true);
}

// A coordinator's pages at national volume: her dashboard (figures from the kept cube, decision 0020) and her list.
static async Task TimePagesAsync(HttpClient client, int runs)
{
    // Each with a mark of the page itself, so a sign-in page or a refusal is not timed in its place.
    (string Page, string Mark)[] pages = [("/dashbord", "id=\"dashboard-table\""), ("/sporingsliste", "id=\"tracking-search\"")];
    Console.WriteLine("| page (one user, before the load) | runs | p50 ms | p90 ms | max ms |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var (page, mark) in pages)
    {
        // The first opening is the warm-up (the cube counted, the page's code compiled): not counted.
        using (var first = await client.GetAsync(new Uri(page, UriKind.Relative)))
        {
            first.EnsureSuccessStatusCode();
            if (!(await first.Content.ReadAsStringAsync()).Contains(mark, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{page} answered without {mark}: not the page itself");
            }
        }
        var ms = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            ms[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(ms);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| GET {page} | {runs} | {P(ms, 50):F1} | {P(ms, 90):F1} | {ms[^1]:F1} |"));
    }
    Console.WriteLine();
}

static double P(double[] sorted, double percentile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)];

string? ArgText(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int Arg(string name, int fallback) => ArgText(name) is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : fallback;

static string Patient(int n)
{
    // Synthetic numbers (month + 80) born 1900–1929, so they never meet the demo's patients; the run's start time
    // shifts the individual numbers so a rerun on the same registry registers new patients. 1900–1999 births take
    // individual numbers 000–499.
    var birth = new LocalDate(1900, 1, 1).PlusDays(n % 10_950);
    var offset = (int)(RunStart % 500);
    for (var attempt = 0; attempt < 500; attempt++)
    {
        if (NationalIdentityNumber.TryCreate(birth, (offset + n / 10_950 + attempt) % 500, NationalIdentityNumberKind.Synthetic, out var number))
        {
            return number.Value;
        }
    }
    throw new InvalidOperationException($"no identity number for {birth}");
}

static int FreePort()
{
    using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
    socket.Start();
    return ((IPEndPoint)socket.LocalEndpoint).Port;
}

// Started: the login page answers (within a minute). Warm: the start-up probe answers 200 (within ten minutes).
static Task WaitForAsync(Uri address) => PollAsync(address, "/logg-inn", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(500), "the server did not start within a minute");

static Task WaitForWarmAsync(Uri address) =>
    PollAsync(address, "/startupz", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1), "the server did not finish its start-up reads within ten minutes");

static async Task PollAsync(Uri address, string path, TimeSpan limit, TimeSpan pause, string failure)
{
    using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
    var waited = Stopwatch.StartNew();
    while (waited.Elapsed < limit)
    {
        try
        {
            if ((await probe.GetAsync(new Uri(path, UriKind.Relative))).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException) { }
        catch (TaskCanceledException) { }
        await Task.Delay(pause);
    }
    throw new InvalidOperationException(failure);
}

static async Task<HttpClient> SignInAsync(Uri address, string user)
{
    var client = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = address };
    var page = await client.GetStringAsync(new Uri("/logg-inn", UriKind.Relative));
    var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    using var form = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["userName"] = user, ["password"] = LocalAccounts.DemoPassword, ["returnUrl"] = "/",
    });
    var response = await client.PostAsync(new Uri("/konto/logg-inn", UriKind.Relative), form);
    if (response.RequestMessage!.RequestUri!.Query.Contains("feil=1", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"{user} could not sign in");
    }
    return client;
}

internal static partial class Program
{
    internal static long RunStart;
}
