namespace Forlop.Domain.Registry;

/// <summary>
/// The columns of an events file (interchange contract, "The events file"), the names a <see cref="Refusal"/> uses
/// for the field at fault, and the bokmål label the coordinators' registration form shows beside each field.
/// </summary>
public static class EventColumns
{
    public const string RecordId = "record_id";
    public const string PatientId = "patient_id";
    public const string Organisation = "organisation";
    public const string Code = "code";
    public const string Date = "date";
    public const string Time = "time";
    public const string Outcome = "outcome";
    public const string Replaces = "replaces";
    public const string Cancel = "cancel";
    /// <summary>Optional care setting (outpatient/inpatient) of the event, for standards that depend on it (mental health).</summary>
    public const string Setting = "setting";
    /// <summary>Optional deviation reason (avviksårsak) of the intervals this row's event ends over their standard: the cause.</summary>
    public const string DeviationReason = "deviation_reason";
    /// <summary>The resource waited for, when the deviation reason is capacity.</summary>
    public const string DeviationResource = "deviation_resource";
    /// <summary>The deviation reason's text (required for "other").</summary>
    public const string DeviationText = "deviation_text";

    /// <summary>Every column, in the contract's order.</summary>
    public static IReadOnlyList<string> All { get; } = [RecordId, PatientId, Organisation, Code, Date, Time, Outcome, Replaces, Cancel, Setting, DeviationReason, DeviationResource, DeviationText];

    public static bool IsColumn(string column) => TryNorwegianLabel(column) is not null;

    /// <summary>The form's label for a column, e.g. "Fødselsnummer" for <c>patient_id</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The name is not a column of the contract (names are lower case).</exception>
    public static string NorwegianLabel(string column) =>
        TryNorwegianLabel(column) ?? throw new ArgumentOutOfRangeException(nameof(column), column, "not a column of the events file");

    private static string? TryNorwegianLabel(string column) => column switch
    {
        RecordId => "Registrerings-ID",
        // A D-, H- or synthetic number goes in the same field; coordinators call them all fødselsnummer.
        PatientId => "Fødselsnummer",
        Organisation => "Helseforetak eller enhet",
        Code => "Målepunkt (kode)",
        Date => "Dato",
        Time => "Klokkeslett",
        Outcome => "Utfallskode",
        Replaces => "Erstatter registrering",
        Cancel => "Trekk tilbake",
        Setting => "Behandlingsnivå",
        DeviationReason => "Avviksårsak",
        DeviationResource => "Ressurs det ventes på",
        DeviationText => "Avviksårsak, forklaring",
        _ => null,
    };

    /// <summary>The column itself, or an exception when a refusal would name a field the form does not have.</summary>
    internal static string Require(string column) =>
        IsColumn(column) ? column : throw new ArgumentOutOfRangeException(nameof(column), column, "a refusal must name a column of the events file");
}
