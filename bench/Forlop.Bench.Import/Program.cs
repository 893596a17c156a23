// Measures `forlop import` throughput: the demo year and a multi-year national volume, into SQLite and
// PostgreSQL, with every coding rule checked, next to PostgreSQL's own COPY of the same rows in the same run.
// Usage: dotnet run -c Release --project bench/Forlop.Bench.Import -- [--years 1,10] [--pathways 40000] [--pg CONNSTR]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Demo;
using Forlop.App.Features.Import;
using Npgsql;
using NodaTime;

var years = Arg("--years", "1,10").Split(',').Select(y => int.Parse(y, CultureInfo.InvariantCulture)).ToArray();
var pathwaysPerYear = int.Parse(Arg("--pathways", DemoCommand.NationalYearlyVolume.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var pg = Arg("--pg", Environment.GetEnvironmentVariable("FORLOP_BENCH_PG") ?? "");
var catalogue = CatalogueFiles.ResolveDirectory();
var clock = SystemClock.Instance;
var work = Path.Combine(Path.GetTempPath(), "forlop-bench");
// One generator for the year and the year after, so patients and record ids stay unique across both files.
DemoEvents? generator = null;
Directory.CreateDirectory(work);

Console.WriteLine($"# Import benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine("| volume | events | target | seconds | events/s | ratio to COPY |");
Console.WriteLine("|---|---:|---|---:|---:|---:|");
foreach (var y in years)
{
    var file = Path.Combine(work, $"demo-{y}y.csv");
    var events = await GenerateAsync(file, y);
    var label = y == 1 ? "demo year" : $"{y} years";

    double? copyRate = null;
    if (pg.Length > 0)
    {
        var copySeconds = await CopyAsync(pg, file);
        copyRate = events / copySeconds;
        Row(label, events, "PostgreSQL COPY (raw rows, no rules)", copySeconds, null);
    }
    var sqlite = Path.Combine(work, $"bench-{y}y.db");
    foreach (var f in Directory.GetFiles(work, $"bench-{y}y.db*"))
    {
        File.Delete(f);
    }
    Row(label, events, "Forløp → SQLite", await ImportAsync(sqlite, file), copyRate);
    if (pg.Length > 0)
    {
        var database = await FreshDatabaseAsync(pg, $"forlop_bench_{y}y");
        Row(label, events, "Forløp → PostgreSQL", await ImportAsync(database, file), copyRate);
    }
    if (y == 1)
    {
        // An ordinary monthly or yearly import: the next year into the registry that holds this one, so every row
        // is checked against stored history and the indexes are updated row by row.
        var next = Path.Combine(work, "demo-next.csv");
        var nextEvents = await GenerateNextAsync(next);
        Row("next year into it", nextEvents, "Forløp → SQLite", await ImportAsync(sqlite, next), null);
        if (pg.Length > 0)
        {
            Row("next year into it", nextEvents, "Forløp → PostgreSQL", await ImportAsync(new NpgsqlConnectionStringBuilder(pg) { Database = $"forlop_bench_{y}y" }.ConnectionString, next), null);
        }
        File.Delete(next);
    }
    File.Delete(file);
}

void Row(string label, long events, string target, double seconds, double? copyRate)
{
    var rate = events / seconds;
    var ratio = copyRate is null ? "" : (rate / copyRate.Value).ToString("0.00", CultureInfo.InvariantCulture);
    Console.WriteLine(FormattableString.Invariant($"| {label} | {events:N0} | {target} | {seconds:0.00} | {rate:N0} | {ratio} |"));
}

async Task<long> GenerateNextAsync(string path)
{
    await using var setup = await RegistryStore.OpenAsync(DatabaseTarget.Parse(Path.Combine(work, "setup.db")), catalogue, clock, CancellationToken.None);
    await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
    return generator!.Write(writer, setup.Today.Year - 1, 1, pathwaysPerYear, setup.Today);
}

async Task<long> GenerateAsync(string path, int yearCount)
{
    await using var setup = await RegistryStore.OpenAsync(DatabaseTarget.Parse(Path.Combine(work, "setup.db")), catalogue, clock, CancellationToken.None);
    await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
    var today = setup.Today;
    generator = new DemoEvents(setup.Catalogue, setup.Organisations, 1000);
    return generator.Write(writer, today.Year - yearCount - 1, yearCount, pathwaysPerYear, today);
}

async Task<double> ImportAsync(string db, string file)
{
    await using var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), catalogue, clock, CancellationToken.None);
    var watch = Stopwatch.StartNew();
    var summary = await new EventImporter(store).ImportAsync(file, "bench", null, CancellationToken.None);
    watch.Stop();
    if (summary.FileError is not null || summary.Rejected.Count > 0)
    {
        throw new InvalidOperationException($"import did not take every row: {summary.FileError} {summary.Rejected.Count} rejected, first: {(summary.Rejected.Count > 0 ? summary.Rejected[0] : null)}");
    }
    return watch.Elapsed.TotalSeconds;
}

async Task<string> FreshDatabaseAsync(string server, string name)
{
    // Pooled connections to the database about to be dropped would be killed under a later user.
    NpgsqlConnection.ClearAllPools();
    await using var connection = new NpgsqlConnection(server);
    await connection.OpenAsync();
    await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection))
    {
        await drop.ExecuteNonQueryAsync();
    }
    await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection))
    {
        await create.ExecuteNonQueryAsync();
    }
    return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
}

async Task<double> CopyAsync(string server, string file)
{
    var db = await FreshDatabaseAsync(server, "forlop_bench_copy");
    await using var connection = new NpgsqlConnection(db);
    await connection.OpenAsync();
    await using (var create = new NpgsqlCommand(
        "CREATE TABLE raw_events (record_id varchar(64), patient_id varchar(11), organisation varchar(32), code varchar(16), date date, time time, outcome varchar(16), replaces varchar(64), cancel boolean, setting varchar(16))", connection))
    {
        await create.ExecuteNonQueryAsync();
    }
    var watch = Stopwatch.StartNew();
    await using (var copy = await connection.BeginTextImportAsync("COPY raw_events FROM STDIN (FORMAT csv, HEADER true)"))
    using (var reader = new StreamReader(file))
    {
        var buffer = new char[1 << 16];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            await copy.WriteAsync(buffer, 0, read);
        }
    }
    watch.Stop();
    return watch.Elapsed.TotalSeconds;
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
