using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Dashboards;
using Forlop.App.Features.Import;
using Forlop.Domain.Patients;
using NodaTime;

namespace Forlop.Bench.Micro;

/// <summary>
/// The dashboard cube brought up to date after a small import: the changed patients' old episodes taken out and their
/// current ones read from the registry and counted in (DashboardCube.CurrentAsync). The registry is an SQLite file
/// holding a national demo year, imported once through the normal import (ImportCommand.RunAsync) and counted once
/// cold; before each measured refresh an import of <see cref="Patients"/> new patients (a start and a first attendance
/// each, yesterday) moves the registry on. One refresh an iteration, so more iterations than a short run's three, and
/// forty warm-up refreshes, so the tiered JIT has recompiled the refresh as in a server that has run a while. Whichever
/// case runs first in the process measures 1.7–4.6 times slower than a later one, with 3, 40 or 150 warm-ups alike
/// (docs/performance.md, "Micro-benchmarks"): compare the cases with that in mind.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OneRefreshAnIteration))]
public class CubeRefresh : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private string _work = "";
    private RegistryStore _store = null!;
    private DashboardCube _cube = null!;
    private int _nextPatient;
    private int _nextFile;

    /// <summary>Patients of the import before each refresh, each with one new episode.</summary>
    [Params(1, 100)]
    public int Patients { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _work = DemoInputs.WorkFolder($"cube-{Patients}");
        var inputs = await DemoInputs.OpenAsync();
        var file = Path.Combine(_work, "demo.csv");
        await File.WriteAllTextAsync(file, inputs.WriteDemoYear(Forlop.App.Features.Demo.DemoCommand.NationalYearlyVolume), new UTF8Encoding(false));
        _store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(Path.Combine(_work, "registry.db")), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, None);
        var summary = await ImportCommand.RunAsync(_store, file, TextWriter.Null, None);
        if (summary.ExitCode != 0)
        {
            throw new InvalidOperationException($"the demo year did not import cleanly: {summary.FileError} {summary.Rejected.Count} rejected");
        }
        _cube = new DashboardCube(_store.Catalogue, _store.Indicators);
        await _cube.CurrentAsync(_store.Db, None);
        Console.WriteLine($"// registry: {summary.Accepted} events; cold count of {_cube.LastRefresh!.Episodes} episodes took {_cube.LastRefresh.Took.TotalSeconds:0.0} s");
    }

    [IterationSetup]
    public void ImportNewPatients()
    {
        var file = Path.Combine(_work, $"new-{_nextFile++}.csv");
        File.WriteAllText(file, NewPatientRows(Patients, _store.Today.PlusDays(-1)), new UTF8Encoding(false));
        var summary = new EventImporter(_store).ImportAsync(file, "bench", null, None).GetAwaiter().GetResult();
        if (summary.Accepted != 2 * Patients)
        {
            throw new InvalidOperationException($"the import took {summary.Accepted} of {2 * Patients} rows: {string.Join("; ", summary.Rejected)} {summary.FileError}");
        }
    }

    [Benchmark]
    public async Task<long> RefreshAfterImport()
    {
        var snapshot = await _cube.CurrentAsync(_store.Db, None);
        if (_cube.LastRefresh!.Everything)
        {
            throw new InvalidOperationException("the cube counted everything again instead of the changed patients");
        }
        return snapshot.RegistryVersion;
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        Dispose();
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, true);
    }

    public void Dispose()
    {
        _cube?.Dispose();
        GC.SuppressFinalize(this);
    }

    // New patients born in the 1900s' first years (the demo's patients are younger), a colorectal cancer pathway (A12) each at AHUS.
    private string NewPatientRows(int patients, LocalDate day)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = new StringBuilder("record_id,patient_id,organisation,code,date\n");
        for (var made = 0; made < patients;)
        {
            var n = _nextPatient++;
            if (!NationalIdentityNumber.TryCreate(new LocalDate(1901, 1, 1).PlusDays(n / 400), n % 400, NationalIdentityNumberKind.Synthetic, out var patient))
            {
                continue;
            }
            rows.Append(CultureInfo.InvariantCulture, $"micro-{n}-a,{patient.Value},AHUS,A12A,{date}\nmicro-{n}-s,{patient.Value},AHUS,A12S,{date}\n");
            made++;
        }
        return rows.ToString();
    }

    private sealed class OneRefreshAnIteration : ManualConfig
    {
        public OneRefreshAnIteration() =>
            AddJob(ShortJob.InThisProcess(Job.ShortRun.WithWarmupCount(40).WithIterationCount(15).WithInvocationCount(1).WithUnrollFactor(1)).WithId("Warm40x15"));
    }
}
