using Forlop.Domain.Codes;
using NodaTime;

namespace Forlop.Domain.Catalogue;

/// <summary>The family a pathway belongs to; families differ in how codes are built and what is measured.</summary>
public enum PathwayFamily
{
    /// <summary>Pakkeforløp for kreft: organ-specific (A..), metastases (B01) and the diagnostic pathway (C01).</summary>
    Cancer,
    /// <summary>Nasjonale pasientforløp for psykisk helse og rus: event and outcome codes registered together.</summary>
    MentalHealth,
    /// <summary>Pakkeforløp hjem: needs-assessment touchpoints for cancer patients.</summary>
    Home,
    /// <summary>Pakkeforløp hjerneslag: acute phase measured in minutes.</summary>
    Stroke,
}

/// <summary>The unit pathway times are counted in.</summary>
public enum TimeUnit
{
    /// <summary>Calendar days between the dates of two events (Europe/Oslo).</summary>
    Days,
    /// <summary>Minutes between two instants (date and clock time in Europe/Oslo).</summary>
    Minutes,
}

/// <summary>What a measurement point means for the episode it belongs to.</summary>
public enum EventKind
{
    /// <summary>Start of the pathway: referral received (opens an episode).</summary>
    Start,
    /// <summary>Første fremmøte: first attendance at the investigating unit.</summary>
    FirstAttendance,
    /// <summary>Klinisk beslutning: the clinical decision.</summary>
    Decision,
    /// <summary>Behandlingsstart: start of treatment (or of surveillance, or no treatment).</summary>
    Treatment,
    /// <summary>Overføring: responsibility moves to another HF.</summary>
    Transfer,
    /// <summary>Avbrutt: the patient leaves the pathway (declines, moves abroad, dies).</summary>
    Stop,
    /// <summary>Evaluering: a repeated evaluation (mental health and substance use).</summary>
    Evaluation,
    /// <summary>Avslutning: the pathway ends (mental health and substance use).</summary>
    End,
    /// <summary>Behovskartlegging: a needs-assessment touchpoint (Pakkeforløp hjem).</summary>
    NeedsAssessment,
    /// <summary>A numbered measurement point with its own stage (stroke).</summary>
    Measurement,
}

/// <summary>The outcome a clinical decision records.</summary>
public enum DecisionKind
{
    None,
    /// <summary>CK: cancer found, treatment decided.</summary>
    CancerTreatment,
    /// <summary>CM: another cancer found or suspected.</summary>
    OtherCancer,
    /// <summary>CA: a disease other than cancer.</summary>
    OtherDisease,
    /// <summary>CI: no disease found.</summary>
    NoDisease,
    /// <summary>CU: metastasis of unknown origin.</summary>
    UnknownOrigin,
    /// <summary>C01CK: organ-specific cancer found (diagnostic pathway).</summary>
    OrganCancer,
    /// <summary>Mental health: assessment completed.</summary>
    Assessed,
}

/// <summary>The kind of treatment a treatment-start code records.</summary>
public enum TreatmentType
{
    None,
    /// <summary>FK: surgery.</summary>
    Surgery,
    /// <summary>FM: drug treatment.</summary>
    Drug,
    /// <summary>FS: radiotherapy.</summary>
    Radiotherapy,
    /// <summary>FL: symptom relief.</summary>
    SymptomRelief,
    /// <summary>FO: monitoring without treatment (active surveillance).</summary>
    Surveillance,
    /// <summary>FI: no treatment.</summary>
    NoTreatment,
}

/// <summary>Care setting a standard time may depend on (mental health and substance use).</summary>
public enum CareSetting
{
    Any,
    Outpatient,
    Inpatient,
}

/// <summary>
/// A text in Norwegian bokmål and English: names in the catalogue, and the reasons given for refusals and
/// data-quality findings (English for the interchange contract, bokmål for the coordinators).
/// </summary>
public sealed record LocalizedText(string Nb, string En)
{
    public string In(string language) => string.Equals(language, "en", StringComparison.Ordinal) ? En : Nb;
}

/// <summary>Where a catalogue fact comes from and whether a source confirms it.</summary>
public sealed record Provenance(bool Verified, string Source);

/// <summary>A measurement point of a pathway: one code hospitals register.</summary>
public sealed record EventDefinition(
    EventCode Code,
    EventKind Kind,
    LocalizedText Name,
    DecisionKind Decision,
    TreatmentType Treatment,
    bool EndsEpisode,
    int Stage,
    Provenance Provenance)
{
    /// <summary>Whether the pathway's indicator counts this treatment as "completed" (surgery, drug or radiotherapy).</summary>
    public bool IsCountedTreatment =>
        Kind == EventKind.Treatment && Treatment is TreatmentType.Surgery or TreatmentType.Drug or TreatmentType.Radiotherapy;

    /// <summary>Whether the same episode may hold this kind of point more than once.</summary>
    public bool IsRepeatable => Kind is EventKind.Evaluation;

    /// <summary>
    /// How many points of this kind one episode may hold (evaluations: any number). Mental health: a clinical decision
    /// at most twice, once after the basic and once after an extended assessment (old coding guide, ressursside.no).
    /// </summary>
    public int MaxPerEpisode { get; init; } = 1;

    /// <summary>
    /// The same point in the current coding shape of mental health and substance use: the event code (Volven 9377),
    /// or for a start the pathway's type code (Volven 9321), registered with one of <see cref="CurrentOutcomes"/>
    /// (Volven 9379; none: the event takes no outcome). Null where the pathway has one shape only.
    /// </summary>
    public string? CurrentEvent { get; init; }

    /// <summary>The outcome codes that, registered with <see cref="CurrentEvent"/>, mean this point.</summary>
    public IReadOnlyList<string> CurrentOutcomes { get; init; } = [];
}

