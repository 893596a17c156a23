using Forlop.Domain.Catalogue;
using NodaTime;
using NodaTime.Text;

namespace Forlop.Domain.Implementation;

/// <summary>Who carries a measure of an implementation plan out: the nation (Helsedirektoratet), each RHF, each HF or each municipality.</summary>
public enum OwnerLevel
{
    Nation,
    Rhf,
    Hf,
    Municipality,
}

/// <summary>How far an owner has come with a measure. Stored and sent in kebab-case.</summary>
public enum MeasureStatus
{
    NotStarted,
    InProgress,
    Done,
}

/// <summary>
/// One measure (tiltak) of a national implementation plan: coordinators in place, a regional plan, MDT organised,
/// reserved slots, a contact point published … with the level that owns it, its deadline (stated by the plan, or the
/// plan period's last day, <see cref="DeadlineStated"/> says which) and where the plan says so.
/// </summary>
public sealed record PlanMeasure(string Id, string Plan, OwnerLevel Level, LocalDate Deadline, bool DeadlineStated, LocalizedText Name, string Source);

/// <summary>The measures of catalog/plan-measures.tsv, read and checked once at start-up.</summary>
public sealed class PlanMeasureCatalogue
{
    /// <summary>The catalogue's file of measures.</summary>
    public const string FileName = "plan-measures.tsv";

    /// <summary>The one owner of the nation's measures.</summary>
    public const string NationOwner = "national";

    private static readonly string[] Columns = ["id", "plan", "owner_level", "deadline", "deadline_source", "name_nb", "name_en", "source"];

    private PlanMeasureCatalogue(IReadOnlyList<PlanMeasure> all) => All = all;

    public IReadOnlyList<PlanMeasure> All { get; }

    public static PlanMeasureCatalogue Empty { get; } = new([]);

    public PlanMeasure? Find(string? id) => All.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));

    /// <summary>Parses the TSV (lines starting with # are comments); collects every problem before failing with a <see cref="CatalogueException"/>.</summary>
    public static PlanMeasureCatalogue ParseTsv(string text, string fileName = FileName)
    {
        var problems = new List<CatalogueProblem>();
        var measures = new List<PlanMeasure>();
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select((l, i) => (Line: i + 1, Text: l))
            .Where(l => l.Text.Length > 0 && !l.Text.StartsWith('#')).ToList();
        if (lines.Count == 0 || !lines[0].Text.Split('\t').SequenceEqual(Columns, StringComparer.Ordinal))
        {
            throw new CatalogueException([new CatalogueProblem(fileName, "header", $"the header must be {string.Join(", ", Columns)}")]);
        }
        foreach (var (line, row) in lines.Skip(1))
        {
            var at = $"line {line}";
            var f = row.Split('\t');
            if (f.Length != Columns.Length)
            {
                problems.Add(new CatalogueProblem(fileName, at, $"has {f.Length} fields, not {Columns.Length}"));
                continue;
            }
            var (id, plan, level, deadline, deadlineSource, nb, en, source) = (f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]);
            if (id.Length == 0 || id.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            {
                problems.Add(new CatalogueProblem(fileName, at, "needs an id in lower-case words joined by '-'"));
            }
            else if (measures.Any(m => string.Equals(m.Id, id, StringComparison.Ordinal)))
            {
                problems.Add(new CatalogueProblem(fileName, at, $"the id {id} is used by another measure"));
            }
            if (!EnumNames.TryParse<OwnerLevel>(level, out var ownerLevel))
            {
                problems.Add(new CatalogueProblem(fileName, at, $"owner_level '{level}' is not nation, rhf, hf or municipality"));
            }
            var date = LocalDatePattern.Iso.Parse(deadline);
            if (!date.Success)
            {
                problems.Add(new CatalogueProblem(fileName, at, $"deadline '{deadline}' is not a date (YYYY-MM-DD)"));
            }
            if (deadlineSource is not ("stated" or "plan period"))
            {
                problems.Add(new CatalogueProblem(fileName, at, "deadline_source must be 'stated' or 'plan period'"));
            }
            if (plan.Length == 0 || nb.Length == 0 || en.Length == 0 || source.Length == 0)
            {
                problems.Add(new CatalogueProblem(fileName, at, "needs a plan, a name in both languages and a source"));
            }
            measures.Add(new PlanMeasure(id, plan, ownerLevel, date.Success ? date.Value : default, deadlineSource == "stated", new LocalizedText(nb, en), source));
        }
        if (problems.Count > 0)
        {
            throw new CatalogueException(problems);
        }
        return new PlanMeasureCatalogue(measures);
    }
}

/// <summary>An owner's newest status of a measure, with its evidence, who recorded it and when.</summary>
public sealed record OwnerStatus(string MeasureId, string Owner, MeasureStatus Status, string? Evidence, Instant RecordedAt, string RecordedBy);

/// <summary>One measure across its owners: how many have it done, in progress, not started (never reported counts as not started), and how many are late.</summary>
public sealed record MeasureProgress(PlanMeasure Measure, int Owners, int Done, int InProgress, int NotStarted, int Late);

/// <summary>
/// The tracker's figures, pure: each measure's progress over the owners of its level, and whether an owner is late
/// (not done by the deadline). The newest status of an owner counts; an owner with none has not started.
/// </summary>
public static class ImplementationProgress
{
    /// <summary>Whether the owner's measure is past its deadline without being done, on <paramref name="today"/>.</summary>
    public static bool IsLate(PlanMeasure measure, MeasureStatus status, LocalDate today) => status != MeasureStatus.Done && today > measure.Deadline;

    /// <summary>
    /// The progress of every measure: <paramref name="ownersOf"/> gives the owners of a level (every HF, every RHF, the
    /// municipalities, the nation's one), and <paramref name="statuses"/> the newest status of each measure and owner.
    /// </summary>
    public static IReadOnlyList<MeasureProgress> Of(IEnumerable<PlanMeasure> measures, Func<OwnerLevel, IReadOnlyCollection<string>> ownersOf,
        IReadOnlyDictionary<(string Measure, string Owner), OwnerStatus> statuses, LocalDate today) =>
        [.. measures.Select(m =>
        {
            var owners = ownersOf(m.Level);
            var status = owners.Select(o => statuses.TryGetValue((m.Id, o), out var s) ? s.Status : MeasureStatus.NotStarted).ToList();
            return new MeasureProgress(m, owners.Count,
                status.Count(s => s == MeasureStatus.Done), status.Count(s => s == MeasureStatus.InProgress), status.Count(s => s == MeasureStatus.NotStarted),
                status.Count(s => IsLate(m, s, today)));
        })];
}
