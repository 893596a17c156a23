// The monthly data delivery at national volume (issue 14, item 2): `forlop deliver` for each of the four RHFs, so the
// whole country's pathways of one month, as CSV and as Parquet, and the same month's rows written by sqlite3 as a peer.
//
//   bash bench/delivery.sh [--db DB] [--repeat 3] [--month YYYY-MM] [--pathways 40000]
//
// A registry of national demo volume (--pathways a year, by default DemoCommand.NationalYearlyVolume as bench/fhir.sh;
// filled on first use under /tmp/forlop-delivery-N). A month then touches about a third of a year's pathways; about
// 130 000 a year give a month of about 40 000. Measured: each delivery through the command line in this process (the
// registry read, every patient rebuilt from its rows up to the version, the intervals measured, one access-log entry per
// patient, the file written); the peer is sqlite3 -csv selecting the stored episodes of the month with their patients
// and intervals (what a hand-written export of the tracking list's tables would do: no rebuild, no access log).
// Prints a Markdown table for docs/performance.md; the machine is shared, so only ratios within one run mean much.
using System.Diagnostics;
using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Demo;
using Forlop.App.Hosting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

var pathways = int.Parse(ArgText("--pathways") ?? DemoCommand.NationalYearlyVolume.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
var db = ArgText("--db") ?? Path.Combine(Path.GetTempPath(), $"forlop-delivery-{pathways}", "forlop.db");
var repeat = int.Parse(ArgText("--repeat") ?? "3", CultureInfo.InvariantCulture);
var catalog = CatalogueFiles.ResolveDirectory(ArgText("--catalog"));
var ct = CancellationToken.None;
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(db))!);

string month;
int events;
await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), catalog, SystemClock.Instance, ct))
{
    if (await DemoCommand.IsEmptyAsync(store.Db, ct))
    {
        await DemoCommand.FillAsync(store, store.Today.Year - 1, pathways, 2015, Console.Error, ct);
    }
    events = await store.Db.Events.CountAsync(ct);
    // The busiest month by started pathways, unless one is named.
    month = ArgText("--month") ?? (await store.Db.Episodes.Select(e => e.StartDate).ToListAsync(ct))
        .GroupBy(d => d.ToString("yyyy-MM", CultureInfo.InvariantCulture)).OrderByDescending(g => g.Count()).First().Key;
}
var rhfs = new[] { "HSO", "HV", "HMN", "HN" };
var folder = Directory.CreateTempSubdirectory("forlop-delivery-bench-").FullName;
Console.Error.WriteLine($"registry: {events:N0} events; month {month}; files under {folder}");

var rows = new List<string>();
int delivered = 0;
foreach (var extension in new[] { ".csv", ".parquet" })
{
    var times = new List<double>();
    for (var i = 0; i <= repeat; i++)
    {
        var watch = Stopwatch.StartNew();
        var count = 0;
        foreach (var rhf in rhfs)
        {
            var file = Path.Combine(folder, rhf + extension);
            var output = new StringWriter(CultureInfo.InvariantCulture);
            var error = new StringWriter(CultureInfo.InvariantCulture);
            var exit = await ForlopCli.InvokeAsync(["deliver", "--db", db, "--catalog", catalog, "--month", month, "--rhf", rhf, "--out", file], output, error);
            if (exit != 0)
            {
                throw new InvalidOperationException(error.ToString());
            }
            count += int.Parse(output.ToString().Split(": ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        }
        watch.Stop();
        delivered = count;
        if (i > 0)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
    }
    var bytes = rhfs.Sum(r => new FileInfo(Path.Combine(folder, r + extension)).Length);
    rows.Add(Row($"forlop deliver, 4 RHFs, {extension.TrimStart('.')}", times, delivered, bytes));
}

// The peer: sqlite3 writes the stored episodes touching the month, with the patient and OF1–OF4, as CSV.
var first = month + "-01";
var sql = $"""
    .headers on
    .mode csv
    .output {Path.Combine(folder, "peer.csv")}
    SELECT p.national_id, e.pathway, e.id, e.hf, e.rhf, e.start_date, e.unit, e.seniority_date, e.first_attendance_date,
           e.decision_date, e.decision_code, e.treatment_date, e.treatment_code, e.treatment_type, e.end_date, e.end_code,
           (SELECT length FROM episode_intervals i WHERE i.episode_id = e.id AND i.interval_id = 'OF1'),
           (SELECT standard_limit FROM episode_intervals i WHERE i.episode_id = e.id AND i.interval_id = 'OF1'),
           (SELECT length FROM episode_intervals i WHERE i.episode_id = e.id AND i.interval_id = 'OF4'),
           (SELECT standard_limit FROM episode_intervals i WHERE i.episode_id = e.id AND i.interval_id = 'OF4'),
           e.transferred_from_id IS NOT NULL
    FROM episodes e JOIN patients p ON p.id = e.patient_id
    WHERE e.start_date <= date('{first}', '+1 month', '-1 day') AND e.last_event_date >= '{first}'
    ORDER BY e.hf, e.pathway, e.start_date, e.id;
    """;
var peer = new List<double>();
for (var i = 0; i <= repeat; i++)
{
    var start = new ProcessStartInfo("sqlite3", [db]) { RedirectStandardInput = true, RedirectStandardError = true };
    var watch = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    await process.StandardInput.WriteAsync(sql);
    process.StandardInput.Close();
    await process.WaitForExitAsync(ct);
    watch.Stop();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException(await process.StandardError.ReadToEndAsync(ct));
    }
    if (i > 0)
    {
        peer.Add(watch.Elapsed.TotalMilliseconds);
    }
}
var peerRows = File.ReadLines(Path.Combine(folder, "peer.csv")).Count() - 1;
rows.Add(Row("peer: sqlite3 -csv, the stored episodes of the month", peer, peerRows, new FileInfo(Path.Combine(folder, "peer.csv")).Length));

Console.WriteLine($"{events:N0} events in the registry (SQLite); month {month}; median of {repeat} runs after one warm-up; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end.");
Console.WriteLine();
Console.WriteLine("| delivery | median ms | pathways | rows/s | file bytes | ratio to the peer (rows/s) |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
var peerRate = peerRows / (Median(peer) / 1000);
foreach (var row in rows)
{
    var cells = row.Split('|', StringSplitOptions.TrimEntries);
    var rate = double.Parse(cells[4], CultureInfo.InvariantCulture);
    Console.WriteLine($"{row} {rate / peerRate:F2} |");
}
return 0;

static double Median(List<double> ms)
{
    var sorted = ms.Order().ToList();
    return sorted[sorted.Count / 2];
}

string Row(string what, List<double> ms, int count, long bytes) =>
    string.Create(CultureInfo.InvariantCulture, $"| {what} | {Median(ms):F0} | {count} | {count / (Median(ms) / 1000):F0} | {bytes} |");

string? ArgText(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
