using Forlop.Domain.Patients;

namespace Forlop.App.Features.Fhir;

/// <summary>
/// The code systems, identifier systems and canonical addresses the FHIR interface writes and reads. Forløp's own
/// definitions live under one canonical base that identifies them; it need not resolve (decision 0027).
/// </summary>
public static class FhirSystems
{
    public const string CanonicalBase = "https://forlop.no/fhir";

    /// <summary>Pathways, their measurement points and the current shape's shared event codes (one hierarchy).</summary>
    public const string PathwayCodes = CanonicalBase + "/CodeSystem/pakkeforlop";

    /// <summary>The outcome codes registered together with an event (mental health and substance use).</summary>
    public const string OutcomeCodes = CanonicalBase + "/CodeSystem/pakkeforlop-utfall";

    public const string PlanDefinitionBase = CanonicalBase + "/PlanDefinition/";

    /// <summary>Forløp's organisation codes (RHF, HF, unit) as catalog/organisations.tsv and add-unit give them.</summary>
    public const string Organisation = CanonicalBase + "/sid/organisation";

    /// <summary>A hospital system's record id (unique per organisation, as in the events file's record_id).</summary>
    public const string RecordId = CanonicalBase + "/sid/record-id";

    /// <summary>A user of Forløp (the coordinator who follows an episode).</summary>
    public const string User = CanonicalBase + "/sid/user";

    /// <summary>Fødselsnummer (and the synthetic test numbers shaped like one): the Norwegian population register's OID.</summary>
    public const string BirthNumber = "urn:oid:2.16.578.1.12.4.1.4.1";

    /// <summary>D-nummer.</summary>
    public const string DNumber = "urn:oid:2.16.578.1.12.4.1.4.2";

    /// <summary>H-nummer (felles hjelpenummer).</summary>
    public const string HNumber = "urn:oid:2.16.578.1.12.4.1.4.3";

    public const string Ucum = "http://unitsofmeasure.org";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string DataAbsentReason = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    public const string Translation = "http://hl7.org/fhir/StructureDefinition/translation";

    /// <summary>The identifier system of a Norwegian identity number of this kind.</summary>
    public static string IdentitySystem(NationalIdentityNumberKind kind) => kind switch
    {
        NationalIdentityNumberKind.DNumber => DNumber,
        NationalIdentityNumberKind.HNumber => HNumber,
        _ => BirthNumber,
    };

    public static bool IsIdentitySystem(string? system) => system is BirthNumber or DNumber or HNumber;
}
