using System.Globalization;
using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Period = Hl7.Fhir.Model.Period;
using NodaTime;
using EventDefinition = Forlop.Domain.Catalogue.EventDefinition;

namespace Forlop.App.Features.Fhir;

/// <summary>
/// The catalogue as FHIR: one <see cref="Hl7.Fhir.Model.PlanDefinition"/> per pathway version (a version begins where the pathway or
/// one of its standard times begins), its measurement points as actions and its standard times as timing
/// constraints between them; the codes as two <see cref="Hl7.Fhir.Model.CodeSystem"/>s, so a hospital system can fetch what to code.
/// </summary>
public static class FhirCatalogue
{
    /// <summary>A pathway's versions: the first day of each, in order.</summary>
    public static IReadOnlyList<LocalDate> Versions(Pathway pathway) =>
        pathway.Intervals.SelectMany(i => i.Standards).Select(s => s.ValidFrom)
            .Where(d => d > pathway.ValidFrom && (pathway.ValidTo is null || d <= pathway.ValidTo))
            .Append(pathway.ValidFrom).Distinct().Order().ToList();

    public static string Id(Pathway pathway, LocalDate version) =>
        pathway.Code + "-" + version.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static IEnumerable<PlanDefinition> PlanDefinitions(PathwayCatalogue catalogue, LocalDate today) =>
        catalogue.Pathways.SelectMany(p => Versions(p).Select(v => PlanDefinition(p, v, today)));

    public static PlanDefinition? PlanDefinition(PathwayCatalogue catalogue, string id, LocalDate today) =>
        catalogue.Pathways.SelectMany(p => Versions(p).Where(v => Id(p, v) == id).Select(v => PlanDefinition(p, v, today))).FirstOrDefault();

    public static PlanDefinition PlanDefinition(Pathway pathway, LocalDate version, LocalDate today)
    {
        var versions = Versions(pathway);
        var next = versions.FirstOrDefault(v => v > version);
        var end = next != default ? next.PlusDays(-1) : pathway.ValidTo;
        var current = version <= today && (end is null || end >= today);
        var plan = new PlanDefinition
        {
            Id = Id(pathway, version),
            Url = FhirSystems.PlanDefinitionBase + pathway.Code,
            Version = IsoDate.Text(version),
            Name = pathway.Code,
            Title = pathway.Name.Nb,
            Language = "nb",
            Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/plan-definition-type", "clinical-protocol"),
            Status = current || version > today ? PublicationStatus.Active : PublicationStatus.Retired,
            Publisher = "Forløp",
            Description = new Markdown(pathway.Provenance.Verified ? pathway.Provenance.Source : "Unverified: " + pathway.Provenance.Source),
            EffectivePeriod = new Period { Start = IsoDate.Text(version), End = end is { } e ? IsoDate.Text(e) : null },
        };
        plan.TitleElement!.Extension.Add(Translated(pathway.Name.En));
        var unit = pathway.Unit == TimeUnit.Minutes ? ("min", "minutes") : ("d", "days");
        foreach (var point in pathway.Events)
        {
            var action = new PlanDefinition.ActionComponent
            {
                ElementId = point.Code,
                Title = point.Name.Nb,
                Code = [new CodeableConcept(FhirSystems.PathwayCodes, point.Code, point.Name.Nb)],
            };
            var described = new List<string>();
            foreach (var interval in pathway.Intervals.Where(i => Ends(i, point)))
            {
                var standard = interval.StandardOn(version, point.Treatment);
                var outpatient = interval.StandardOn(version, point.Treatment, CareSetting.Outpatient);
                var inpatient = interval.StandardOn(version, point.Treatment, CareSetting.Inpatient);
                if (standard is null && outpatient is not null && inpatient is not null && outpatient.Limit == inpatient.Limit)
                {
                    standard = outpatient;
                }
                if (standard is not null)
                {
                    foreach (var from in pathway.Events.Where(e => Starts(interval, e) && e.Code != point.Code))
                    {
                        action.RelatedAction.Add(new PlanDefinition.RelatedActionComponent
                        {
                            ActionId = from.Code,
                            Relationship = ActionRelationshipType.After,
                            Offset = new Hl7.Fhir.Model.Range
                            {
                                Low = new Quantity(0, unit.Item1, FhirSystems.Ucum),
                                High = new Quantity(standard.Limit, unit.Item1, FhirSystems.Ucum),
                            },
                        });
                    }
                    described.Add($"{interval.Id} ({interval.Name.En}): at most {standard.Limit} {unit.Item2}");
                }
                else if (outpatient is not null || inpatient is not null)
                {
                    // A constraint cannot say which care setting it holds in; the text does.
                    described.Add($"{interval.Id} ({interval.Name.En}): at most {Limit(outpatient)} {unit.Item2} outpatient, {Limit(inpatient)} {unit.Item2} inpatient");
                }
                else
                {
                    described.Add($"{interval.Id} ({interval.Name.En}): no standard time");
                }
            }
            if (described.Count > 0)
            {
                action.Description = string.Join("; ", described);
            }
            plan.Action.Add(action);
        }
        return plan;
    }

