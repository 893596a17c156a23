using System.Globalization;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;

namespace Forlop.Domain.Registry;

/// <summary>
/// Why a set of events cannot form valid episodes: the event at fault, the column (one of <see cref="EventColumns"/>)
/// and the reason in English and bokmål, as a <see cref="Refusal"/> carries it on.
/// </summary>
public sealed record LinkViolation(RegisteredEvent Event, string Column, LocalizedText Reason)
{
    public string Column { get; } = EventColumns.Require(Column);

    /// <summary>The English reason: <c>Reason.En</c>.</summary>
    public string Message => Reason.En;
}

/// <summary>The episodes built from a patient's events, or the first rule the events break.</summary>
public sealed record LinkResult(IReadOnlyList<Episode> Episodes, LinkViolation? Violation)
{
    internal LinkState? State { get; init; }

    public bool IsValid => Violation is null;
}

/// <summary>
/// Builds a patient's pathway episodes from the current versions of their events and enforces the linking rules
/// of the coding guide (interchange contract, "What an import does"). Events are taken in date order, so the
/// result does not depend on the order rows arrived in; a correction is checked by linking again with the new version.
/// </summary>
public sealed partial class EpisodeLinker(PathwayCatalogue catalogue, OrganisationDirectory organisations)
{
    /// <summary>
    /// How long after a transfer (<c>O</c>, dated the day the referral is sent) a start at another HF still continues
    /// that journey: the receiving HF dates its start the day it receives the referral (Kodeveileder, "Henvisning til
    /// start pakkeforløp"; reference/pathways.md §1.1), days later, not months. The guide gives no number; decision
    /// 0011 sets 30 calendar days. A later start is a pathway of its own, counted from its own start.
    /// </summary>
    public const int TransferLinkDays = 30;

    public PathwayCatalogue Catalogue => catalogue;
    public OrganisationDirectory Organisations => organisations;

    public LinkResult Link(IEnumerable<RegisteredEvent> events)
    {
        var placed = new List<PlacedEvent>();
        foreach (var e in events)
        {
            if (!TryPlace(e, out var p, out var violation))
            {
                return new LinkResult([], violation);
            }
            placed.Add(p);
        }
        placed.Sort(PlacedEvent.Compare);
        var state = new LinkState();
        for (var i = 0; i < placed.Count; i++)
        {
            if (state.TryAdd(placed[i]) is { } violation)
            {
                if (state.HasOpen(placed[i]) && EndingOfTheSameDay(placed, i) is { } ending)
                {
                    // A new start on the day the open pathway ended: the ending closes the earlier pathway first.
                    var moved = placed[ending];
                    placed.RemoveAt(ending);
                    placed.Insert(i, moved);
                    i--;
                    continue;
                }
                return new LinkResult([], (state.HasOpen(placed[i]) ? null : BeforeALaterStart(placed, i)) ?? violation);
            }
        }
        return new LinkResult(state.Episodes, null) { State = state };
    }

    /// <summary>
    /// For a start refused because the patient's pathway at that HF is open: a later event of the same day, pathway and
    /// HF that ends an episode. A day's starts sort first, but a second start while the first is open is never valid,
    /// so such an ending can only belong to the earlier pathway (coding guide: a new start is registered when a new
    /// referral or suspicion arises, also on the day the earlier pathway ended; decision 0011).
    /// </summary>
    private static int? EndingOfTheSameDay(List<PlacedEvent> placed, int start)
    {
        var s = placed[start];
        if (s.Definition.Kind != EventKind.Start)
        {
            return null;
        }
        for (var j = start + 1; j < placed.Count && placed[j].Event.Date == s.Event.Date; j++)
        {
            var p = placed[j];
            if (p.Definition.EndsEpisode && p.Definition.Kind != EventKind.Start && ReferenceEquals(p.Pathway, s.Pathway)
                && string.Equals(p.Hf, s.Hf, StringComparison.Ordinal))
            {
                return j;
            }
        }
        return null;
    }

    /// <summary>An event with no open episode may simply be dated before the start it belongs to: say so.</summary>
    private static LinkViolation? BeforeALaterStart(List<PlacedEvent> placed, int index)
    {
        var p = placed[index];
        if (p.Definition.Kind == EventKind.Start)
        {
            return null;
        }
        for (var j = index + 1; j < placed.Count; j++)
        {
            var later = placed[j];
            if (later.Definition.Kind == EventKind.Start && ReferenceEquals(later.Pathway, p.Pathway) && string.Equals(later.Hf, p.Hf, StringComparison.Ordinal))
            {
                return new LinkViolation(p.Event, EventColumns.Date, BeforeTheStart(p.Event, later.Event));
            }
        }
        return null;
    }

