using System.Net.Http.Headers;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Serve;
using Forlop.Domain.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Tests.Infrastructure;

/// <summary>
/// A registry with one open A01 episode at each of three places — Oslo universitetssykehus (the HF itself), its unit
/// OUS-KIR, and Helse Bergen — the demo users, a coordinator limited to OUS-KIR, and API tokens for OUS and HB;
/// served on a loopback port. With <c>completed</c>, each place also has a patient treated five days ago
/// (<see cref="Completed"/>), counted in the dashboard's figures of <see cref="CompletedPeriod"/>.
/// </summary>
public sealed class PersonDataScenario : IAsyncDisposable
{
    public const string Unit = "OUS-KIR";

    public required WebApplication App { get; init; }
    public required string Db { get; init; }
    public required IReadOnlyDictionary<string, Place> Places { get; init; }
    public required IReadOnlyDictionary<string, string> Tokens { get; init; }
    public IReadOnlyDictionary<string, Place> Completed { get; init; } = new Dictionary<string, Place>(StringComparer.Ordinal);

    /// <summary>The month the completed patients were treated in (YYYY-MM).</summary>
    public string CompletedPeriod => Today.PlusDays(-5).ToString("yyyy-MM", null);
    public LocalDate Today { get; } = SystemClock.Instance.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;

    /// <summary>A patient with one open episode: its start (a row to correct) and first attendance (a row to withdraw).</summary>
    public sealed record Place(string Organisation, string Hf, string NationalId, long EpisodeId, long StartEventId, long AttendanceEventId);

    public static async Task<PersonDataScenario> StartAsync(DatabaseKind kind, bool completed = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        var today = SystemClock.Instance.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;
        string Day(int daysAgo) => today.PlusDays(-daysAgo).ToString("yyyy-MM-dd", null);
        var addUnit = await Cli.RunAsync("add-unit", "--db", db, Unit, "--hf", "OUS", "--name", "Kirurgisk klinikk");
        Assert.Equal(0, addUnit.ExitCode);
        var places = new[] { ("OUS", "OUS", TestPatients.Number(1)), (Unit, "OUS", TestPatients.Number(2)), ("HB", "HB", TestPatients.Number(3)) };
        var done = completed ? places.Select((p, i) => (p.Item1, p.Item2, TestPatients.Number(10 + i))).ToArray() : [];
        var import = await Cli.ImportAsync(db, EventsFiles.WriteRows(places.SelectMany((p, i) => new[]
        {
            $"s{i},{p.Item3},{p.Item1},A01A,{Day(20)},,",
            $"f{i},{p.Item3},{p.Item1},A01S,{Day(10)},,",
        }).Concat(done.SelectMany((p, i) => new[]
        {
            // Surgery five days ago: a completed pathway behind the dashboard's figures.
            $"ds{i},{p.Item3},{p.Item1},A01A,{Day(40)},,",
            $"dt{i},{p.Item3},{p.Item1},A01FK,{Day(5)},,",
        })).ToArray()));
        Assert.True(import.ExitCode == 0, import.Output + import.Error);

        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        var found = new Dictionary<string, Place>(StringComparer.Ordinal);
        var treated = new Dictionary<string, Place>(StringComparer.Ordinal);
        await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct))
        {
            var now = DateTime.UtcNow;
            await LocalAccounts.AddDemoUsersAsync(store.Db, now, ct);
            await LocalAccounts.AddAsync(store.Db, new Actor("koordinator-kir", "Kim Kirurg", Role.Coordinator, "OUS", [Unit]), LocalAccounts.DemoPassword, now, ct);
            tokens["OUS"] = await ApiTokens.AddClientAsync(store.Db, "dips-ous", "OUS", now, ct);
            tokens["HB"] = await ApiTokens.AddClientAsync(store.Db, "dips-hb", "HB", now, ct);
            foreach (var (organisation, hf, nin) in places)
            {
                var patient = await store.Db.Patients.SingleAsync(p => p.NationalId == nin, ct);
                var events = await store.Db.Events.Where(e => e.PatientId == patient.Id).OrderBy(e => e.Id).ToListAsync(ct);
                var episode = await store.Db.Episodes.SingleAsync(e => e.PatientId == patient.Id, ct);
                found[organisation] = new Place(organisation, hf, nin, episode.Id, events[0].Id, events[1].Id);
            }
            foreach (var (organisation, hf, nin) in done)
            {
                var patient = await store.Db.Patients.SingleAsync(p => p.NationalId == nin, ct);
                var events = await store.Db.Events.Where(e => e.PatientId == patient.Id).OrderBy(e => e.Id).ToListAsync(ct);
                var episode = await store.Db.Episodes.SingleAsync(e => e.PatientId == patient.Id, ct);
                treated[organisation] = new Place(organisation, hf, nin, episode.Id, events[0].Id, events[1].Id);
            }
        }
        var app = await WebHost.BuildAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), "http://127.0.0.1:0", settings: settings);
        await app.StartAsync(ct);
        return new PersonDataScenario { App = app, Db = db, Places = found, Tokens = tokens, Completed = treated };
    }

    public Uri BaseAddress => new(App.Urls.First());

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public HttpClient WithToken(string organisation)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens[organisation]);
        return client;
    }

    /// <summary>A client signed in through the login form, as a browser does (antiforgery token included).</summary>
    public Task<HttpClient> SignedInAsync(string userName, string password = LocalAccounts.DemoPassword) => SignIn.AsAsync(BaseAddress, userName, password);

    public RegistryDb OpenDb() => DatabaseTarget.Parse(Db).CreateContext();

    /// <summary>The patient's record version: the id of its newest row.</summary>
    public async Task<string> VersionAsync(string nationalId)
    {
        await using var db = OpenDb();
        var id = await db.Patients.Where(p => p.NationalId == nationalId).Select(p => p.Id).SingleAsync();
        return (await db.Events.Where(e => e.PatientId == id).MaxAsync(e => e.Id)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The newest row of a correction chain (what a further correction must replace).</summary>
    public async Task<long> HeadOfChainAsync(long rootId)
    {
        await using var db = OpenDb();
        return await db.Events.Where(e => e.RootId == rootId).MaxAsync(e => e.Id);
    }

    public async Task<int> LogEntriesAsync(string user, string nationalId)
    {
        await using var db = OpenDb();
        return await db.AccessLog.CountAsync(e => e.User == user && e.Patient == nationalId);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
