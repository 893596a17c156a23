using Forlop.Domain.Catalogue;
using Forlop.Domain.PathwayTimes;

namespace Forlop.Domain.Deviations;

/// <summary>
/// Why an interval went over its standard time (avviksårsak), as a coordinator or a hospital system codes it. Stored
/// and sent in kebab-case (<c>capacity</c>, <c>waiting-for-pathology</c>, <c>patients-wish</c> …).
/// </summary>
public enum DeviationCause
{
    /// <summary>Kapasitet: a resource (CT, MR, an operating theatre …) was not available in time; names the resource.</summary>
    Capacity,
    /// <summary>Venter på patologisvar.</summary>
    WaitingForPathology,
    /// <summary>Pasientens ønske: the patient asked for a later date. The one patient-initiated cause.</summary>
    PatientsWish,
    /// <summary>Medisinsk årsak: the patient's condition needed something else first.</summary>
    MedicalReason,
    /// <summary>Overføring: the time went to a transfer between hospitals.</summary>
    Transfer,
    /// <summary>Annet: with a text saying what.</summary>
    Other,
}

/// <summary>The resource a capacity deviation waited for. Stored and sent in kebab-case (<c>ct</c>, <c>outpatient-consultation</c> …).</summary>
public enum CapacityResource
{
    Ct,
    Mr,
    Pet,
    Endoscopy,
    OutpatientConsultation,
    OperatingTheatre,
    Pathology,
    /// <summary>Another resource: the text says which.</summary>
    Other,
}

/// <summary>Which part of a deviation reason a refusal is about: the events file names the column from it.</summary>
public enum DeviationReasonField
{
    Cause,
    Resource,
    Text,
}

/// <summary>
/// A coded deviation reason: a cause, the resource when the cause is capacity, and a text (required for
/// <see cref="DeviationCause.Other"/> and for <see cref="CapacityResource.Other"/>, optional otherwise).
/// Built only through <c>TryCreate</c>, so a stored reason always holds these rules.
/// </summary>
public sealed record DeviationReason
{
    /// <summary>The longest text kept with a reason.</summary>
    public const int MaxTextLength = 500;

    private DeviationReason(DeviationCause cause, CapacityResource? resource, string? text)
    {
        Cause = cause;
        Resource = resource;
        Text = text;
    }

    public DeviationCause Cause { get; }

    /// <summary>The resource waited for: set exactly when <see cref="Cause"/> is capacity.</summary>
    public CapacityResource? Resource { get; }

    public string? Text { get; }

    /// <summary>
    /// A delay the patient chose. Left out of the second, clearly labelled figure of the bottleneck view; the official
    /// figures count it as NPR does.
    /// </summary>
    public bool IsPatientInitiated => Cause == DeviationCause.PatientsWish;

    /// <summary>A reason may be given for an interval that went over its standard, or that is running past its deadline.</summary>
    public static bool MayExplain(IntervalStatus status) => status is IntervalStatus.Over or IntervalStatus.Overdue;

    /// <summary>The reason the texts describe, or null with what is wrong in both languages.</summary>
    public static DeviationReason? TryCreate(string? cause, string? resource, string? text, out LocalizedText? refusal) =>
        TryCreate(cause, resource, text, out refusal, out _);

    /// <summary>The reason the texts describe, or null with what is wrong in both languages and which part it is about.</summary>
    public static DeviationReason? TryCreate(string? cause, string? resource, string? text, out LocalizedText? refusal, out DeviationReasonField field)
    {
        refusal = null;
        field = DeviationReasonField.Cause;
        text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        resource = string.IsNullOrWhiteSpace(resource) ? null : resource.Trim();
        if (!EnumNames.TryParse<DeviationCause>(cause, out var parsed))
        {
            refusal = new LocalizedText($"«{cause}» er ikke en avviksårsak", $"'{cause}' is not a deviation reason: use one of "
                + string.Join(", ", Enum.GetValues<DeviationCause>().Select(c => EnumNames.Of(c))));
            return null;
        }
        CapacityResource? what = null;
        if (parsed == DeviationCause.Capacity)
        {
            if (!EnumNames.TryParse<CapacityResource>(resource, out var r))
            {
                field = DeviationReasonField.Resource;
                refusal = new LocalizedText("Kapasitet som årsak må si hvilken ressurs det ventes på", "capacity needs the resource waited for: one of "
                    + string.Join(", ", Enum.GetValues<CapacityResource>().Select(c => EnumNames.Of(c))));
                return null;
            }
            what = r;
        }
        else if (resource is not null)
        {
            field = DeviationReasonField.Resource;
            refusal = new LocalizedText("Bare kapasitet som årsak har en ressurs", "only capacity names a resource");
            return null;
        }
        if (text is null && (parsed == DeviationCause.Other || what == CapacityResource.Other))
        {
            field = DeviationReasonField.Text;
            refusal = new LocalizedText("«Annet» må forklares med en tekst", "'other' needs a text saying what");
            return null;
        }
        if (text is { Length: > MaxTextLength })
        {
            field = DeviationReasonField.Text;
            refusal = new LocalizedText($"Teksten kan ha høyst {MaxTextLength} tegn", $"the text may have at most {MaxTextLength} characters");
            return null;
        }
        return new DeviationReason(parsed, what, text);
    }
}

/// <summary>Where a deviation reason sent with a measurement point applies.</summary>
public static class DeviationReasons
{
    /// <summary>
    /// The intervals that the event with <paramref name="rootId"/> ends and that went over their standard: those a
    /// reason sent with that event's row explains (events file, column <c>deviation_reason</c>). Empty when the event
    /// ends none over its standard, and the row is then refused: a reason must explain a deviation.
    /// </summary>
    public static IReadOnlyList<string> ExplainedBy(EpisodeTimes times, long rootId) =>
        [.. times.Intervals
            .Where(i => i.ToEvent is { } end && end.Event.RootId == rootId && i.Status == IntervalStatus.Over)
            .Select(i => i.Definition.Id.Value)];
}
