using System.Globalization;
using Forlop.Domain.Catalogue;
using NodaTime;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Forlop.Domain.Indicators;

/// <summary>
/// Reads one indicator file (<c>catalog/indicators/*.yaml</c>, schema in docs/indicators.md) and checks it against the
/// pathway catalogue: the families, intervals and pathways it names must exist. Problems are reported as file, entry
/// and reason, like the pathway files, so a broken definition stops start-up. No I/O: the caller hands in the text.
/// </summary>
public static class IndicatorFileParser
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static IndicatorDefinition Parse(string fileName, string yaml, PathwayCatalogue pathways)
    {
        IndicatorFile? file;
        try
        {
            file = Deserializer.Deserialize<IndicatorFile>(yaml);
        }
        catch (YamlException e)
        {
            throw new CatalogueException([new CatalogueProblem(fileName, $"line {e.Start.Line}", e.InnerException?.Message ?? e.Message)]);
        }
        if (file is null)
        {
            throw new CatalogueException([new CatalogueProblem(fileName, "file", "the file is empty")]);
        }
        var problems = new List<CatalogueProblem>();
        var definition = Map(fileName, file, pathways, problems);
        if (problems.Count > 0)
        {
            throw new CatalogueException(problems);
        }
        return definition;
    }

    private static IndicatorDefinition Map(string fileName, IndicatorFile file, PathwayCatalogue catalogue, List<CatalogueProblem> problems)
    {
        void Problem(string entry, string message) => problems.Add(new CatalogueProblem(fileName, entry, message));

        var id = file.Id?.Trim() ?? "";
        if (id.Length == 0 || id.Length > 64 || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || id.StartsWith('-'))
        {
            Problem("id", $"'{file.Id}' is not an indicator id (lower-case letters, digits and '-', e.g. completed-within-standard)");
        }
        var kind = CatalogueFields.Enum<IndicatorKind>(file.Kind, "kind", Problem, required: true, NotOffered);
        var kindKnown = EnumNames.TryParse<IndicatorKind>(file.Kind, out _);
        var families = (file.Families ?? []).Select((f, i) => CatalogueFields.Enum<PathwayFamily>(f, $"families[{i}]", Problem, required: true, NotOffered)).Distinct().ToList();
        if (families.Count == 0)
        {
            Problem("families", "names no pathway family (cancer, mental-health, home, stroke)");
        }
        var excluded = (file.ExcludePathways ?? []).Select(p => p.Trim()).ToList();
        foreach (var code in excluded.Where(c => catalogue.Pathway(c) is null))
        {
            Problem("exclude_pathways", $"'{code}' is not a pathway of the catalogue");
        }
        var covered = catalogue.Pathways.Where(p => families.Contains(p.Family) && !excluded.Contains(p.Code, StringComparer.Ordinal)).ToList();
        if (families.Count > 0 && covered.Count == 0)
        {
            Problem("families", "no pathway of the catalogue is covered");
        }

        var intervals = (file.Intervals ?? []).Select(i => i.Trim()).ToList();
        foreach (var interval in intervals.Where(i => !covered.Any(p => p.Interval(i) is not null)))
        {
            Problem("intervals", $"'{interval}' is not an interval of any pathway the indicator covers");
        }
        var needsIntervals = kind is IndicatorKind.ShareWithinStandard or IndicatorKind.ShareReached or IndicatorKind.Distribution;
        if (kindKnown && needsIntervals && intervals.Count == 0)
        {
            Problem("intervals", $"a {EnumNames.Of(kind)} indicator needs at least one interval");
        }
        // An inclusion indicator may count a point reached (the end of an interval) instead of a decision:
        // Pakkeforløp hjem's needs assessment in hospital over all new cancer patients (reference/pathways.md §3).
        if (!needsIntervals && kind != IndicatorKind.Inclusion && file.Intervals is not null)
        {
            Problem("intervals", $"only share-within-standard, share-reached, distribution and inclusion indicators name intervals");
        }
        if (kind == IndicatorKind.ShareReached && intervals.Count > 1)
        {
            Problem("intervals", "a share-reached indicator follows one interval");
        }
        if (kind == IndicatorKind.Distribution && covered.Select(p => p.Unit).Distinct().Count() > 1)
        {
            Problem("families", "a distribution cannot mix pathways counted in days with pathways counted in minutes");
        }

        var treatments = (file.Treatments ?? []).Select((t, i) => CatalogueFields.Enum<TreatmentType>(t, $"treatments[{i}]", Problem, required: true, NotOffered)).Distinct().ToList();
        if (file.Treatments is not null && kind is IndicatorKind.ShareReached or IndicatorKind.Inclusion)
        {
            Problem("treatments", $"a {EnumNames.Of(kind)} indicator does not filter by treatment type");
        }

        var setting = CareSetting.Any;
        if (file.Setting is not null)
        {
            setting = CatalogueFields.Enum<CareSetting>(file.Setting, "setting", Problem, required: true, NotOffered);
            if (kind != IndicatorKind.ShareWithinStandard)
            {
                Problem("setting", "only a share-within-standard indicator picks the standard of a care setting");
            }
        }

        var counting = CountedEpisodes.None;
        if (kind == IndicatorKind.Count)
        {
            counting = CatalogueFields.Enum<CountedEpisodes>(file.Count, "count", Problem, required: true, NotOffered);
            if (counting == CountedEpisodes.None && file.Count is not null)
            {
                Problem("count", $"'{file.Count}' is not one of: started, completed, ended-without-treatment, still-open");
            }
            if (counting == CountedEpisodes.Completed && treatments.Count == 0)
            {
                Problem("treatments", "a count of completed pathways needs the treatment types that complete one");
            }
            if (counting == CountedEpisodes.StillOpen && covered.Any(p => !p.HasEndingCodes))
            {
                Problem("families", "still-open needs pathways whose episodes end with a code (not stroke or home)");
            }
        }
        else if (file.Count is not null)
        {
            Problem("count", "only a count indicator says what it counts");
        }

        var decisions = (file.Decisions ?? []).Select((d, i) => CatalogueFields.Enum<DecisionKind>(d, $"decisions[{i}]", Problem, required: true, NotOffered)).Distinct().ToList();
        if (kind == IndicatorKind.Inclusion && (decisions.Count == 0) == (intervals.Count == 0))
        {
            Problem("decisions", "an inclusion indicator needs either the decisions that include a patient (e.g. cancer-treatment) or the interval whose end point it counts, not both");
        }
        if (kind != IndicatorKind.Inclusion && file.Decisions is not null)
        {
            Problem("decisions", "only an inclusion indicator counts decisions");
        }

        var targets = new List<IndicatorTarget>();
        foreach (var (t, index) in (file.Targets ?? []).Select((t, i) => (t, i)))
        {
            var entry = $"targets[{index}]";
            var from = CatalogueFields.Date(t.ValidFrom, $"{entry}.valid_from", Problem);
            if (t.Percent is not { } percent || percent < 0 || percent > 100)
            {
                Problem($"{entry}.percent", "a target needs a percent from 0 to 100");
            }
            if (from is { } f && targets.Any(x => x.ValidFrom == f))
            {
                Problem(entry, $"two targets start on {IsoDate.Text(f)}");
            }
            targets.Add(new IndicatorTarget(from ?? LocalDate.MinIsoValue, t.Percent ?? 0, CatalogueFields.Source(t.Verified, t.Source, entry, Problem, "definition")));
        }
        if (targets.Count > 0 && !IsShareKind(kind))
        {
            Problem("targets", "only a share has a target");
        }

        return new IndicatorDefinition(
            id, CatalogueFields.Text(file.Name, "name", Problem, "text"), CatalogueFields.Text(file.Counts, "counts", Problem, "text"), kind, families, excluded, intervals,
            treatments, setting, counting, decisions, targets.OrderBy(t => t.ValidFrom).ToList(),
            CatalogueFields.Source(file.Verified, file.Source, "indicator", Problem, "definition"), file.Note, fileName);
    }

    // The unset and catch-all values of the shared enums are not written in an indicator file.
    private static readonly string[] NotOffered = ["None", "Any"];

    private static bool IsShareKind(IndicatorKind kind) =>
        kind is IndicatorKind.ShareWithinStandard or IndicatorKind.ShareReached or IndicatorKind.Inclusion;


    // YAML shape of an indicator file; unknown keys are rejected by the deserializer.
    private sealed class IndicatorFile
    {
        public string? Id { get; set; }
        public CatalogueText? Name { get; set; }
        public CatalogueText? Counts { get; set; }
        public string? Kind { get; set; }
        public List<string>? Families { get; set; }
        public List<string>? ExcludePathways { get; set; }
        public List<string>? Intervals { get; set; }
        public List<string>? Treatments { get; set; }
        public string? Setting { get; set; }
        public string? Count { get; set; }
        public List<string>? Decisions { get; set; }
        public List<TargetEntry>? Targets { get; set; }
        public bool? Verified { get; set; }
        public string? Source { get; set; }
        public string? Note { get; set; }
    }

    private sealed class TargetEntry
    {
        public string? ValidFrom { get; set; }
        public decimal? Percent { get; set; }
        public bool? Verified { get; set; }
        public string? Source { get; set; }
        public string? Note { get; set; }
    }
}
