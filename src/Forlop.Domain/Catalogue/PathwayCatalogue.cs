namespace Forlop.Domain.Catalogue;

/// <summary>
/// The whole catalogue: every pathway with its codes. Looks up a registered code to its pathway and meaning.
/// Built once at start-up from the files under catalog/; immutable afterwards.
/// </summary>
public sealed class PathwayCatalogue
{
    private readonly Dictionary<string, Pathway> _pathways;
    private readonly Dictionary<string, (Pathway Pathway, EventDefinition Event)> _events;
    private readonly Dictionary<string, SharedEvent> _shared;


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
        // The current shape: a start is its pathway's type code; other event codes are shared by the family's pathways.
        var shared = new Dictionary<string, (Pathway First, EventDefinition Template, SortedSet<string> Outcomes)>(StringComparer.Ordinal);
        foreach (var pathway in _pathways.Values)
        {
            foreach (var e in pathway.Events.Where(e => e.CurrentEvent is not null))
            {
                if (e.Kind == EventKind.Start)
                {
                    if (!string.Equals(e.CurrentEvent, e.Code, StringComparison.Ordinal) && !_events.TryAdd(e.CurrentEvent!, (pathway, e)))
                    {
                        problems.Add(new CatalogueProblem(pathway.SourceFile, $"events ({e.Code}).current_event", $"code {e.CurrentEvent} is also used by pathway {_events[e.CurrentEvent!].Pathway.Code}"));
                    }
                    continue;
                }
                if (_events.TryGetValue(e.CurrentEvent!, out var taken))
                {
                    problems.Add(new CatalogueProblem(pathway.SourceFile, $"events ({e.Code}).current_event", $"code {e.CurrentEvent} is also a code of pathway {taken.Pathway.Code}"));
                    continue;
                }
                if (shared.TryGetValue(e.CurrentEvent!, out var known))
                {
                    // One end event may close a pathway as an end or, with the outcome "transferred", as a transfer.
                    if (known.First.Family != pathway.Family || (known.Template.Kind != e.Kind && !(known.Template.EndsEpisode && e.EndsEpisode)))
                    {
                        problems.Add(new CatalogueProblem(pathway.SourceFile, $"events ({e.Code}).current_event",
                            $"{e.CurrentEvent} means a {EnumNames.Of(known.Template.Kind)} in pathway {known.First.Code} but a {EnumNames.Of(e.Kind)} here"));
                        continue;
                    }
                    known.Outcomes.UnionWith(e.CurrentOutcomes);
                }
                else
                {
                    shared[e.CurrentEvent!] = (pathway, e, new SortedSet<string>(e.CurrentOutcomes, StringComparer.Ordinal));
                }
            }
        }
        _shared = shared.ToDictionary(kv => kv.Key, kv => new SharedEvent(kv.Key, kv.Value.First.Family, kv.Value.Template, kv.Value.Outcomes.ToList()), StringComparer.Ordinal);
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
        // Indicator definitions live under catalog/indicators/ and are read by IndicatorCatalogue; recommended actions
        // under catalog/recommended-actions/, read by RecommendedActionCatalogue.
        foreach (var (fileName, text) in files.Where(f => !Indicators.IndicatorCatalogue.IsIndicatorFile(f.FileName) && !RecommendedActionCatalogue.IsActionFile(f.FileName)))
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

    /// <summary>An event code of the current shape that several pathways of a family share (Volven 9377, mental health).</summary>
    public SharedEvent? SharedEvent(string code) => _shared.GetValueOrDefault(code);

    public IEnumerable<SharedEvent> SharedEvents => _shared.Values.OrderBy(e => e.Code, StringComparer.Ordinal);

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
