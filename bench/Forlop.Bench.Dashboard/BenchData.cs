using System.Diagnostics;
using System.Globalization;
using System.Text;
using Forlop.App.Data;
using Forlop.App.Features.Demo;
using Forlop.App.Features.Import;
using Npgsql;
using NodaTime;

namespace Forlop.Bench.Dashboard;

/// <summary>
/// The benchmark's raw events and registries, made once and kept under the work folder so reruns start at the
/// measurements: one events file per year from one <see cref="DemoEvents"/> generator (patients and record ids unique
/// across the years; a pathway's events all go in the file of the year it starts), imported file by file with the
/// normal import. A marker file beside each product says it is complete and how it was made.
/// </summary>
public sealed class BenchData(string work, string catalogue, int firstYear, int years, int pathwaysPerYear, int seed)
{
    public string Work => work;

    /// <summary>The generator's "today": half a year after the last year, so the last year's pathways mostly end.</summary>
    public LocalDate GeneratedOn => new(firstYear + years, 6, 30);

    public string Key => FormattableString.Invariant($"{firstYear}-{years}y-{pathwaysPerYear}p-s{seed}");

    public string EventsFolder => Path.Combine(work, "events-" + Key);

    public IReadOnlyList<string> EventsFiles =>
        Enumerable.Range(firstYear, years).Select(y => Path.Combine(EventsFolder, FormattableString.Invariant($"events-{y}.csv"))).ToList();

    public string SqlitePath => Path.Combine(work, "registry-" + Key + ".db");

    /// <summary>Writes the yearly events files unless a complete set is there; returns the number of events.</summary>
    public async Task<long> EventsAsync(TextWriter log)
    {
        var marker = Path.Combine(EventsFolder, "complete");
        if (File.Exists(marker))
        {
            return long.Parse(await File.ReadAllTextAsync(marker), CultureInfo.InvariantCulture);
        }
        Directory.CreateDirectory(EventsFolder);
        var watch = Stopwatch.StartNew();
        await using var setup = await RegistryStore.OpenAsync(DatabaseTarget.Parse(Path.Combine(work, "setup.db")), catalogue, SystemClock.Instance, CancellationToken.None);
        var generator = new DemoEvents(setup.Catalogue, setup.Organisations, seed);
        long events = 0;
        foreach (var (file, year) in EventsFiles.Zip(Enumerable.Range(firstYear, years)))
        {
            await using var writer = new StreamWriter(file, false, new UTF8Encoding(false), 1 << 16);
            events += generator.Write(writer, year, 1, pathwaysPerYear, GeneratedOn);
        }
        await File.WriteAllTextAsync(marker, events.ToString(CultureInfo.InvariantCulture));
        await log.WriteLineAsync(FormattableString.Invariant($"generated {events:N0} events of {years} years in {watch.Elapsed.TotalSeconds:0} s"));
        return events;
    }

    /// <summary>Imports the yearly files into a fresh registry unless a complete one is there.</summary>
    public async Task<string> RegistryAsync(DatabaseTarget target, string marker, TextWriter log)
    {
        if (File.Exists(marker))
        {
            return target.ConnectionString;
        }
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            foreach (var f in Directory.GetFiles(work, Path.GetFileName(target.Display) + "*"))
            {
                File.Delete(f);
            }
        }
        var total = Stopwatch.StartNew();
        foreach (var file in EventsFiles)
        {
            var watch = Stopwatch.StartNew();
            await using var store = await RegistryStore.OpenAsync(target, catalogue, SystemClock.Instance, CancellationToken.None);
            var summary = await new EventImporter(store).ImportAsync(file, "bench", null, CancellationToken.None);
            if (summary.FileError is not null || summary.Rejected.Count > 0)
            {
                throw new InvalidOperationException($"the import did not take every row of {file}: {summary.FileError} {summary.Rejected.Count} rejected, first: {(summary.Rejected.Count > 0 ? summary.Rejected[0] : null)}");
            }
            await log.WriteLineAsync(FormattableString.Invariant($"imported {summary.Accepted:N0} events of {Path.GetFileName(file)} into {target.Provider} in {watch.Elapsed.TotalSeconds:0} s"));
        }
        await File.WriteAllTextAsync(marker, total.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture));
        return target.ConnectionString;
    }

    /// <summary>A database of this volume on the PostgreSQL server, made and filled once (the marker is a file in the work folder).</summary>
    public async Task<DatabaseTarget> PostgresAsync(string server, TextWriter log)
    {
        var name = "forlop_dashboard_" + Key.Replace('-', '_');
        var marker = Path.Combine(work, name + ".complete");
        var target = DatabaseTarget.Parse(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        if (File.Exists(marker) && await ExistsAsync(server, name))
        {
            return target;
        }
        File.Delete(marker);
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection))
            {
                await drop.ExecuteNonQueryAsync();
            }
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        await RegistryAsync(target, marker, log);
        return target;
    }

    private static async Task<bool> ExistsAsync(string server, string name)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
        command.Parameters.AddWithValue(name);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0;
    }
}
