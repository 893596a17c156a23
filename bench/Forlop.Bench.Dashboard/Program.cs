// The full dashboard (every pathway × HF × 12 months of the five indicators) on a 10-year volume: cold (the first
// after opening the registry), warm (repeated), after an import (the changed patients counted again), next to DuckDB
// computing the same grid from the same raw events files in the same run. See docs/performance.md.
// Usage: dotnet run -c Release --project bench/Forlop.Bench.Dashboard -- [--years 10] [--pathways 460000] [--warm 500]
//        [--work DIR] [--pg CONNSTR] [--no-sqlite] [--service] [--prepare]
// The events files and registries are made once and kept in the work folder (default /tmp/forlop-bench-dashboard);
// --prepare stops after making them, --service adds IndicatorService computing the same figures as a peer.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Dashboards;
using Forlop.App.Features.Import;
using Forlop.App.Features.Indicators;
using Forlop.Bench.Dashboard;
using Forlop.Domain.Indicators;
using Forlop.Domain.Patients;
using Forlop.Domain.Reporting;
using NodaTime;

var years = int.Parse(Arg("--years", "10"), CultureInfo.InvariantCulture);
var pathwaysPerYear = int.Parse(Arg("--pathways", "460000"), CultureInfo.InvariantCulture);
var warmRuns = int.Parse(Arg("--warm", "500"), CultureInfo.InvariantCulture);
var work = Arg("--work", Path.Combine(Path.GetTempPath(), "forlop-bench-dashboard"));
var pg = Arg("--pg", "");
var withService = args.Contains("--service");
var sqlite = !args.Contains("--no-sqlite");
const int FirstYear = 2015;
Directory.CreateDirectory(work);
var catalogueDirectory = CatalogueFiles.ResolveDirectory();
var data = new BenchData(work, catalogueDirectory, FirstYear, years, pathwaysPerYear, 2015);
// The dashboard's year: the last full year of the volume.
var first = new YearMonth(FirstYear + years - 1, 1);
var log = Console.Error;

var events = await data.EventsAsync(log);
var targets = new List<(string Name, DatabaseTarget Target)>();
if (sqlite)
{
    await data.RegistryAsync(DatabaseTarget.Parse(data.SqlitePath), data.SqlitePath + ".complete", log);
    targets.Add(("SQLite", DatabaseTarget.Parse(data.SqlitePath)));
}
if (pg.Length > 0)
{
    targets.Add(("PostgreSQL", await data.PostgresAsync(pg, log)));
}
if (args.Contains("--prepare"))
{
    return;
}

var rows = new List<string>();
// Each row also goes to standard error as it is measured, so a failure later in the run keeps the figures before it.
void Row(string what, string target, string figure, string note = "")
{
    rows.Add($"| {what} | {target} | {figure} | {note} |");
    log.WriteLine(rows[^1]);
}
Dictionary<(string, string?, int), int[]>? reference = null;

