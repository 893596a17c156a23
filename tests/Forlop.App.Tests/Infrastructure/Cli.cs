using System.Globalization;
using System.Text;
using Forlop.App.Hosting;

namespace Forlop.App.Tests.Infrastructure;

/// <summary>Runs <c>forlop</c> commands in-process, the way the <c>./forlop</c> script runs them, capturing what they print.</summary>
public static class Cli
{
    public sealed record Run(int ExitCode, string Output, string Error)
    {
        public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static async Task<Run> RunAsync(params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await ForlopCli.InvokeAsync(args, output, error);
        return new Run(exit, output.ToString(), error.ToString());
    }

    public static Task<Run> ImportAsync(string db, string file) => RunAsync("import", "--db", db, file);

    public static async Task<string> ReportCsvAsync(string db, string period, params string[] extra)
    {
        var run = await RunAsync(["report", "--db", db, "--period", period, "--format", "csv", .. extra]);
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Output;
    }
}

/// <summary>Writes events files for tests into a temporary folder.</summary>
public static class EventsFiles
{
    public const string Header = "record_id,patient_id,organisation,code,date,replaces,cancel";

    // One folder per test run, removed when the run ends, so files (up to 100 MB) do not pile up.
    private static readonly Lazy<string> RunFolder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("forlop-test-files-").FullName;
        TestRunCleanup.Add(() =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open at exit stays behind in the temporary area; the run has passed or failed already.
            }
        });
        return folder;
    });

    public static string Write(string content, string? name = null)
    {
        var folder = RunFolder.Value;
        var path = Path.Combine(folder, (name ?? Guid.NewGuid().ToString("N")) + ".csv");
        File.WriteAllText(path, content.ReplaceLineEndings("\n"), new UTF8Encoding(false));
        return path;
    }

    public static string WriteRows(params string[] rows) => Write(Header + "\n" + string.Join("\n", rows) + "\n");

    /// <summary>
    /// The shared example report-2016-T3.csv as the report prints it now. The example predates the fifth column
    /// (interchange.md, report: "a fifth column, without_standard, follows"); none of its pathways lacks a standard, so
    /// each of its rows gains a 0.
    /// </summary>
    public static string SharedExampleReport() =>
        string.Join("\n", File.ReadAllText(SharedExample("report-2016-T3.csv")).ReplaceLineEndings("\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select((line, i) => line.Split(',').Length == 5 ? line : line + (i == 0 ? ",without_standard" : ",0"))) + "\n";

    public static string SharedExample(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "examples", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
            var beside = Path.Combine(dir.FullName, "..", "shared", "examples", name);
            if (File.Exists(beside) && File.Exists(Path.Combine(dir.FullName, "Forlop.slnx")))
            {
                return Path.GetFullPath(beside);
            }
        }
        throw new FileNotFoundException($"shared/examples/{name} was not found beside the repository");
    }
}

/// <summary>Synthetic identity numbers (month + 80) with valid check digits, one per index.</summary>
public static class TestPatients
{
    /// <summary>A patient born on 1940-01-01 + <paramref name="index"/> days (up to 1999, so individual numbers 000–499 fit), so every index gives another valid number.</summary>
    public static string Number(int index)
    {
        var birth = new NodaTime.LocalDate(1940, 1, 1).PlusDays(index % 21_900);
        for (var individual = 100; ; individual++)
        {
            if (Forlop.Domain.Patients.NationalIdentityNumber.TryCreate(birth, individual, Forlop.Domain.Patients.NationalIdentityNumberKind.Synthetic, out var number))
            {
                return number.Value;
            }
        }
    }
}
