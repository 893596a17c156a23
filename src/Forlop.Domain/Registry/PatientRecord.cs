using Forlop.Domain.Catalogue;
using NodaTime;

namespace Forlop.Domain.Registry;

/// <summary>
/// One stored row of the append-only event history: an event, a correction of an earlier row
/// (<see cref="ReplacesId"/> set) or a withdrawal (<see cref="IsWithdrawal"/>). Rows are never changed or deleted.
/// </summary>
public sealed record EventRow(
    long Id,
    long RootId,
    string Organisation,
    string RecordId,
    string? Code,
    LocalDate? Date,
    LocalTime? Time,
    string? Outcome,
    long? ReplacesId,
    bool IsWithdrawal,
    CareSetting Setting = CareSetting.Any);

/// <summary>An event, correction or withdrawal as a hospital submits it, its fields already checked one by one.</summary>
public sealed record EventSubmission(
    string Organisation,
    string RecordId,
    string? Code,
    LocalDate? Date,
    LocalTime? Time,
    string? Outcome,
    string? Replaces,
    bool Cancel,
    CareSetting Setting = CareSetting.Any)
{
    /// <summary>Whether a row already stored says exactly what this submission says (a re-sent row).</summary>
    public bool SameContentAs(EventRow row, string? replacesRecordId) =>
        string.Equals(Code, row.Code, StringComparison.Ordinal)
        && Date == row.Date && Time == row.Time
        && string.Equals(Outcome, row.Outcome, StringComparison.Ordinal)
        && string.Equals(Replaces, replacesRecordId, StringComparison.Ordinal)
        && Cancel == row.IsWithdrawal && Setting == row.Setting;
}

/// <summary>
/// Why a submission was refused: the column at fault (one of <see cref="EventColumns"/>) and the reason in plain
/// words, twice: in English as the interchange contract prints it, and in bokmål for the coordinators' form.
/// </summary>
public sealed record Refusal(string Column, LocalizedText Reason)
{
    public string Column { get; } = EventColumns.Require(Column);

    /// <summary>The English reason an import prints (<c>line 14, record a-77, date: …</c>): <c>Reason.En</c>.</summary>
    public string Message => Reason.En;
}

/// <summary>
/// Everything registered for one patient: the full history of rows and the episodes their current versions
/// form. Applying a submission either stores one new row and re-links the episodes, or refuses with a reason
/// and changes nothing (a row is never half-applied).
/// </summary>
public sealed class PatientRecord
{
    private readonly EpisodeLinker _linker;
    private readonly List<EventRow> _rows = [];
    // Ids of rows a later row corrects or withdraws; most patients have none, so it is made on first use.
    private HashSet<long>? _replaced;
    private List<RegisteredEvent> _active = [];
    private LinkState _state;

    public PatientRecord(EpisodeLinker linker, IEnumerable<EventRow> history)
    {
        _linker = linker;
        foreach (var row in history.OrderBy(r => r.Id))
        {
            Remember(row);
        }
        _active = CurrentEvents().ToList();
        var link = _linker.Link(_active);
        // Stored history was valid when stored; a catalogue that changed since may refuse it, and then the
        // patient has no episodes until the history is corrected.
        _state = link.State ?? new LinkState();
    }

    public IReadOnlyList<EventRow> Rows => _rows;
    public IReadOnlyList<RegisteredEvent> ActiveEvents => _active;
    public IReadOnlyList<Episode> Episodes => _state.Episodes;

    public EventRow? FindRow(string organisation, string recordId) =>
        _rows.FirstOrDefault(r => string.Equals(r.RecordId, recordId, StringComparison.Ordinal)
            && string.Equals(r.Organisation, organisation, StringComparison.Ordinal));