    /// <summary>Looks up what the catalogue says of an event and the HF it belongs to.</summary>
    internal bool TryPlace(RegisteredEvent e, out PlacedEvent placed, out LinkViolation? violation)
    {
        placed = default;
        Pathway? pathway = null;
        var shared = catalogue.TryFindEvent(e.Code, out var found, out var definition) ? null : catalogue.SharedEvent(e.Code);
        if (shared is null && definition is null)
        {
            violation = new LinkViolation(e, EventColumns.Code, NotACode(e.Code));
            return false;
        }
        if (shared is null)
        {
            pathway = found;
        }
        var hf = organisations.HfOf(e.Organisation);
        if (hf is null)
        {
            violation = new LinkViolation(e, EventColumns.Organisation, new(
                En: $"{e.Organisation} is not a hospital trust, ideell hospital or unit",
                Nb: $"{e.Organisation} er ikke et helseforetak, et ideelt sykehus eller en enhet."));
            return false;
        }
        // A shared code's pathway and meaning are known when its episode is found (LinkState.Resolve).
        placed = new PlacedEvent(e, pathway, definition ?? shared!.Template, hf.Code) { Shared = shared };
        violation = null;
        return true;
    }
}

/// <summary>An event with its pathway, its meaning, and the HF it belongs to.</summary>
internal readonly record struct PlacedEvent(RegisteredEvent Event, Pathway? Pathway, EventDefinition Definition, string Hf)
{
    /// <summary>A code of the current mental-health shape, not yet placed in a pathway: <see cref="Pathway"/> is null until then.</summary>
    public SharedEvent? Shared { get; init; }

    private NodaTime.LocalTime? ClockTime => Pathway?.Unit == TimeUnit.Minutes ? Event.Time : null;

    /// <summary>
    /// Date order; same day: clock time (minute pathways only), then the pathway's order of points, then arrival.
    /// A day pathway's optional clock time is ignored: rows of one day are in order whichever of them carry one.
    /// </summary>
    public static int Compare(PlacedEvent a, PlacedEvent b)
    {
        var c = a.Event.Date.CompareTo(b.Event.Date);
        if (c != 0) return c;
        c = Nullable.Compare(a.ClockTime, b.ClockTime);
        if (c != 0) return c;
        c = EpisodeLinker.SortRank(a.Definition).CompareTo(EpisodeLinker.SortRank(b.Definition));
        return c != 0 ? c : a.Event.Id.CompareTo(b.Event.Id);
    }
}

/// <summary>
/// The episodes built so far from events taken in order. An event that sorts after every event already placed can
/// be added directly — the import's common case — and gives the same episodes as linking everything again.
/// A refused event changes nothing: every check comes before any change.
/// </summary>
internal sealed class LinkState
{
    private readonly List<Episode> _episodes = [];
    // A patient has few episodes open at once: a list is smaller and as fast as a dictionary here.
    private readonly List<Episode> _open = new(1);
    // Episodes ended by a transfer whose journey has not yet been picked up by a start at another HF; rare, made on first use.
    private List<Episode>? _pendingTransfers;
    private PlacedEvent? _last;

    public IReadOnlyList<Episode> Episodes => _episodes;

    public bool HasOpen(PlacedEvent p) => p.Pathway is null ? Resolve(p, out _, out _) : FindOpen(p.Pathway, p.Hf) is not null;