foreach (var (name, target) in targets)
{
    var open = Stopwatch.StartNew();
    await using var store = await RegistryStore.OpenAsync(target, catalogueDirectory, SystemClock.Instance, CancellationToken.None);
    open.Stop();
    using var cube = new DashboardCube(store.Catalogue, store.Indicators);

    // Cold: the first full dashboard after opening — every episode and OF4 interval read and counted.
    var cold = Stopwatch.StartNew();
    var snapshot = await cube.CurrentAsync(store.Db, CancellationToken.None);
    var grid = snapshot.Grid(first, 12, OrganisationLevel.Hf, IndicatorFilter.None);
    cold.Stop();
    var ours = Cells(grid);
    reference ??= ours;
    Row("cold: first full dashboard after opening", name, Ms(cold.Elapsed),
        FormattableString.Invariant($"{snapshot.Episodes:N0} episodes counted; {grid.Rows.Count} rows × 12 months; opening the registry took {Ms(open.Elapsed)} more"));
    log.WriteLine(FormattableString.Invariant($"{name}: cold {Ms(cold.Elapsed)}, {snapshot.Episodes:N0} episodes, {grid.Rows.Count} rows, {ours.Count} non-empty cells, GC heap {GC.GetTotalMemory(true) / 1_000_000:N0} MB"));

    // Cold again, with the database file now in the operating system's cache: a restarted host on a busy server.
    using (var again = new DashboardCube(store.Catalogue, store.Indicators))
    {
        var watch = Stopwatch.StartNew();
        (await again.CurrentAsync(store.Db, CancellationToken.None)).Grid(first, 12, OrganisationLevel.Hf, IndicatorFilter.None);
        Row("cold again: a new cube, the database file cached", name, Ms(watch.Elapsed), "the same count, without waiting on the disk");
    }

    // Warm: the same dashboard again and again; each call asks the registry for its newest event id first.
    var (warmMedian, warmP95) = Measure(warmRuns, () => Dashboard(cube, store.Db, first));
    Row("warm: full dashboard (newest-event check + grid)", name, FormattableString.Invariant($"{warmMedian:0.00} ms median, {warmP95:0.00} ms p95"), $"{warmRuns} runs");
    var (gridMedian, gridP95) = Measure(warmRuns, () => Task.FromResult(snapshot.Grid(first, 12, OrganisationLevel.Hf, IndicatorFilter.None)));
    Row("warm: grid from the kept snapshot alone", name, FormattableString.Invariant($"{gridMedian:0.000} ms median, {gridP95:0.000} ms p95"), $"{warmRuns} runs");

    if (withService)
    {
        // The peer inside Forløp: IndicatorService, 5 indicators × 12 months, each reading the registry.
        var service = await IndicatorService.CreateAsync(store.Db, store.Catalogue, store.Indicators, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        var differences = 0;
        for (var m = 0; m < 12; m++)
        {
            var month = first.PlusMonths(m);
            var period = ReportingPeriod.TryParse(FormattableString.Invariant($"{month.Year}-{month.Month:00}"), out var p, out _) ? p : throw new InvalidOperationException();
            foreach (var id in new[] { DashboardIndicators.StartedId, DashboardIndicators.CompletedId, DashboardIndicators.WithinStandardId, DashboardIndicators.EndedWithoutTreatmentId, DashboardIndicators.StillOpenId })
            {
                var expected = await service.ComputeCurrentCubeAsync(store.Indicators.Find(id)!, period, CancellationToken.None);
                differences += expected.Figures.Where(f => f.Level is OrganisationLevel.Hf or OrganisationLevel.Nation).Except(snapshot.Cube(id, period).Figures).Count();
            }
        }
        watch.Stop();
        Row("IndicatorService: the same 60 cubes read from the registry", name, Ms(watch.Elapsed), $"figures differing from the cube's: {differences}");
    }

    // Freshness: an import of three rows (a new patient's start and first attendance, another's start), then the dashboard.
    var file = Path.Combine(work, "fresh.csv");
    await File.WriteAllTextAsync(file, FreshRows(store.Today.PlusDays(-1)), new UTF8Encoding(false));
    var import = Stopwatch.StartNew();
    var summary = await new EventImporter(store).ImportAsync(file, "bench", null, CancellationToken.None);
    import.Stop();
    if (summary.Accepted != 3)
    {
        throw new InvalidOperationException($"the freshness import took {summary.Accepted} of 3 rows: {string.Join("; ", summary.Rejected)} {summary.FileError}");
    }
    var fresh = Stopwatch.StartNew();
    var after = await Dashboard(cube, store.Db, first);
    fresh.Stop();
    Row("after an import of 3 rows: the next full dashboard", name, Ms(fresh.Elapsed),
        FormattableString.Invariant($"{(cube.LastRefresh!.Everything ? "counted everything" : $"{cube.LastRefresh.Episodes} episodes counted again")}; version {snapshot.RegistryVersion} → {after.RegistryVersion}; the import took {Ms(import.Elapsed)}"));
}

// DuckDB: the same grid from the raw events files, in this process.
{
    var indicators = DashboardIndicators.From(CatalogueFiles.LoadIndicators(catalogueDirectory, CatalogueFiles.LoadPathways(catalogueDirectory)), CatalogueFiles.LoadPathways(catalogueDirectory));
    await using var setup = await RegistryStore.OpenAsync(DatabaseTarget.Parse(Path.Combine(work, "setup.db")), catalogueDirectory, SystemClock.Instance, CancellationToken.None);
    using var duck = new DuckDbDashboard(setup.Catalogue, setup.Organisations, indicators);
    var start = Stopwatch.StartNew();
    duck.Open();
    start.Stop();
    var load = Stopwatch.StartNew();
    duck.Load(data.EventsFiles);
    load.Stop();
    var firstQuery = Stopwatch.StartNew();
    var duckGrid = duck.Grid(first, 12);
    firstQuery.Stop();
    Row("DuckDB: read the events files into a table", "DuckDB (in memory)", Ms(load.Elapsed), FormattableString.Invariant($"{duck.Rows():N0} rows; starting DuckDB and handing it the catalogue took {Ms(start.Elapsed)} before"));
    Row("DuckDB: load + compute the grid (first query)", "DuckDB (in memory)", Ms(load.Elapsed + firstQuery.Elapsed), $"the first query alone: {Ms(firstQuery.Elapsed)}");
    var times = new List<double> { firstQuery.Elapsed.TotalMilliseconds };
    for (var i = 0; i < 2; i++)
    {
        var again = Stopwatch.StartNew();
        duck.Grid(first, 12);
        times.Add(again.Elapsed.TotalMilliseconds);
    }
    Row("DuckDB: compute the grid, events already loaded", "DuckDB (in memory)", FormattableString.Invariant($"{times.Order().ElementAt(1):0} ms median of 3"),
        string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture))) + " ms");
    var (missing, extra, different) = Compare(reference!, duckGrid);
    Row("DuckDB's grid against the cube's", "", $"{reference!.Count} non-empty cells", $"only in the cube: {missing}, only in DuckDB: {extra}, different: {different}");
}

