namespace Forlop.Domain.Catalogue;

/// <summary>
/// The whole catalogue: every pathway with its codes. Looks up a registered code to its pathway and meaning.
/// Built once at start-up from the files under catalog/; immutable afterwards.
/// </summary>
public sealed class PathwayCatalogue
{
    private readonly Dictionary<string, Pathway> _pathways;
    private readonly Dictionary<string, (Pathway Pathway, EventDefinition Event)> _events;

    public PathwayCatalogue(IEnumerable<Pathway> pathways)
    {
        _pathways = new Dictionary<string, Pathway>(StringComparer.Ordinal);
        _events = new Dictionary<string, (Pathway, EventDefinition)>(StringComparer.Ordinal);
        var problems = new List<CatalogueProblem>();
        foreach (var pathway in pathways)
        {
            if (!_pathways.TryAdd(pathway.Code, pathway))
            {
                problems.Add(new CatalogueProblem(pathway.SourceFile, "code", $"pathway {pathway.Code} is also defined in {_pathways[pathway.Code].SourceFile}"));
                continue;
            }
            foreach (var e in pathway.Events)
            {
                if (!_events.TryAdd(e.Code, (pathway, e)))
                {
                    problems.Add(new CatalogueProblem(pathway.SourceFile, $"events ({e.Code})", $"code {e.Code} is also used by pathway {_events[e.Code].Pathway.Code}"));
                }
            }
        }
        if (problems.Count > 0)
        {
            throw new CatalogueException(problems);
        }
    }

    /// <summary>Parses every (file name, text) pair; collects the problems of all files before failing.</summary>
    public static PathwayCatalogue FromFiles(IEnumerable<(string FileName, string Text)> files)
    {
        var pathways = new List<Pathway>();
        var problems = new List<CatalogueProblem>();
        // Indicator definitions live under catalog/indicators/ and are read by IndicatorCatalogue.
        foreach (var (fileName, text) in files.Where(f => !Indicators.IndicatorCatalogue.IsIndicatorFile(f.FileName)))
        {
            try
            {
                pathways.Add(PathwayFileParser.Parse(fileName, text));
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
        if (pathways.Count == 0)
        {
            throw new CatalogueException([new CatalogueProblem("catalog/", "files", "no pathway files found")]);
        }
        return new PathwayCatalogue(pathways);
    }

    public IEnumerable<Pathway> Pathways => _pathways.Values.OrderBy(p => p.Code, StringComparer.Ordinal);

    public Pathway? Pathway(string code) => _pathways.GetValueOrDefault(code);

    public bool TryFindEvent(string code, out Pathway pathway, out EventDefinition definition)
    {
        if (_events.TryGetValue(code, out var found))
        {
            (pathway, definition) = found;
            return true;
        }
        pathway = null!;
        definition = null!;
        return false;
    }
}