    private static string Limit(StandardTime? standard) => standard is null ? "–" : standard.Limit.ToString(CultureInfo.InvariantCulture);

    private static bool Ends(IntervalDefinition interval, EventDefinition point) => Matches(interval.To, point);

    private static bool Starts(IntervalDefinition interval, EventDefinition point) => Matches(interval.From, point);

    // An interval's endpoint is a kind or a code (as PathwayTimeEngine reads it).
    private static bool Matches(string endpoint, EventDefinition point) =>
        string.Equals(endpoint, point.Code, StringComparison.Ordinal) || string.Equals(endpoint, EnumNames.Of(point.Kind), StringComparison.Ordinal);

    /// <summary>The pathways and their points (and the current shape's shared event codes), or the outcomes.</summary>
    public static IEnumerable<CodeSystem> CodeSystems(PathwayCatalogue catalogue) => [PathwayCodes(catalogue), OutcomeCodes(catalogue)];

    public static CodeSystem? CodeSystem(PathwayCatalogue catalogue, string id) => CodeSystems(catalogue).FirstOrDefault(c => c.Id == id);

    private static CodeSystem PathwayCodes(PathwayCatalogue catalogue)
    {
        var system = new CodeSystem
        {
            Id = "pakkeforlop",
            Url = FhirSystems.PathwayCodes,
            Name = "Pakkeforlop",
            Title = "Pakkeforløp: forløp og målepunkter",
            Language = "nb",
            Status = PublicationStatus.Active,
            Publisher = "Forløp",
            Description = new Markdown("Every pathway of the catalogue with its measurement points beneath it, and the event codes of the current mental-health shape that several pathways share (docs/catalog.md)."),
            CaseSensitive = true,
            HierarchyMeaning = Hl7.Fhir.Model.CodeSystem.CodeSystemHierarchyMeaning.PartOf,
            Content = CodeSystemContentMode.Complete,
            Property =
            [
                new Hl7.Fhir.Model.CodeSystem.PropertyComponent { Code = "kind", Type = Hl7.Fhir.Model.CodeSystem.PropertyType.Code,
                    Description = "pathway, shared-event, or the measurement point's kind (start, first-attendance, decision, treatment …)" },
            ],
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pathway in catalogue.Pathways)
        {
            var concept = Concept(pathway.Code, pathway.Name, "pathway");
            seen.Add(pathway.Code);
            foreach (var point in pathway.Events.Where(e => seen.Add(e.Code)))
            {
                concept.Concept.Add(Concept(point.Code, point.Name, EnumNames.Of(point.Kind)));
            }
            system.Concept.Add(concept);
        }
        foreach (var shared in catalogue.SharedEvents.Where(e => seen.Add(e.Code)))
        {
            system.Concept.Add(Concept(shared.Code, shared.Template.Name, "shared-event"));
        }
        system.Count = seen.Count;
        return system;
    }

    private static CodeSystem OutcomeCodes(PathwayCatalogue catalogue)
    {
        var system = new CodeSystem
        {
            Id = "pakkeforlop-utfall",
            Url = FhirSystems.OutcomeCodes,
            Name = "PakkeforlopUtfall",
            Title = "Pakkeforløp: utfall",
            Language = "nb",
            Status = PublicationStatus.Active,
            Publisher = "Forløp",
            Description = new Markdown("The outcome codes registered together with an event in mental health and substance use (docs/catalog.md, \"Mental health: two shapes\")."),
            CaseSensitive = true,
            Content = CodeSystemContentMode.Complete,
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outcome in catalogue.Pathways.SelectMany(p => p.Outcomes).Where(o => seen.Add(o.Code)))
        {
            system.Concept.Add(Concept(outcome.Code, outcome.Name, null));
        }
        system.Count = seen.Count;
        return system;
    }

    private static Hl7.Fhir.Model.CodeSystem.ConceptDefinitionComponent Concept(string code, LocalizedText name, string? kind)
    {
        var concept = new Hl7.Fhir.Model.CodeSystem.ConceptDefinitionComponent
        {
            Code = code,
            Display = name.Nb,
            Designation = [new Hl7.Fhir.Model.CodeSystem.DesignationComponent { Language = "en", Value = name.En }],
        };
        if (kind is not null)
        {
            concept.Property.Add(new Hl7.Fhir.Model.CodeSystem.ConceptPropertyComponent { Code = "kind", Value = new Code(kind) });
        }
        return concept;
    }

    internal static Extension Translated(string english) => new()
    {
        Url = FhirSystems.Translation,
        Extension = [new Extension("lang", new Code("en")), new Extension("content", new FhirString(english))],
    };
}
