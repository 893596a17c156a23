using System.Text;
using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Demo;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using NodaTime;

namespace Forlop.Bench.Micro;

/// <summary>
/// The real catalogue and organisations (as a registry opens them) and a demo events file written by
/// <see cref="DemoEvents"/> for last year, as bench/Forlop.Bench.Import makes them.
/// </summary>
internal sealed class DemoInputs
{
    // The generator's seed: the same rows in every run.
    private const int Seed = 1000;

    public required PathwayCatalogue Catalogue { get; init; }
    public required OrganisationDirectory Organisations { get; init; }
    public required LocalDate Today { get; init; }

    /// <summary>A fresh folder under the system's temp folder; never in the repository.</summary>
    public static string WorkFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "forlop-bench-micro", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static async Task<DemoInputs> OpenAsync()
    {
        var work = WorkFolder("setup");
        DemoInputs inputs;
        await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(Path.Combine(work, "setup.db")), CatalogueFiles.ResolveDirectory(),
            SystemClock.Instance, CancellationToken.None))
        {
            inputs = new DemoInputs { Catalogue = store.Catalogue, Organisations = store.Organisations, Today = store.Today };
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(work, true);
        return inputs;
    }

    /// <summary>Last year's demo file with <paramref name="cancerPathways"/> cancer pathways (and the mental-health and stroke ones that come with them).</summary>
    public string WriteDemoYear(int cancerPathways)
    {
        using var writer = new StringWriter();
        new DemoEvents(Catalogue, Organisations, Seed).Write(writer, Today.Year - 1, cancerPathways, Today);
        return writer.ToString();
    }

    /// <summary>The header and the first <paramref name="rows"/> rows of a file, as UTF-8 bytes (a file's rows are grouped by patient).</summary>
    public static byte[] FirstRows(string file, int rows)
    {
        var lines = file.Split('\n');
        if (lines.Length - 2 < rows)
        {
            throw new InvalidOperationException($"the demo file has {lines.Length - 2} rows, fewer than {rows}");
        }
        return new UTF8Encoding(false).GetBytes(string.Join('\n', lines.Take(rows + 1)) + "\n");
    }
}
