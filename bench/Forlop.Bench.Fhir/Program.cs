// EpisodeOfCare searched by _lastUpdated at national volume (issue 14): a hospital system's incremental sync.
//
//   bash bench/fhir.sh [--db DB] [--repeat 20]
//
// A registry with a year of national demo volume (filled on first use under /tmp/forlop-fhir), one hospital system
// of the largest HF, the web host on loopback in this process and Firely's FhirClient as the hospital system. Measured:
// (1) a sync that finds nothing new, (2) one that finds the few points registered since the last sync, (3) the first
// sync of the whole HF, every page of 500 followed by its next link. Prints a Markdown table for docs/performance.md.
using System.Diagnostics;
using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Demo;
using Forlop.App.Features.Fhir;
using Forlop.App.Features.Serve;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using NodaTime;

var db = ArgText("--db") ?? Path.Combine(Path.GetTempPath(), "forlop-fhir", "forlop.db");
var repeat = int.Parse(ArgText("--repeat") ?? "20", CultureInfo.InvariantCulture);
var catalog = CatalogueFiles.ResolveDirectory(ArgText("--catalog"));
var ct = CancellationToken.None;
if (!db.Contains('=', StringComparison.Ordinal))
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(db))!);
}

string token;
string hf;
int events;
int episodes;
await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), catalog, SystemClock.Instance, ct))
{
    if (await DemoCommand.IsEmptyAsync(store.Db, ct))
    {
        await DemoCommand.FillAsync(store, store.Today.Year - 1, DemoCommand.NationalYearlyVolume, 2015, Console.Error, ct);
    }
    hf = await store.Db.Episodes.GroupBy(e => e.Hf).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(ct);
    token = await ApiTokens.AddClientAsync(store.Db, "bench-" + Guid.NewGuid().ToString("N")[..8], hf, DateTime.UtcNow, ct);
    events = await store.Db.Events.CountAsync(ct);
    episodes = await store.Db.Episodes.CountAsync(e => e.Hf == hf, ct);
}
Console.Error.WriteLine($"registry: {events:N0} events; {hf} holds {episodes:N0} episodes");

await using var app = await WebHost.BuildAsync(DatabaseTarget.Parse(db), catalog, "http://127.0.0.1:0");
await app.StartAsync(ct);
using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
var client = new FhirClient(new Uri(http.BaseAddress, "/fhir"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

var rows = new List<string>();
string Since(DateTimeOffset at) => "_lastUpdated=gt" + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

// (1) Nothing new since a moment ago.
var now = DateTimeOffset.UtcNow;
await client.SearchAsync<EpisodeOfCare>([Since(now)], ct: ct);
rows.Add(Row("sync, nothing new", await TimeAsync(() => client.SearchAsync<EpisodeOfCare>([Since(now)], ct: ct)), 0));

// (2) Ten points registered since the last sync, through a transaction.
var mark = DateTimeOffset.UtcNow.AddSeconds(-1);
var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
var day = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
for (var i = 0; i < 10; i++)
{
    bundle.Entry.Add(new Bundle.EntryComponent
    {
        Resource = new Encounter
        {
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding(FhirSystems.ActCode, "AMB"),
            Identifier = [new Identifier(FhirSystems.RecordId, "bench-" + Guid.NewGuid().ToString("N"))],
            Subject = new ResourceReference { Identifier = new Identifier(FhirSystems.BirthNumber, Patient(i)) },
            ServiceProvider = new ResourceReference { Identifier = new Identifier(FhirSystems.Organisation, hf) },
            Type = [new CodeableConcept(FhirSystems.PathwayCodes, "A16A")],
            Period = new Hl7.Fhir.Model.Period { Start = day },
        },
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Encounter" },
    });
}
var write = Stopwatch.StartNew();
var answer = await client.TransactionAsync(bundle, ct: ct);
write.Stop();
var stored = answer!.Entry.Count(e => e.Response?.Status?.StartsWith("201", StringComparison.Ordinal) == true);
rows.Add($"| transaction of 10 points (each through RegisterEvent) | {write.Elapsed.TotalMilliseconds:F0} | – | {stored} stored |");
var found = 0;
rows.Add(Row("sync, the points since the last sync", await TimeAsync(async () => found = (await client.SearchAsync<EpisodeOfCare>([Since(mark)], ct: ct))!.Entry.Count), found));

// (3) The first sync: every episode of the HF, 500 a page.
var first = Stopwatch.StartNew();
var page = await client.SearchAsync<EpisodeOfCare>([Since(DateTimeOffset.UnixEpoch), "_count=500"], ct: ct);
var total = 0;
var pages = 0;
while (page is not null)
{
    total += page.Entry.Count;
    pages++;
    page = await client.ContinueAsync(page, ct: ct);
}
first.Stop();
rows.Add($"| first sync: all {hf}'s episodes, {pages} pages of 500 | {first.Elapsed.TotalMilliseconds:F0} | {first.Elapsed.TotalMilliseconds / pages:F0} per page | {total:N0} |");

Console.WriteLine($"{events:N0} events in the registry, {DatabaseTarget.Parse(db).GetType().Name}; {hf}: {episodes:N0} episodes; {repeat} runs each after one warm-up.");
Console.WriteLine();
Console.WriteLine("| search | p50 ms | p90 ms | episodes |");
Console.WriteLine("| --- | ---: | ---: | ---: |");
rows.ForEach(Console.WriteLine);
return 0;

string Row(string what, List<double> ms, int count)
{
    ms.Sort();
    return $"| {what} | {ms[ms.Count / 2]:F1} | {ms[(int)(ms.Count * 0.9)]:F1} | {count} |";
}

async Task<List<double>> TimeAsync(Func<System.Threading.Tasks.Task> call)
{
    var times = new List<double>();
    for (var i = 0; i < repeat; i++)
    {
        var watch = Stopwatch.StartNew();
        await call();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    return times;
}

string Patient(int i)
{
    var birth = new LocalDate(1950, 1, 1).PlusDays(i * 37 + Random.Shared.Next(3000));
    for (var individual = 500; ; individual++)
    {
        if (Forlop.Domain.Patients.NationalIdentityNumber.TryCreate(birth, individual, Forlop.Domain.Patients.NationalIdentityNumberKind.Synthetic, out var n))
        {
            return n.Value;
        }
    }
}

string? ArgText(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
