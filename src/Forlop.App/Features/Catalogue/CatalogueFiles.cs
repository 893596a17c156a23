using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;

namespace Forlop.App.Features.Catalogue;

/// <summary>
/// Finds and reads the catalogue folder: every <c>*.yaml</c> under it is a pathway, and
/// <c>organisations.tsv</c> is the seed list of organisations. The folder is <c>--catalog</c>, else
/// <c>FORLOP_CATALOG</c>, else the <c>catalog</c> folder copied beside the program at build time.
/// </summary>
public static class CatalogueFiles
{
    public static string ResolveDirectory(string? explicitDirectory = null)
    {
        var candidates = new[]
        {
            explicitDirectory,
            Environment.GetEnvironmentVariable("FORLOP_CATALOG"),
            Path.Combine(AppContext.BaseDirectory, "catalog"),
        };
        foreach (var candidate in candidates)
        {
            if (!string.IsNullOrWhiteSpace(candidate) && Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }
        throw new CatalogueException([new CatalogueProblem(explicitDirectory ?? "catalog/", "folder", "the catalogue folder was not found")]);
    }

    public static PathwayCatalogue LoadPathways(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(directory, "*.yml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(Path.GetDirectoryName(directory)!, f), File.ReadAllText(f)));
        return PathwayCatalogue.FromFiles(files);
    }

    public static IReadOnlyList<Organisation> LoadSeedOrganisations(string directory)
    {
        var path = Path.Combine(directory, "organisations.tsv");
        return File.Exists(path) ? OrganisationDirectory.ParseTsv(File.ReadAllText(path)).ToList() : [];
    }
}