Console.WriteLine(FormattableString.Invariant($"# Dashboard benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}"));
Console.WriteLine(FormattableString.Invariant($"{events:N0} events of {years} years ({pathwaysPerYear:N0} cancer pathways a year); the dashboard: {first.Year}, every pathway × HF × month, and the nation"));
Console.WriteLine();
Console.WriteLine("| what | where | time | note |");
Console.WriteLine("|---|---|---:|---|");
rows.ForEach(Console.WriteLine);

static async Task<DashboardGrid> Dashboard(DashboardCube cube, RegistryDb db, YearMonth first) =>
    (await cube.CurrentAsync(db, CancellationToken.None)).Grid(first, 12, OrganisationLevel.Hf, IndicatorFilter.None);

static (double Median, double P95) Measure<T>(int runs, Func<Task<T>> action)
{
    for (var i = 0; i < Math.Min(20, runs); i++)
    {
        action().GetAwaiter().GetResult();
    }
    var times = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var start = Stopwatch.GetTimestamp();
        action().GetAwaiter().GetResult();
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    Array.Sort(times);
    return (times[runs / 2], times[(int)Math.Ceiling(runs * 0.95) - 1]);
}

static Dictionary<(string, string?, int), int[]> Cells(DashboardGrid grid)
{
    var cells = new Dictionary<(string, string?, int), int[]>();
    foreach (var row in grid.Rows)
    {
        for (var m = 0; m < row.Months.Count; m++)
        {
            var f = row.Months[m];
            int[] values = [f.Started, f.Completed, f.Measured, f.WithinStandard, f.EndedWithoutTreatment, f.StillOpen];
            if (values.Any(v => v != 0))
            {
                cells[(row.Pathway, row.Level == OrganisationLevel.Nation ? null : row.Organisation, m)] = values;
            }
        }
    }
    return cells;
}

(int Missing, int Extra, int Different) Compare(Dictionary<(string, string?, int), int[]> cube, Dictionary<(string, string?, int), int[]> duck)
{
    var missing = cube.Keys.Count(k => !duck.ContainsKey(k));
    var extra = duck.Keys.Count(k => !cube.ContainsKey(k));
    var different = cube.Where(kv => duck.TryGetValue(kv.Key, out var d) && !d.SequenceEqual(kv.Value)).ToList();
    foreach (var (key, value) in different.Take(5))
    {
        log.WriteLine($"differs: {key}: cube {string.Join(',', value)}, DuckDB {string.Join(',', duck[key])}");
    }
    return (missing, extra, different.Count);
}

static string FreshRows(LocalDate day)
{
    var random = new Random();
    var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    var run = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
    string Patient()
    {
        while (true)
        {
            if (NationalIdentityNumber.TryCreate(new LocalDate(1935, 1, 1).PlusDays(random.Next(20_000)), random.Next(0, 500), NationalIdentityNumberKind.Synthetic, out var number))
            {
                return number.Value;
            }
        }
    }
    var (a, b) = (Patient(), Patient());
    return "record_id,patient_id,organisation,code,date\n" +
        $"fresh-{run}-1,{a},AHUS,A12A,{date}\nfresh-{run}-2,{a},AHUS,A12S,{date}\nfresh-{run}-3,{b},OUS,A16A,{date}\n";
}

static string Ms(TimeSpan t) => t.TotalMilliseconds < 10_000
    ? t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms"
    : t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
