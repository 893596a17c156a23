using Forlop.Domain.Catalogue;
using Forlop.Domain.Codes;
using NodaTime;

namespace Forlop.Domain.Mdt;

/// <summary>
/// A member's role in a multidisciplinary team meeting (MDT, *tverrfaglig møte*). The cancer plan asks for a
/// pathologist at every meeting where treatment is decided (seed 001, §5.3.2).
/// </summary>
public enum MdtRole
{
    Pathologist,
    Radiologist,
    Surgeon,
    Oncologist,
    Coordinator,
}

/// <summary>A member of a team: a name, a role and the organisation she works at; one of another HF takes part by video.</summary>
public sealed record MdtMember(string Name, MdtRole Role, OrganisationCode Hf)
{
    /// <summary>Whether she joins the team of <paramref name="teamHf"/> from another HF (by video).</summary>
    public bool JoinsByVideo(OrganisationCode teamHf) => Hf != teamHf;
}

/// <summary>
/// The rules of an MDT: who a team needs, when it meets again and which patients cannot wait for that. Pure: the
/// caller hands in dates; nothing here reads a clock or a database.
/// </summary>
public static class MdtRules
{
    /// <summary>Teams meet weekly unless they say otherwise.</summary>
    public const int DefaultEveryDays = 7;

    /// <summary>The longest recurrence a team may have: a team meeting less than every four weeks is no pathway team.</summary>
    public const int LongestEveryDays = 28;

    /// <summary>How many meetings one request may convene at once (a half year of weekly meetings).</summary>
    public const int MostMeetingsAtOnce = 26;

    /// <summary>Why a team cannot be formed, or null when it can. A team decides treatment, so it needs a pathologist (seed 001, §5.3.2).</summary>
    public static LocalizedText? TeamRefusal(string? name, IReadOnlyList<PathwayCode> pathways, int everyDays, IReadOnlyList<MdtMember> members)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return new LocalizedText("teamet må ha et navn", "the team needs a name");
        }
        if (pathways.Count == 0)
        {
            return new LocalizedText("teamet må gjelde minst ett forløp", "the team needs at least one pathway");
        }
        if (everyDays < 1 || everyDays > LongestEveryDays)
        {
            return new LocalizedText($"møtene må komme hver 1.–{LongestEveryDays}. dag", $"meetings must recur every 1 to {LongestEveryDays} days");
        }
        if (members.Any(m => string.IsNullOrWhiteSpace(m.Name)))
        {
            return new LocalizedText("hvert medlem må ha et navn", "every member needs a name");
        }
        if (!members.Any(m => m.Role == MdtRole.Pathologist))
        {
            return new LocalizedText("teamet må ha en patolog", "the team needs a pathologist");
        }
        return null;
    }

    /// <summary>The dates of <paramref name="count"/> meetings from <paramref name="first"/>, every <paramref name="everyDays"/> days.</summary>
    public static IReadOnlyList<LocalDate> Series(LocalDate first, int everyDays, int count) =>
        Enumerable.Range(0, count).Select(i => first.PlusDays(i * everyDays)).ToList();

    /// <summary>
    /// The team's next meeting after the one on <paramref name="date"/>: the earliest one convened after it, else the
    /// date the recurrence gives.
    /// </summary>
    public static LocalDate NextMeeting(LocalDate date, int everyDays, IEnumerable<LocalDate> convened) =>
        convened.Where(d => d > date).DefaultIfEmpty(date.PlusDays(everyDays)).Min();

    /// <summary>
    /// Whether a patient's decision cannot wait for the next meeting: the deadline of her clinical decision falls
    /// before it, so this meeting is the last within the standard. A patient already decided, or with no decision
    /// due, gets no warning.
    /// </summary>
    public static bool DecisionDueBeforeNextMeeting(LocalDate? decisionDeadline, LocalDate nextMeeting) =>
        decisionDeadline is { } deadline && deadline < nextMeeting;

    /// <summary>Why a decision record is incomplete, or null: it names who decided, what, who carries it out and by when (not before the meeting).</summary>
    public static LocalizedText? DecisionRefusal(string? decidedBy, string? decision, string? carriedOutBy, LocalDate? dueBy, LocalDate meeting)
    {
        if (string.IsNullOrWhiteSpace(decidedBy))
        {
            return new LocalizedText("oppgi hvem som besluttet", "say who decided");
        }
        if (string.IsNullOrWhiteSpace(decision))
        {
            return new LocalizedText("oppgi hva som ble besluttet", "say what was decided");
        }
        if (string.IsNullOrWhiteSpace(carriedOutBy))
        {
            return new LocalizedText("oppgi hvem som følger opp beslutningen", "say who carries the decision out");
        }
        if (dueBy is not { } due || due < meeting)
        {
            return new LocalizedText("oppgi en frist som ikke er før møtet", "give a date to carry it out by, not before the meeting");
        }
        return null;
    }
}