    /// <summary>
    /// Places a code of the current shape (Volven 9377 event + 9379 outcome) in the patient's one open episode at the HF
    /// whose pathway gives the pair a meaning; the pathway's own point stands for it from then on, so both shapes give
    /// the same episodes. Several such open episodes: which one is meant cannot be told, and the row is refused.
    /// </summary>
    private bool Resolve(PlacedEvent p, out PlacedEvent resolved, out LinkViolation? violation)
    {
        resolved = p;
        violation = null;
        Episode? match = null;
        EventDefinition? meaning = null;
        foreach (var episode in _open)
        {
            if (string.Equals(episode.Hf, p.Hf, StringComparison.Ordinal) && episode.Pathway.CurrentShape(p.Event.Code, p.Event.Outcome) is { } d)
            {
                if (match is not null)
                {
                    violation = new(p.Event, EventColumns.Code, new(
                        En: $"{p.Event.Code} cannot be placed: the patient has two open pathways at {p.Hf} it could belong to ({match.Pathway.Code} and {episode.Pathway.Code}); send the pathway's own code (e.g. {d.Code}) instead",
                        Nb: $"{p.Event.Code} kan ikke plasseres: pasienten har to åpne forløp ved {p.Hf} som hendelsen kan høre til ({match.Pathway.Code} og {episode.Pathway.Code}); send forløpets egen kode (f.eks. {d.Code}) i stedet."));
                    return false;
                }
                match = episode;
                meaning = d;
            }
        }
        if (match is null)
        {
            violation = new(p.Event, EventColumns.Code, new(
                En: $"the patient has no open pathway at {p.Hf} on {EpisodeLinker.Day(p.Event.Date)} that {p.Event.Code}{(p.Event.Outcome is null ? "" : " with outcome " + p.Event.Outcome)} belongs to; register its start (the type code, e.g. D11) first",
                Nb: $"Pasienten har ikke noe åpent forløp ved {p.Hf} den {EpisodeLinker.NorwegianDay(p.Event.Date)} som {p.Event.Code}{(p.Event.Outcome is null ? "" : " med utfall " + p.Event.Outcome)} hører til; registrer start (forløpstypen, f.eks. D11) først."));
            return false;
        }
        resolved = p with { Pathway = match.Pathway, Definition = meaning!, Shared = null };
        return true;
    }

    private Episode? FindOpen(Pathway pathway, string hf)
    {
        foreach (var episode in _open)
        {
            if (ReferenceEquals(episode.Pathway, pathway) && string.Equals(episode.Hf, hf, StringComparison.Ordinal))
            {
                return episode;
            }
        }
        return null;
    }

    public bool SortsAfterLast(PlacedEvent p) => _last is null || PlacedEvent.Compare(_last.Value, p) < 0;

