using Forlop.Domain.Catalogue;
using NodaTime;

namespace Forlop.Domain.Hjem;

/// <summary>
/// The topics of Pakkeforløp hjem's needs assessment (behovskartlegging), as the plan lists them (reference/pathways.md §3).
/// Stored and sent in kebab-case (family, help-at-home …).
/// </summary>
public enum HjemTopic
{
    /// <summary>Familie og nettverk.</summary>
    Family,
    /// <summary>Arbeid og skole.</summary>
    Work,
    /// <summary>Økonomi og bolig.</summary>
    Finances,
    /// <summary>Hjelp i hjemmet.</summary>
    HelpAtHome,
    Rehabilitation,
    /// <summary>Fysisk aktivitet.</summary>
    Activity,
    Nutrition,
    /// <summary>Egen helse.</summary>
    OwnHealth,
    /// <summary>Mestring.</summary>
    Coping,
    /// <summary>Fritid.</summary>
    Leisure,
    MentalHealth,
    SexualHealth,
    OralHealth,
}

/// <summary>The municipality's two conversations after the hospital's assessment: about 3–4 and 12–18 months after the diagnosis.</summary>
public enum HjemTouchpoint
{
    Early,
    Late,
}

/// <summary>When a touchpoint is held: from <see cref="From"/> to <see cref="To"/> (both days included).</summary>
public sealed record TouchpointWindow(HjemTouchpoint Touchpoint, LocalDate From, LocalDate To);

/// <summary>
/// The timing of Pakkeforløp hjem's municipal conversations. The plan says "about 3–4 months" and "12–18 months after the
/// diagnosis" (reference/pathways.md §3); no source gives day limits, so these windows are the plan's months read as
/// calendar months from the diagnosis day, and a touchpoint is due from <see cref="DueAheadDays"/> days before its window opens.
/// </summary>
public static class HjemRules
{
    /// <summary>How many days before its window a conversation is listed as due, so the municipality can book it.</summary>
    public const int DueAheadDays = 14;

    public static TouchpointWindow Window(HjemTouchpoint touchpoint, LocalDate diagnosedOn) => touchpoint switch
    {
        HjemTouchpoint.Early => new(touchpoint, diagnosedOn.PlusMonths(3), diagnosedOn.PlusMonths(4)),
        _ => new(touchpoint, diagnosedOn.PlusMonths(12), diagnosedOn.PlusMonths(18)),
    };

    public static IReadOnlyList<TouchpointWindow> Windows(LocalDate diagnosedOn) =>
        [Window(HjemTouchpoint.Early, diagnosedOn), Window(HjemTouchpoint.Late, diagnosedOn)];

    /// <summary>Whether a conversation not yet held is due on <paramref name="today"/>: its window opens within <see cref="DueAheadDays"/> days, is open, or has passed.</summary>
    public static bool IsDue(TouchpointWindow window, bool held, LocalDate today) => !held && today >= window.From.PlusDays(-DueAheadDays);

    /// <summary>Why a hand-over cannot be recorded as given; null when it can.</summary>
    public static LocalizedText? HandOverRefusal(LocalDate? diagnosedOn, LocalDate today, IReadOnlyCollection<HjemTopic> topics)
    {
        if (diagnosedOn is not { } diagnosed)
        {
            return new("diagnosedato mangler eller er ikke en dato (ÅÅÅÅ-MM-DD)", "diagnosedOn: missing or not a date (YYYY-MM-DD)");
        }
        if (diagnosed > today)
        {
            return new("diagnosedatoen kan ikke være etter i dag", "diagnosedOn: cannot be after today");
        }
        return topics.Count == 0
            ? new("velg minst ett tema fra behovskartleggingen", "topics: name at least one topic of the needs assessment")
            : null;
    }

    /// <summary>Why a conversation cannot be recorded; null when it can. It is held after the diagnosis and not in the future.</summary>
    public static LocalizedText? ConversationRefusal(LocalDate? heldOn, LocalDate diagnosedOn, LocalDate today)
    {
        if (heldOn is not { } held)
        {
            return new("datoen mangler eller er ikke en dato (ÅÅÅÅ-MM-DD)", "heldOn: missing or not a date (YYYY-MM-DD)");
        }
        if (held > today)
        {
            return new("samtalen kan ikke registreres før den er holdt", "heldOn: cannot be after today");
        }
        return held < diagnosedOn ? new("samtalen kan ikke være før diagnosen", "heldOn: cannot be before the diagnosis") : null;
    }
}
