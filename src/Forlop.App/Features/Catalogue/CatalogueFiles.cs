using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;

namespace Forlop.App.Features.Catalogue;

/// <summary>
/// Finds and reads the catalogue folder: every <c>*.yaml</c> under it is a pathway, except those under
/// <c>indicators/</c>, which define indicators; <c>organisations.tsv</c> is the seed list of organisations. The folder is <c>--catalog</c>, else
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

    /// <summary>The recommended actions under <c>recommended-actions/</c>, checked against the pathways; none when the folder is missing.</summary>
    public static RecommendedActionCatalogue LoadActions(string directory, PathwayCatalogue pathways)
    {
        var folder = Path.Combine(directory, RecommendedActionCatalogue.Folder);
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.yaml").Concat(Directory.EnumerateFiles(folder, "*.yml")).Order(StringComparer.Ordinal)
                .Select(f => (Path.GetRelativePath(Path.GetDirectoryName(directory)!, f), File.ReadAllText(f)))
            : [];
        return RecommendedActionCatalogue.FromFiles(files, pathways);
    }

    /// <summary>The indicator definitions under <c>indicators/</c>, checked against the pathways; none when the folder is missing.</summary>
    public static IndicatorCatalogue LoadIndicators(string directory, PathwayCatalogue pathways)
    {
        var folder = Path.Combine(directory, IndicatorCatalogue.Folder);
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.yaml").Concat(Directory.EnumerateFiles(folder, "*.yml")).Order(StringComparer.Ordinal)
                .Select(f => (Path.GetRelativePath(Path.GetDirectoryName(directory)!, f), File.ReadAllText(f)))
            : [];
        return IndicatorCatalogue.FromFiles(files, pathways);
    }

    /// <summary>The measures of the national implementation plans (<c>plan-measures.tsv</c>); none when the file is missing.</summary>
    public static Forlop.Domain.Implementation.PlanMeasureCatalogue LoadMeasures(string directory)
    {
        var path = Path.Combine(directory, Forlop.Domain.Implementation.PlanMeasureCatalogue.FileName);
        return File.Exists(path)
            ? Forlop.Domain.Implementation.PlanMeasureCatalogue.ParseTsv(File.ReadAllText(path), Path.GetRelativePath(Path.GetDirectoryName(directory)!, path))
            : Forlop.Domain.Implementation.PlanMeasureCatalogue.Empty;
    }

    public static IReadOnlyList<Organisation> LoadSeedOrganisations(string directory)
    {
        var path = Path.Combine(directory, "organisations.tsv");
        return File.Exists(path) ? OrganisationDirectory.ParseTsv(File.ReadAllText(path)).ToList() : [];
    }
}