    public LinkViolation? TryAdd(PlacedEvent p)
    {
        if (p.Shared is not null)
        {
            if (!Resolve(p, out p, out var unplaced))
            {
                return unplaced;
            }
        }
        var (e, pathwayOrNull, definition, hf) = p;
        var pathway = pathwayOrNull!;
        var item = new EpisodeEvent(e, definition);
        if (definition.Kind == EventKind.Start)
        {
            // Coding guide: a second start while the patient's episode at this HF is open is an error.
            if (FindOpen(pathway, hf) is { } running)
            {
                if (!pathway.HasEndingCodes)
                {
                    // Nothing can end it, so the next start closes it (a new stroke, a relapse).
                    running.CloseByNextStart(item);
                    _open.Remove(running);
                    return TryAdd(p);
                }
                return new(e, EventColumns.Code, new(
                    En: $"{e.Code} starts a second {pathway.Code} pathway at {hf} while the one started {EpisodeLinker.Day(running.StartDate)} is still open",
                    Nb: $"{e.Code} starter et nytt forløp i {pathway.Code} ved {hf}, men forløpet som startet {EpisodeLinker.NorwegianDay(running.StartDate)}, er fortsatt åpent."));
            }
            // Transfers: a start at the receiving HF within TransferLinkDays of the transfer continues the journey begun at the sending HF.
            Episode? from = null;
            foreach (var t in _pendingTransfers ?? [])
            {
                if (string.Equals(t.Pathway.Code, pathway.Code, StringComparison.Ordinal) && !string.Equals(t.Hf, hf, StringComparison.Ordinal)
                    && t.Ending!.Date <= e.Date && e.Date <= t.Ending.Date.PlusDays(EpisodeLinker.TransferLinkDays)
                    && (from is null || t.Ending.Date > from.Ending!.Date))
                {
                    from = t;
                }
            }
            var episode = new Episode(pathway, hf, item, from);
            if (from is not null)
            {
                from.TransferredTo = episode;
                _pendingTransfers!.Remove(from);
            }
            _episodes.Add(episode);
            _open.Add(episode);
            _last = p;
            return null;
        }

        var current = FindOpen(pathway, hf);
        if (current is null)
        {
            var (column, reason) = EpisodeLinker.WhyNoEpisode(e, pathway, hf, _episodes);
            return new(e, column, reason);
        }
        // Each point but evaluations is registered once (a mental-health decision at most twice); a change is a correction.
        if (!definition.IsRepeatable)
        {
            var earlier = 0;
            foreach (var x in current.Events)
            {
                if (EpisodeLinker.SameSlot(x.Definition, definition) && ++earlier >= definition.MaxPerEpisode)
                {
                    if (definition.MaxPerEpisode > 1)
                    {
                        return new(e, EventColumns.Code, new(
                            En: $"the {pathway.Code} pathway started {EpisodeLinker.Day(current.StartDate)} already has {definition.MaxPerEpisode} clinical decisions, the most the coding guide allows (after the basic and after an extended assessment); send a correction that replaces one instead",
                            Nb: $"Forløpet i {pathway.Code} som startet {EpisodeLinker.NorwegianDay(current.StartDate)}, har allerede {definition.MaxPerEpisode} kliniske beslutninger, som er det meste kodeveilederen tillater (etter basis og etter utvidet utredning); send heller en korrigering som erstatter en av dem."));
                    }
                    return new(e, EventColumns.Code, new(
                        En: $"the {pathway.Code} pathway started {EpisodeLinker.Day(current.StartDate)} already has {EpisodeLinker.Describe(x.Definition)} {x.Code} dated {EpisodeLinker.Day(x.Date)} (record {x.Event.RecordId}); send a correction that replaces it instead",
                        Nb: $"Forløpet i {pathway.Code} som startet {EpisodeLinker.NorwegianDay(current.StartDate)}, har allerede {EpisodeLinker.DescribeInNorwegian(x.Definition)} {x.Code} datert {EpisodeLinker.NorwegianDay(x.Date)} (registrering {x.Event.RecordId}); send heller en korrigering som erstatter den."));
                }
            }
        }
        // Coding guide: start ≤ first attendance ≤ clinical decision ≤ start of treatment (equal dates allowed).
        if (definition.Stage >= 0)
        {
            foreach (var later in current.Events)
            {
                if (later.Definition.Stage > definition.Stage)
                {
                    return new(e, EventColumns.Date, new(
                        En: $"{e.Code} dated {EpisodeLinker.Day(e.Date)} comes after {later.Code} dated {EpisodeLinker.Day(later.Date)}, but the pathway's order is start, first attendance, clinical decision, start of treatment",
                        Nb: $"{e.Code} datert {EpisodeLinker.NorwegianDay(e.Date)} kan ikke komme etter {later.Code} datert {EpisodeLinker.NorwegianDay(later.Date)}. Rekkefølgen i forløpet er start, første fremmøte, klinisk beslutning, behandlingsstart."));
                }
            }
        }
        current.Add(item);
        if (!current.IsOpen)
        {
            _open.Remove(current);
            if (definition.Kind == EventKind.Transfer)
            {
                if (SameDayReceiver(current, e.Date) is { } receiving)
                {
                    receiving.ContinueFrom(current);
                }
                else
                {
                    (_pendingTransfers ??= []).Add(current);
                }
            }
        }
        _last = p;
        return null;
    }

    /// <summary>A start at another HF dated the transfer's own day, not yet part of a journey: the receiving end.</summary>
    private Episode? SameDayReceiver(Episode sending, NodaTime.LocalDate date)
    {
        foreach (var episode in _episodes)
        {
            if (ReferenceEquals(episode.Pathway, sending.Pathway) && !string.Equals(episode.Hf, sending.Hf, StringComparison.Ordinal)
                && episode.StartDate == date && episode.TransferredFrom is null && !IsEarlierInJourney(episode, sending))
            {
                return episode;
            }
        }
        return null;

        static bool IsEarlierInJourney(Episode episode, Episode sending)
        {
            for (var e = sending; e is not null; e = e.TransferredFrom)
            {
                if (ReferenceEquals(e, episode))
                {
                    return true;
                }
            }
            return false;
        }
    }
}