    /// <summary>
    /// Applies a submission as row <paramref name="newId"/>. Duplicates and record-id conflicts are the caller's
    /// to detect first, since record ids are unique per organisation across all patients.
    /// </summary>
    public Refusal? Apply(EventSubmission s, long newId)
    {
        List<RegisteredEvent> candidate;
        long rootId = newId;
        long? replacesId = null;
        RegisteredEvent? incoming = null;
        if (s.Replaces is not null)
        {
            var target = FindRow(s.Organisation, s.Replaces);
            if (target is null)
            {
                return new Refusal(EventColumns.Replaces, new(
                    En: $"there is no earlier record {s.Replaces} from {s.Organisation} for this patient",
                    Nb: $"Det finnes ingen tidligere registrering {s.Replaces} fra {s.Organisation} for denne pasienten."));
            }
            if (_replaced?.Contains(target.Id) == true)
            {
                var successor = _rows.First(r => r.ReplacesId == target.Id);
                return new Refusal(EventColumns.Replaces, new(
                    En: $"record {s.Replaces} has already been {(successor.IsWithdrawal ? "withdrawn" : "corrected")} by record {successor.RecordId}{(successor.IsWithdrawal ? "" : "; correct that one instead")}",
                    Nb: successor.IsWithdrawal
                        ? $"Registrering {s.Replaces} er allerede trukket tilbake av registrering {successor.RecordId}."
                        : $"Registrering {s.Replaces} er allerede korrigert av registrering {successor.RecordId}; korriger den i stedet."));
            }
            if (target.IsWithdrawal)
            {
                return new Refusal(EventColumns.Replaces, new(
                    En: $"record {s.Replaces} is a withdrawal and cannot be corrected",
                    Nb: $"Registrering {s.Replaces} er en tilbaketrekking og kan ikke korrigeres."));
            }
            rootId = target.RootId;
            replacesId = target.Id;
            candidate = _active.Where(e => e.Id != target.Id).ToList();
            if (!s.Cancel)
            {
                if (!SamePathway(target.Code!, s.Code!))
                {
                    return new Refusal(EventColumns.Code, new(
                        En: $"a correction cannot move record {s.Replaces} ({target.Code}) to another pathway ({s.Code}); withdraw it and register a new one",
                        Nb: $"En korrigering kan ikke flytte registrering {s.Replaces} ({target.Code}) til et annet pakkeforløp ({s.Code}); trekk den tilbake og registrer en ny."));
                }
                incoming = new RegisteredEvent(newId, rootId, s.Organisation, s.RecordId, s.Code!, s.Date!.Value, s.Time, s.Outcome, s.Setting);
                candidate.Add(incoming);
            }
        }
        else
        {
            if (s.Cancel)
            {
                return new Refusal(EventColumns.Replaces, new(
                    En: "a withdrawal (cancel=true) must name the record it withdraws in replaces",
                    Nb: $"En tilbaketrekking må oppgi registreringen den trekker tilbake i feltet «{EventColumns.NorwegianLabel(EventColumns.Replaces)}»."));
            }
            incoming = new RegisteredEvent(newId, newId, s.Organisation, s.RecordId, s.Code!, s.Date!.Value, s.Time, s.Outcome, s.Setting);
            if (!_linker.TryPlace(incoming, out var placed, out var unplaced))
            {
                return new Refusal(unplaced!.Column, unplaced.Reason);
            }
            if (_state.SortsAfterLast(placed))
            {
                // The common case: the new event comes after every other, so adding it to the episodes as they
                // are gives what linking everything again would (see LinkState).
                if (_state.TryAdd(placed) is { } refused)
                {
                    return new Refusal(refused.Column, refused.Reason);
                }
                Remember(new EventRow(newId, newId, s.Organisation, s.RecordId, s.Code, s.Date, s.Time, s.Outcome, null, false, s.Setting));
                _active.Add(incoming);
                return null;
            }
            candidate = [.. _active, incoming];
        }

        var link = _linker.Link(candidate);
        if (link.Violation is { } v)
        {
            if (incoming is not null && v.Event.Id == incoming.Id)
            {
                return new Refusal(v.Column, v.Reason);
            }
            var what = s.Cancel ? new LocalizedText(En: $"withdrawing record {s.Replaces}", Nb: $"Å trekke tilbake registrering {s.Replaces}")
                : s.Replaces is not null ? new LocalizedText(En: $"this correction of record {s.Replaces}", Nb: $"Denne korrigeringen av registrering {s.Replaces}")
                // a new row dated before rows already stored
                : new LocalizedText(En: $"{s.Code} dated {EpisodeLinker.Day(s.Date!.Value)}", Nb: $"{s.Code} datert {EpisodeLinker.NorwegianDay(s.Date!.Value)}");
            return new Refusal(s.Cancel ? EventColumns.Cancel : v.Column, new(
                En: $"{what.En} would break record {v.Event.RecordId}: {v.Message}",
                Nb: $"{what.Nb} ville gjort registrering {v.Event.RecordId} ugyldig: {v.Reason.Nb}"));
        }

        Remember(new EventRow(newId, rootId, s.Organisation, s.RecordId, s.Code, s.Date, s.Time, s.Outcome, replacesId, s.Cancel, s.Setting));
        _active = candidate;
        _state = link.State!;
        return null;
    }

    private void Remember(EventRow row)
    {
        _rows.Add(row);
        if (row.ReplacesId is { } replaced)
        {
            (_replaced ??= []).Add(replaced);
        }
    }

    private IEnumerable<RegisteredEvent> CurrentEvents() =>
        _rows.Where(r => !r.IsWithdrawal && _replaced?.Contains(r.Id) != true)
            .Select(r => new RegisteredEvent(r.Id, r.RootId, r.Organisation, r.RecordId, r.Code!, r.Date!.Value, r.Time, r.Outcome, r.Setting));

    /// <summary>
    /// Whether a correction stays in the pathway of the row it corrects. A shared code of the current mental-health shape
    /// names no pathway by itself: it may correct, or be corrected by, a code of any pathway of its family.
    /// </summary>
    private bool SamePathway(string a, string b)
    {
        var catalogue = _linker.Catalogue;
        var fa = catalogue.TryFindEvent(a, out var pa, out _) ? pa.Family : catalogue.SharedEvent(a)?.Family;
        var fb = catalogue.TryFindEvent(b, out var pb, out _) ? pb.Family : catalogue.SharedEvent(b)?.Family;
        return pa is not null && pb is not null ? ReferenceEquals(pa, pb) : fa is not null && fa == fb;
    }
}
