using Forlop.Domain.Catalogue;

namespace Forlop.Domain.Indicators;

/// <summary>
/// Every indicator the installation computes, read at start-up from <c>catalog/indicators/*.yaml</c> and checked
/// against the pathway catalogue. Immutable afterwards; looked up by id.
/// </summary>
public sealed class IndicatorCatalogue
{
    /// <summary>The folder under the catalogue that holds indicator files; the pathway reader skips it.</summary>
    public const string Folder = "indicators";

    private readonly Dictionary<string, IndicatorDefinition> _byId;

    public IndicatorCatalogue(IEnumerable<IndicatorDefinition> indicators)
    {
        _byId = new Dictionary<string, IndicatorDefinition>(StringComparer.Ordinal);
        var problems = new List<CatalogueProblem>();
        foreach (var indicator in indicators)
        {
            if (!_byId.TryAdd(indicator.Id, indicator))
            {
                problems.Add(new CatalogueProblem(indicator.SourceFile, "id", $"indicator {indicator.Id} is also defined in {_byId[indicator.Id].SourceFile}"));
            }
        }
        if (problems.Count > 0)
        {
            throw new CatalogueException(problems);
        }
    }

    /// <summary>Whether a catalogue file (path relative to the catalogue or its parent) is an indicator file.</summary>
    public static bool IsIndicatorFile(string fileName) =>
        fileName.Replace('\\', '/').Split('/').SkipLast(1).Contains(Folder, StringComparer.Ordinal);

    /// <summary>Parses every indicator file; collects the problems of all files before failing.</summary>
    public static IndicatorCatalogue FromFiles(IEnumerable<(string FileName, string Text)> files, PathwayCatalogue pathways)
    {
        var indicators = new List<IndicatorDefinition>();
        var problems = new List<CatalogueProblem>();
        foreach (var (fileName, text) in files)
        {
            try
            {
                indicators.Add(IndicatorFileParser.Parse(fileName, text, pathways));
            }
            catch (CatalogueException e)
            {
                problems.AddRange(e.Problems);
            }
        }
        if (problems.Count > 0)
        {
            throw new CatalogueException(problems);
        }
        return new IndicatorCatalogue(indicators);
    }

    public IEnumerable<IndicatorDefinition> All => _byId.Values.OrderBy(i => i.Id, StringComparer.Ordinal);

    public IndicatorDefinition? Find(string id) => _byId.GetValueOrDefault(id);
}
