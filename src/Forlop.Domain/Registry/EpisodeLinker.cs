using System.Globalization;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;

namespace Forlop.Domain.Registry;

/// <summary>Why a set of events cannot form valid episodes: the event at fault, the column and the reason.</summary>
public sealed record LinkViolation(RegisteredEvent Event, string Column, string Message);

/// <summary>The episodes built from a patient's events, or the first rule the events break.</summary>
public sealed record LinkResult(IReadOnlyList<Episode> Episodes, LinkViolation? Violation)
{
    public bool IsValid => Violation is null;
}

/// <summary>
/// Builds a patient's pathway episodes from the current versions of their events and enforces the linking rules
/// of the coding guide (interchange contract, "What an import does"). Events are taken in date order, so the
/// result does not depend on the order rows arrived in; a correction is checked by linking again with the new version.
/// </summary>
public sealed class EpisodeLinker(PathwayCatalogue catalogue, OrganisationDirectory organisations)
{
    public PathwayCatalogue Catalogue => catalogue;
    public OrganisationDirectory Organisations => organisations;

    public LinkResult Link(IEnumerable<RegisteredEvent> events)
    {
        var placed = new List<(RegisteredEvent Event, Pathway Pathway, EventDefinition Definition, string Hf)>();
        foreach (var e in events)
        {
            if (!catalogue.TryFindEvent(e.Code, out var pathway, out var definition))
            {
                return Fail(e, "code", $"{e.Code} is not a code in the catalogue");
            }
            var hf = organisations.HfOf(e.Organisation);
            if (hf is null)
            {
                return Fail(e, "organisation", $"{e.Organisation} is not a hospital trust, ideell hospital or unit");
            }
            placed.Add((e, pathway, definition, hf.Code));
        }
        placed.Sort(static (a, b) =>
        {
            var c = a.Event.Date.CompareTo(b.Event.Date);
            if (c != 0) return c;
            c = Nullable.Compare(a.Event.Time, b.Event.Time);
            if (c != 0) return c;
            c = SortRank(a.Definition).CompareTo(SortRank(b.Definition));
            return c != 0 ? c : a.Event.Id.CompareTo(b.Event.Id);
        });

        var episodes = new List<Episode>();
        var open = new Dictionary<(string Pathway, string Hf), Episode>();
        // Episodes ended by a transfer whose journey has not yet been picked up by a start at another HF.
        var pendingTransfers = new List<Episode>();

        foreach (var (e, pathway, definition, hf) in placed)
        {
            var item = new EpisodeEvent(e, definition);
            var key = (pathway.Code, hf);
            if (definition.Kind == EventKind.Start)
            {
                // Coding guide: a second start while the patient's episode at this HF is open is an error.
                if (open.TryGetValue(key, out var running))
                {
                    return Fail(e, "code", $"{e.Code} starts a second {pathway.Code} pathway at {hf} while the one started {Day(running.StartDate)} is still open");
                }
                // Transfers: a start at the receiving HF continues the journey begun at the sending HF.
                var from = pendingTransfers
                    .Where(t => string.Equals(t.Pathway.Code, pathway.Code, StringComparison.Ordinal)
                        && !string.Equals(t.Hf, hf, StringComparison.Ordinal) && t.Ending!.Date <= e.Date)
                    .OrderByDescending(t => t.Ending!.Date)
                    .FirstOrDefault();
                var episode = new Episode(pathway, hf, item, from);
                if (from is not null)
                {
                    from.TransferredTo = episode;
                    pendingTransfers.Remove(from);
                }
                episodes.Add(episode);
                open[key] = episode;
                continue;
            }

            if (!open.TryGetValue(key, out var current))
            {
                return FailWith(e, WhyNoEpisode(e, pathway, hf, episodes));
            }
            // Each point but evaluations is registered once; a change is a correction of the first row.
            var same = definition.IsRepeatable ? null : current.Events.FirstOrDefault(x => SameSlot(x.Definition, definition));
            if (same is not null)
            {
                return Fail(e, "code", $"the {pathway.Code} pathway started {Day(current.StartDate)} already has {Describe(same.Definition)} {same.Code} dated {Day(same.Date)} (record {same.Event.RecordId}); send a correction that replaces it instead");
            }
            // Coding guide: start ≤ first attendance ≤ clinical decision ≤ start of treatment (equal dates allowed).
            if (definition.Stage >= 0)
            {
                var later = current.Events.FirstOrDefault(x => x.Definition.Stage > definition.Stage);
                if (later is not null)
                {
                    return Fail(e, "date", $"{e.Code} dated {Day(e.Date)} comes after {later.Code} dated {Day(later.Date)}, but the pathway's order is start, first attendance, clinical decision, start of treatment");
                }
            }
            current.Add(item);
            if (!current.IsOpen)
            {
                open.Remove(key);
                if (definition.Kind == EventKind.Transfer)
                {
                    pendingTransfers.Add(current);
                }
            }
        }
        return new LinkResult(episodes, null);

        static LinkResult Fail(RegisteredEvent e, string column, string message) => new([], new LinkViolation(e, column, message));
    }

    private static LinkResult FailWith(RegisteredEvent e, (string Column, string Message) why) => new([], new LinkViolation(e, why.Column, why.Message));

    private static (string, string) WhyNoEpisode(RegisteredEvent e, Pathway pathway, string hf, List<Episode> episodes)
    {
        var atHf = episodes.Where(x => ReferenceEquals(x.Pathway, pathway) && string.Equals(x.Hf, hf, StringComparison.Ordinal)).ToList();
        var ended = atHf.LastOrDefault(x => !x.IsOpen);
        if (ended is not null)
        {
            var ending = ended.Ending!;
            if (ending.Kind == EventKind.Decision)
            {
                return ("code", $"{e.Code} dated {Day(e.Date)} cannot follow the decision {ending.Code} ({ending.Definition.Name.En}) of {Day(ending.Date)}, which ended the pathway");
            }
            if (ending.Kind == EventKind.Treatment && e.Code.Length > 0 && TryKind(pathway, e.Code) == EventKind.Treatment)
            {
                return ("code", $"the {pathway.Code} pathway started {Day(ended.StartDate)} already has a start of treatment {ending.Code} dated {Day(ending.Date)}");
            }
            return ("date", $"{e.Code} dated {Day(e.Date)} is after the pathway started {Day(ended.StartDate)} ended with {ending.Code} on {Day(ending.Date)}");
        }
        var laterStart = atHf.FirstOrDefault(x => x.StartDate > e.Date);
        if (laterStart is not null)
        {
            return ("date", $"{e.Code} dated {Day(e.Date)} is before the start of its pathway ({laterStart.Start.Code} dated {Day(laterStart.StartDate)})");
        }
        return ("code", $"the patient has no open {pathway.Code} pathway at {hf} on {Day(e.Date)}; register its start first");
    }

    private static EventKind? TryKind(Pathway pathway, string code) =>
        pathway.Events.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.Ordinal))?.Kind;

    private static bool SameSlot(EventDefinition a, EventDefinition b) =>
        a.Kind == EventKind.Measurement || a.Kind == EventKind.NeedsAssessment
            ? string.Equals(a.Code, b.Code, StringComparison.Ordinal)
            : a.Kind == b.Kind;

    private static int SortRank(EventDefinition d) => d.Stage >= 0 ? d.Stage : 100;

    private static string Describe(EventDefinition d) => d.Kind switch
    {
        EventKind.FirstAttendance => "a first attendance",
        EventKind.Decision => "a clinical decision",
        EventKind.Treatment => "a start of treatment",
        _ => "the point",
    };

    internal static string Day(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
