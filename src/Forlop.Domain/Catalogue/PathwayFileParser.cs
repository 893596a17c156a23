using System.Globalization;
using Forlop.Domain.Codes;
using NodaTime;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Forlop.Domain.Catalogue;

/// <summary>
/// Reads one pathway file of the catalogue (YAML, schema in docs/catalog.md) and checks it. Every problem is
/// reported with the file, the entry and what is wrong, so a broken catalogue stops start-up with a message
/// an administrator can act on. The parser does no I/O: the caller hands it the file's name and text.
/// </summary>
public static class PathwayFileParser
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static Pathway Parse(string fileName, string yaml)
    {
        PathwayFile? file;
        try
        {
            file = Deserializer.Deserialize<PathwayFile>(yaml);
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            throw new CatalogueException([new CatalogueProblem(fileName, $"line {e.Start.Line}", inner)]);
        }
        if (file is null)
        {
            throw new CatalogueException([new CatalogueProblem(fileName, "file", "the file is empty")]);
        }
        var problems = new List<CatalogueProblem>();
        var pathway = Map(fileName, file, problems);
        if (problems.Count > 0 || pathway is null)
        {
            throw new CatalogueException(problems);
        }
        return pathway;
    }

    private static Pathway? Map(string fileName, PathwayFile file, List<CatalogueProblem> problems)
    {
        void Problem(string entry, string message) => problems.Add(new CatalogueProblem(fileName, entry, message));

        if (!PathwayCode.TryParse(file.Code?.Trim(), out var code, out var codeProblem))
        {
            Problem("code", $"{codeProblem.En} (e.g. A12)");
        }
        var family = CatalogueFields.Enum<PathwayFamily>(file.Family, "family", Problem, required: true);
        var unit = file.Unit is null ? TimeUnit.Days : CatalogueFields.Enum<TimeUnit>(file.Unit, "unit", Problem, required: true);
        var name = CatalogueFields.Text(file.Name, "name", Problem, "name");
        var validFrom = CatalogueFields.Date(file.ValidFrom, "valid_from", Problem) ?? LocalDate.MinIsoValue;
        var validTo = file.ValidTo is null ? (LocalDate?)null : CatalogueFields.Date(file.ValidTo, "valid_to", Problem);
        if (validTo < validFrom)
        {
            Problem("valid_to", $"{file.ValidTo} is before valid_from {file.ValidFrom}");
        }
        var provenance = CatalogueFields.Source(file.Verified, file.Source, "pathway", Problem, "fact");

        var events = new List<EventDefinition>();
        var seenCodes = new HashSet<EventCode>();
        foreach (var (e, index) in (file.Events ?? []).Select((e, i) => (e, i)))
        {
            var entry = $"events[{index}] ({e.Code ?? "no code"})";
            if (!EventCode.TryParse(e.Code?.Trim(), out var eventCode, out _) || !eventCode.BelongsTo(code))
            {
                Problem(entry, $"code must start with the pathway code {(code.Value.Length > 0 ? code : "?")} and hold only letters and digits");
            }
            else if (!seenCodes.Add(eventCode))
            {
                Problem(entry, "the code is listed twice");
            }
            var kind = CatalogueFields.Enum<EventKind>(e.Kind, $"{entry}.kind", Problem, required: true);
            var decision = kind == EventKind.Decision
                ? CatalogueFields.Enum<DecisionKind>(e.Decision, $"{entry}.decision", Problem, required: true)
                : NotAllowed(e.Decision, $"{entry}.decision", "decision", Problem, DecisionKind.None);
            var treatment = kind == EventKind.Treatment
                ? ParseTreatment(e.Treatment, $"{entry}.treatment", Problem)
                : NotAllowed(e.Treatment, $"{entry}.treatment", "treatment", Problem, TreatmentType.None);
            var endsByDefault = kind is EventKind.Treatment or EventKind.Transfer or EventKind.Stop or EventKind.End
                || decision is DecisionKind.OtherCancer or DecisionKind.OtherDisease or DecisionKind.NoDisease;
            if (kind == EventKind.Measurement && e.Stage is null)
            {
                Problem(entry, "a measurement point needs a stage (its place in the order of points)");
            }
            if (e.MaxPerEpisode is < 1)
            {
                Problem($"{entry}.max_per_episode", "must be 1 or more");
            }
            var currentEvent = e.CurrentEvent?.Trim();
            if (currentEvent is not null && (currentEvent.Length == 0 || !currentEvent.All(char.IsAsciiLetterOrDigit)))
            {
                Problem($"{entry}.current_event", $"'{e.CurrentEvent}' is not a code (letters and digits)");
            }
            // The current shape registers the type code together with the start: the start's current code is the pathway's own.
            if (currentEvent is not null && kind == EventKind.Start && !string.Equals(currentEvent, code, StringComparison.Ordinal))
            {
                Problem($"{entry}.current_event", $"a start's current code is the pathway's type code {code}");
            }
            if (currentEvent is null && e.CurrentOutcomes is { Count: > 0 })
            {
                Problem($"{entry}.current_outcomes", "outcomes belong to a current_event");
            }
            events.Add(new EventDefinition(
                eventCode, kind, CatalogueFields.Text(e.Name, $"{entry}.name", Problem, "name"), decision, treatment,
                e.EndsEpisode ?? endsByDefault, e.Stage ?? DefaultStage(kind),
                CatalogueFields.Source(e.Verified, e.Source, entry, Problem, "fact"))
            {
                MaxPerEpisode = e.MaxPerEpisode ?? 1,
                CurrentEvent = currentEvent,
                CurrentOutcomes = (e.CurrentOutcomes ?? []).Select(o => o.Trim()).ToList(),
            });
        }
        if (events.Count > 0 && !events.Any(e => e.Kind == EventKind.Start))
        {
            Problem("events", "the pathway has no start code (kind: start)");
        }
        if (events.Count == 0)
        {
            Problem("events", "the pathway lists no codes");
        }

        var outcomes = new List<OutcomeDefinition>();
        foreach (var (o, index) in (file.Outcomes ?? []).Select((o, i) => (o, i)))
        {
            var entry = $"outcomes[{index}] ({o.Code ?? "no code"})";
            if (string.IsNullOrWhiteSpace(o.Code))
            {
                Problem(entry, "an outcome needs a code");
            }
            outcomes.Add(new OutcomeDefinition(o.Code?.Trim() ?? "", CatalogueFields.Text(o.Name, $"{entry}.name", Problem, "name"), CatalogueFields.Source(o.Verified, o.Source, entry, Problem, "fact")));
        }

        foreach (var e in events)
        {
            foreach (var o in e.CurrentOutcomes.Where(o => !outcomes.Any(x => string.Equals(x.Code, o, StringComparison.Ordinal))))
            {
                Problem($"events ({e.Code}).current_outcomes", $"{o} is not in the pathway's outcomes");
            }
        }
        foreach (var clash in events.Where(e => e.CurrentEvent is not null)
            .SelectMany(e => e.CurrentOutcomes.Count == 0 ? [(e.CurrentEvent!, (string?)null, e.Code)] : e.CurrentOutcomes.Select(o => (e.CurrentEvent!, (string?)o, e.Code)))
            .GroupBy(x => (x.Item1, x.Item2)).Where(g => g.Count() > 1))
        {
            Problem($"events ({string.Join(", ", clash.Select(x => x.Code))})", $"{clash.Key.Item1} {clash.Key.Item2} means more than one point");
        }

        var intervals = new List<IntervalDefinition>();
        foreach (var (i, index) in (file.Intervals ?? []).Select((i, n) => (i, n)))
        {
            var entry = $"intervals[{index}] ({i.Id ?? "no id"})";
            if (string.IsNullOrWhiteSpace(i.Id))
            {
                Problem(entry, "an interval needs an id");
            }
            else if (!IntervalId.TryParse(i.Id.Trim(), out _, out var idProblem))
            {
                Problem(entry, idProblem.En);
            }
            var intervalId = IntervalId.TryParse(i.Id?.Trim(), out var parsedId, out _) ? parsedId : default;
            var from = Endpoint(i.From, $"{entry}.from");
            var to = Endpoint(i.To, $"{entry}.to");
            var standards = new List<StandardTime>();
            foreach (var (s, sIndex) in (i.Standards ?? []).Select((s, n) => (s, n)))
            {
                var sEntry = $"{entry}.standards[{sIndex}]";
                var from2 = CatalogueFields.Date(s.ValidFrom, $"{sEntry}.valid_from", Problem) ?? validFrom;
                if (s.Limit is null or < 0)
                {
                    Problem($"{sEntry}.limit", "a standard needs a limit of zero or more");
                }
                var treatment = s.Treatment is null ? TreatmentType.None : ParseTreatment(s.Treatment, $"{sEntry}.treatment", Problem);
                var setting = s.Setting is null ? CareSetting.Any : CatalogueFields.Enum<CareSetting>(s.Setting, $"{sEntry}.setting", Problem, required: true);
                if (standards.Any(x => x.ValidFrom == from2 && x.Treatment == treatment && x.Setting == setting))
                {
                    Problem(sEntry, $"two standards for the same treatment and setting start on {from2:yyyy-MM-dd}");
                }
                standards.Add(new StandardTime(from2, s.Limit ?? 0, treatment, setting, CatalogueFields.Source(s.Verified, s.Source, sEntry, Problem, "fact")));
            }
            intervals.Add(new IntervalDefinition(intervalId, CatalogueFields.Text(i.Name, $"{entry}.name", Problem, "name"), from, to, standards));
        }
        foreach (var duplicate in intervals.GroupBy(i => i.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Problem($"intervals ({duplicate.Key})", "the interval id is listed twice");
        }

        return new Pathway(code, family, name, unit, validFrom, validTo, provenance, file.Note, events, outcomes, intervals, fileName);

        string Endpoint(string? value, string entry)
        {
            var text = value?.Trim() ?? "";
            if (events.Any(e => string.Equals(e.Code, text, StringComparison.Ordinal)))
            {
                return text;
            }
            if (EnumNames.TryParse<EventKind>(text, out var kind) && events.Any(e => e.Kind == kind))
            {
                return text;
            }
            Problem(entry, $"'{value}' is neither an event kind used by this pathway nor one of its codes");
            return text;
        }
    }

    /// <summary>Default order of the points: start ≤ first attendance ≤ decision ≤ treatment (coding guide, "rekkefølge").</summary>
    private static int DefaultStage(EventKind kind) => kind switch
    {
        EventKind.Start => 0,
        EventKind.FirstAttendance => 10,
        EventKind.Decision => 20,
        EventKind.Treatment => 30,
        EventKind.Evaluation => 30,
        EventKind.NeedsAssessment => 30,
        EventKind.End => 90,
        _ => -1, // transfer and stop may come at any point after the start
    };

    // "none" would read as "no treatment type given"; the FI code is spelt no-treatment.
    private static TreatmentType ParseTreatment(string? text, string entry, Action<string, string> problem)
    {
        var value = CatalogueFields.Enum<TreatmentType>(text, entry, problem, required: true);
        if (value == TreatmentType.None && text is not null)
        {
            problem(entry, $"'{text}' is not a treatment type (no treatment, FI, is spelt no-treatment)");
        }
        return value;
    }

    private static T NotAllowed<T>(string? value, string entry, string key, Action<string, string> problem, T none)
    {
        if (value is not null)
        {
            problem(entry, $"'{key}' only belongs on a {key} code");
        }
        return none;
    }

    // YAML shape of a pathway file; unknown keys are rejected by the deserializer.
    private sealed class PathwayFile
    {
        public string? Code { get; set; }
        public string? Family { get; set; }
        public CatalogueText? Name { get; set; }
        public string? Unit { get; set; }
        public string? ValidFrom { get; set; }
        public string? ValidTo { get; set; }
        public bool? Verified { get; set; }
        public string? Source { get; set; }
        public string? Note { get; set; }
        public List<EventEntry>? Events { get; set; }
        public List<OutcomeEntry>? Outcomes { get; set; }
        public List<IntervalEntry>? Intervals { get; set; }
    }

    private sealed class EventEntry
    {
        public string? Code { get; set; }
        public string? Kind { get; set; }
        public CatalogueText? Name { get; set; }
        public string? Decision { get; set; }
        public string? Treatment { get; set; }
        public bool? EndsEpisode { get; set; }
        public int? Stage { get; set; }
        public int? MaxPerEpisode { get; set; }
        public string? CurrentEvent { get; set; }
        public List<string>? CurrentOutcomes { get; set; }
        public bool? Verified { get; set; }
        public string? Source { get; set; }
        public string? Note { get; set; }
    }

    private sealed class OutcomeEntry
    {
        public string? Code { get; set; }
        public CatalogueText? Name { get; set; }
        public bool? Verified { get; set; }
        public string? Source { get; set; }
        public string? Note { get; set; }
    }

    private sealed class IntervalEntry
    {
        public string? Id { get; set; }
        public CatalogueText? Name { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        public List<StandardEntry>? Standards { get; set; }
        public string? Note { get; set; }
    }

    private sealed class StandardEntry
    {
        public string? ValidFrom { get; set; }
        public int? Limit { get; set; }
        public string? Treatment { get; set; }
        public string? Setting { get; set; }
        public bool? Verified { get; set; }
        public string? Source { get; set; }
        public string? Note { get; set; }
    }
}

/// <summary>One problem in a catalogue file: the file, the entry in it, and what is wrong.</summary>
public sealed record CatalogueProblem(string File, string Entry, string Message)
{
    public override string ToString() => $"{File}: {Entry}: {Message}";
}

/// <summary>The catalogue cannot be used; <see cref="Problems"/> says where and why.</summary>
public sealed class CatalogueException(IReadOnlyList<CatalogueProblem> problems)
    : Exception("The pathway catalogue is broken:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p.ToString())))
{
    public IReadOnlyList<CatalogueProblem> Problems { get; } = problems;
}
