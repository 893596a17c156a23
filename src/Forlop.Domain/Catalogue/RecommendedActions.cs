using NodaTime;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Forlop.Domain.Catalogue;

/// <summary>
/// An action a pathway description recommends besides its measurement points (barn som pårørende, somatisk helse og
/// levevaner, the patient told who her coordinator is …): not a code hospitals register, but something done for the
/// patient that an HF follows per episode. Applies to the pathways of <see cref="Pathways"/> whose episodes start while
/// it is valid, so a new version of a pathway description can add or end actions.
/// <see cref="Provenance"/> says where it was seen; an action without a found source is unverified and says so.
/// </summary>
public sealed record RecommendedAction(string Id, LocalizedText Name, IReadOnlyList<string> Pathways, LocalDate ValidFrom, LocalDate? ValidTo, Provenance Provenance)
{
    /// <summary>Whether an episode of <paramref name="pathway"/> started on <paramref name="start"/> should have this action.</summary>
    public bool AppliesTo(string pathway, LocalDate start) =>
        Pathways.Contains(pathway, StringComparer.Ordinal) && start >= ValidFrom && (ValidTo is null || start <= ValidTo);
}

/// <summary>
/// The recommended actions of catalog/recommended-actions/*.yaml (docs/catalog.md, "Recommended actions"): one file per
/// pathway family, each action with its versions' dates and its source, checked against the pathways when read.
/// </summary>
public sealed class RecommendedActionCatalogue
{
    /// <summary>The catalogue's folder of action files.</summary>
    public const string Folder = "recommended-actions";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    // Per pathway, in file order: the tracking list asks for every row of every page, and a scan of all actions with
    // a string search of each one's pathways was a visible part of a page's CPU (bench/load.sh profile).
    private readonly Dictionary<string, RecommendedAction[]> _byPathway;

    private RecommendedActionCatalogue(IReadOnlyList<RecommendedAction> all)
    {
        All = all;
        _byPathway = all.SelectMany(a => a.Pathways.Distinct(StringComparer.Ordinal).Select(p => (Pathway: p, Action: a)))
            .GroupBy(x => x.Pathway, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Action).ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyList<RecommendedAction> All { get; }

    public static RecommendedActionCatalogue Empty { get; } = new([]);

    public static bool IsActionFile(string fileName) =>
        fileName.Replace('\\', '/').Split('/').SkipLast(1).Contains(Folder, StringComparer.Ordinal);

    /// <summary>The actions an episode of <paramref name="pathway"/> started on <paramref name="start"/> should have, in file order.</summary>
    public IEnumerable<RecommendedAction> For(string pathway, LocalDate start) =>
        _byPathway.TryGetValue(pathway, out var actions) ? actions.Where(a => a.AppliesTo(pathway, start)) : [];

    /// <summary>Parses every action file; collects the problems of all files before failing with a <see cref="CatalogueException"/>.</summary>
    public static RecommendedActionCatalogue FromFiles(IEnumerable<(string FileName, string Text)> files, PathwayCatalogue pathways)
    {
        var actions = new List<RecommendedAction>();
        var problems = new List<CatalogueProblem>();
        foreach (var (fileName, text) in files.Where(f => IsActionFile(f.FileName)))
        {
            ActionFile? file;
            try
            {
                file = Deserializer.Deserialize<ActionFile>(text);
            }
            catch (YamlException e)
            {
                problems.Add(new CatalogueProblem(fileName, $"line {e.Start.Line}", e.InnerException?.Message ?? e.Message));
                continue;
            }
            void Problem(string entry, string message) => problems.Add(new CatalogueProblem(fileName, entry, message));
            var family = CatalogueFields.Enum<PathwayFamily>(file?.Family, "family", Problem, required: true);
            var codes = pathways.Pathways.Where(p => p.Family == family).Select(p => p.Code.Value).ToList();
            if (file?.Actions is not { Count: > 0 } entries)
            {
                Problem("actions", "the file lists no actions");
                continue;
            }
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                var at = $"actions[{i}]{(entry.Id is { } id ? " " + id : "")}";
                if (string.IsNullOrWhiteSpace(entry.Id) || entry.Id.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
                {
                    Problem(at, "needs an id in lower-case words joined by '-'");
                }
                else if (actions.Any(a => string.Equals(a.Id, entry.Id, StringComparison.Ordinal)))
                {
                    Problem(at, "the id is used by another action");
                }
                var name = CatalogueFields.Text(entry.Name, at, Problem, "name");
                var from = CatalogueFields.Date(entry.ValidFrom, at + " valid_from", Problem);
                var to = entry.ValidTo is null ? null : CatalogueFields.Date(entry.ValidTo, at + " valid_to", Problem);
                var provenance = CatalogueFields.Source(entry.Verified, entry.Source, at, Problem, "action");
                var only = entry.Pathways ?? codes;
                foreach (var unknown in only.Where(c => !codes.Contains(c, StringComparer.Ordinal)))
                {
                    Problem(at, $"'{unknown}' is not a pathway of the {file.Family} family");
                }
                if (from is { } start && to is { } end && end < start)
                {
                    Problem(at, "valid_to is before valid_from");
                }
                actions.Add(new RecommendedAction(entry.Id?.Trim() ?? "", name, only, from ?? default, to, provenance));
            }
        }
        if (problems.Count > 0)
        {
            throw new CatalogueException(problems);
        }
        return new RecommendedActionCatalogue(actions);
    }

    private sealed class ActionFile
    {
        public string? Family { get; set; }
        public string? Note { get; set; }
        public List<ActionEntry>? Actions { get; set; }
    }

    private sealed class ActionEntry
    {
        public string? Id { get; set; }
        public CatalogueText? Name { get; set; }
        /// <summary>Only these pathways of the family; all of them when left out.</summary>
        public List<string>? Pathways { get; set; }
        public string? ValidFrom { get; set; }
        public string? ValidTo { get; set; }
        public bool? Verified { get; set; }
        public string? Source { get; set; }
    }
}