public sealed partial class EpisodeLinker
{
    internal static (string Column, LocalizedText Reason) WhyNoEpisode(RegisteredEvent e, Pathway pathway, string hf, List<Episode> episodes)
    {
        var atHf = episodes.Where(x => ReferenceEquals(x.Pathway, pathway) && string.Equals(x.Hf, hf, StringComparison.Ordinal)).ToList();
        var ended = atHf.LastOrDefault(x => !x.IsOpen);
        if (ended is not null)
        {
            var ending = ended.Ending!;
            if (ending.Kind == EventKind.Decision)
            {
                return (EventColumns.Code, new(
                    En: $"{e.Code} dated {Day(e.Date)} cannot follow the decision {ending.Code} ({ending.Definition.Name.En}) of {Day(ending.Date)}, which ended the pathway",
                    Nb: $"{e.Code} datert {NorwegianDay(e.Date)} kan ikke komme etter den kliniske beslutningen {ending.Code} ({ending.Definition.Name.Nb}) fra {NorwegianDay(ending.Date)}, som avsluttet forløpet."));
            }
            if (ending.Kind == EventKind.Treatment && e.Code.Length > 0 && TryKind(pathway, e.Code) == EventKind.Treatment)
            {
                return (EventColumns.Code, new(
                    En: $"the {pathway.Code} pathway started {Day(ended.StartDate)} already has a start of treatment {ending.Code} dated {Day(ending.Date)}",
                    Nb: $"Forløpet i {pathway.Code} som startet {NorwegianDay(ended.StartDate)}, har allerede behandlingsstart {ending.Code} datert {NorwegianDay(ending.Date)}."));
            }
            return (EventColumns.Date, new(
                En: $"{e.Code} dated {Day(e.Date)} is after the pathway started {Day(ended.StartDate)} ended with {ending.Code} on {Day(ending.Date)}",
                Nb: $"{e.Code} datert {NorwegianDay(e.Date)} er etter at forløpet som startet {NorwegianDay(ended.StartDate)}, ble avsluttet med {ending.Code} den {NorwegianDay(ending.Date)}."));
        }
        var laterStart = atHf.FirstOrDefault(x => x.StartDate > e.Date);
        if (laterStart is not null)
        {
            return (EventColumns.Date, BeforeTheStart(e, laterStart.Start.Event));
        }
        return (EventColumns.Code, new(
            En: $"the patient has no open {pathway.Code} pathway at {hf} on {Day(e.Date)}; register its start first",
            Nb: $"Pasienten har ikke noe åpent forløp i {pathway.Code} ved {hf} den {NorwegianDay(e.Date)}; registrer start pakkeforløp først."));
    }

    private static LocalizedText BeforeTheStart(RegisteredEvent e, RegisteredEvent start) => new(
        En: $"{e.Code} dated {Day(e.Date)} is before the start of its pathway ({start.Code} dated {Day(start.Date)})",
        Nb: $"{e.Code} datert {NorwegianDay(e.Date)} er før forløpet startet ({start.Code} datert {NorwegianDay(start.Date)}).");

    internal static LocalizedText NotACode(string code) => new(
        En: $"{code} is not a code in the catalogue",
        Nb: $"Målepunktkoden {code} finnes ikke i katalogen.");

    private static EventKind? TryKind(Pathway pathway, string code) =>
        pathway.Events.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.Ordinal))?.Kind;

    internal static bool SameSlot(EventDefinition a, EventDefinition b) =>
        a.Kind == EventKind.Measurement || a.Kind == EventKind.NeedsAssessment
            ? string.Equals(a.Code, b.Code, StringComparison.Ordinal)
            : a.Kind == b.Kind;

    internal static int SortRank(EventDefinition d) => d.Stage >= 0 ? d.Stage : 100;

    internal static string Describe(EventDefinition d) => d.Kind switch
    {
        EventKind.FirstAttendance => "a first attendance",
        EventKind.Decision => "a clinical decision",
        EventKind.Treatment => "a start of treatment",
        _ => "the point",
    };

    internal static string DescribeInNorwegian(EventDefinition d) => d.Kind switch
    {
        EventKind.FirstAttendance => "første fremmøte",
        EventKind.Decision => "klinisk beslutning",
        EventKind.Treatment => "behandlingsstart",
        _ => "målepunktet",
    };

    /// <summary>A day as the interchange contract and the English texts write it: 2016-09-05.</summary>
    internal static string Day(NodaTime.LocalDate date) => IsoDate.Text(date);

    /// <summary>A day as the Norwegian texts write it: 05.09.2016.</summary>
    internal static string NorwegianDay(NodaTime.LocalDate date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