/// <summary>
/// An event code of the current mental-health shape (Volven 9377) that several pathways share: which pathway it belongs
/// to is the patient's open episode at the HF, and which point it is follows from the outcome registered with it.
/// <see cref="Template"/> gives its kind and place in the order before the episode is known.
/// </summary>
public sealed record SharedEvent(string Code, PathwayFamily Family, EventDefinition Template, IReadOnlyList<string> Outcomes)
{
    public bool TakesOutcome => Outcomes.Count > 0;
}

/// <summary>An outcome code registered together with an event (mental health and substance use).</summary>
public sealed record OutcomeDefinition(string Code, LocalizedText Name, Provenance Provenance);

/// <summary>
/// One version of a standard pathway time (forløpstid): the longest allowed length of an interval,
/// in force from <see cref="ValidFrom"/> until the next version for the same treatment and setting.
/// </summary>
public sealed record StandardTime(
    LocalDate ValidFrom,
    int Limit,
    TreatmentType Treatment,
    CareSetting Setting,
    Provenance Provenance);

/// <summary>An interval between two measurement points (OF1–OF4 and the others) with its standard times.</summary>
public sealed record IntervalDefinition(
    IntervalId Id,
    LocalizedText Name,
    string From,
    string To,
    IReadOnlyList<StandardTime> Standards)
{
    /// <summary>
    /// The standard in force on <paramref name="startDate"/> for a treatment type and setting; a standard
    /// without a treatment type applies to every type that has none of its own. Null when the catalogue has none.
    /// </summary>
    public StandardTime? StandardOn(LocalDate startDate, TreatmentType treatment = TreatmentType.None, CareSetting setting = CareSetting.Any)
    {
        StandardTime? best = Pick(treatment, setting) ?? (treatment != TreatmentType.None ? Pick(TreatmentType.None, setting) : null);
        if (best is null && setting != CareSetting.Any)
        {
            best = Pick(treatment, CareSetting.Any) ?? Pick(TreatmentType.None, CareSetting.Any);
        }
        return best;

        StandardTime? Pick(TreatmentType t, CareSetting s)
        {
            StandardTime? found = null;
            foreach (var standard in Standards)
            {
                if (standard.Treatment == t && standard.Setting == s && standard.ValidFrom <= startDate
                    && (found is null || standard.ValidFrom > found.ValidFrom))
                {
                    found = standard;
                }
            }
            return found;
        }
    }
}

/// <summary>
/// A standardized patient pathway (pakkeforløp) as the catalogue defines it: its codes, intervals and standard
/// times. Codes may be used from <see cref="ValidFrom"/> through <see cref="ValidTo"/> (inclusive).
/// </summary>
public sealed record Pathway(
    PathwayCode Code,
    PathwayFamily Family,
    LocalizedText Name,
    TimeUnit Unit,
    LocalDate ValidFrom,
    LocalDate? ValidTo,
    Provenance Provenance,
    string? Note,
    IReadOnlyList<EventDefinition> Events,
    IReadOnlyList<OutcomeDefinition> Outcomes,
    IReadOnlyList<IntervalDefinition> Intervals,
    string SourceFile)
{
    public bool IsInForceOn(LocalDate date) => date >= ValidFrom && (ValidTo is null || date <= ValidTo.Value);

    /// <summary>Whether any code ends an episode; where none does, the next start closes the open one.</summary>
    public bool HasEndingCodes => Events.Any(e => e.EndsEpisode);

    /// <summary>Whether rows of this pathway may carry an outcome code (families that split event and outcome).</summary>
    public bool TakesOutcomes => Outcomes.Count > 0;

    /// <summary>
    /// The point an event code and outcome of the current shape mean in this pathway (mental health: Volven 9377 +
    /// 9379); null when the pair is not one of this pathway's.
    /// </summary>
    public EventDefinition? CurrentShape(string eventCode, string? outcome)
    {
        foreach (var e in Events)
        {
            if (string.Equals(e.CurrentEvent, eventCode, StringComparison.Ordinal)
                && (e.CurrentOutcomes.Count == 0 ? outcome is null : outcome is not null && e.CurrentOutcomes.Contains(outcome, StringComparer.Ordinal)))
            {
                return e;
            }
        }
        return null;
    }

    public IntervalDefinition? Interval(string id) =>
        Intervals.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.Ordinal));
}
