using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Forlop.App.Features.Fhir;

/// <summary>The CapabilityStatement at /fhir/metadata: exactly the interactions and search parameters FhirApi serves.</summary>
public static class FhirCapabilities
{
    /// <summary>The search parameters each type takes; anything else is refused (400), never silently ignored.</summary>
    public static readonly IReadOnlyDictionary<string, (string Name, SearchParamType Type, string Documentation)[]> SearchParameters =
        new Dictionary<string, (string, SearchParamType, string)[]>(StringComparer.Ordinal)
        {
            ["PlanDefinition"] = [],
            ["CodeSystem"] = [],
            ["EpisodeOfCare"] =
            [
                ("patient", SearchParamType.Reference,
                    "With the :identifier modifier only (patient:identifier=system|value): the patient's identity number with the fødselsnummer, D-number or H-number system. Prefer POST _search so the number stays out of addresses and logs."),
                ("status", SearchParamType.Token, "active (open), finished or cancelled (stopped); several separated by commas"),
                ("type", SearchParamType.Token, "The pathway code (A01 …), with or without its system"),
                ("organization", SearchParamType.Reference, "The managing HF or the unit that started the episode: its code, or organization:identifier=system|code"),
                ("_lastUpdated", SearchParamType.Date, "gt/ge/lt/le and an instant: episodes whose patient's events or coordinator changed then (incremental sync); may be given twice for a range"),
                ("_count", SearchParamType.Number, "Page size, 1–500 (50 unless given); the next page is Bundle.link next"),
            ],
            ["Encounter"] =
            [
                ("episode-of-care", SearchParamType.Reference, "Required: the episode (EpisodeOfCare/ID or ID) whose measurement points to list"),
            ],
        };

    public static CapabilityStatement Statement(DateTimeOffset date)
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "Forløp's catalogue and registry as FHIR R4 (docs/decisions/0027-fhir-r4-interface.md). JSON only.",
            Security = new CapabilityStatement.SecurityComponent
            {
                Description = "PlanDefinition, CodeSystem and this statement are public. EpisodeOfCare, Encounter and transactions need a hospital system's token "
                              + "(Authorization: Bearer, from `forlop add-api-client`) or a signed-in coordinator or clinical lead, and show the caller's HF or units only; "
                              + "every patient shown or changed is written to the access log.",
            },
            Interaction =
            [
                new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction,
                    Documentation = "Entries POST Encounter (measurement points); each entry is stored whole or refused on its own with an OperationOutcome, as the import's rows" },
                new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Batch,
                    Documentation = "As transaction" },
            ],
        };
        foreach (var (type, parameters) in SearchParameters)
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Versioning = CapabilityStatement.ResourceVersionPolicy.NoVersion,
                ReadHistory = false,
                UpdateCreate = false,
                Interaction =
                [
                    new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                    new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
                ],
            };
            if (type == "Encounter")
            {
                resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent
                {
                    Code = CapabilityStatement.TypeRestfulInteraction.Create,
                    Documentation = "Inside a transaction or batch Bundle only",
                });
            }
            foreach (var (name, kind, documentation) in parameters)
            {
                resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = name, Type = kind, Documentation = documentation });
            }
            rest.Resource.Add(resource);
        }
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Publisher = "Forløp",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Forløp" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Forløp: standardized patient pathways (pakkeforløp)" },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json"],
            Rest = [rest],
        };
    }
}
