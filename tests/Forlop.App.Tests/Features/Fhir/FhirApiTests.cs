// Firely's model marks nearly every element nullable; these tests read what they just checked the server wrote.
#nullable disable warnings
using System.Net;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Fhir;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Catalogue;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace Forlop.App.Tests.Features.Fhir;

/// <summary>
/// /fhir through Firely's FhirClient — a client no one here wrote — against the server on a loopback port, and every
/// resource it answers with validated against the base R4 specification.
/// </summary>
public class FhirApiTests
{
    private static FhirClient Client(PersonDataScenario scenario, string? token) =>
        new(new Uri(scenario.BaseAddress, "/fhir"), token is null ? scenario.Anonymous() : scenario.WithToken(token),
            new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

    [Fact]
    public async Task MetadataAndCatalogue_ArePublic_ListEveryPathway_AndAreValidR4()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var client = Client(scenario, null);

        var capabilities = await client.CapabilityStatementAsync(ct: ct);
        var plans = await client.SearchAsync<PlanDefinition>(ct: ct);
        var codes = await client.SearchAsync<CodeSystem>(ct: ct);
        var one = await client.ReadAsync<PlanDefinition>("PlanDefinition/A01-20210501", ct: ct);

        Assert.Equal(["CodeSystem", "Encounter", "EpisodeOfCare", "PlanDefinition"],
            capabilities!.Rest[0].Resource.Select(r => r.Type).Order(StringComparer.Ordinal));
        var catalogue = CatalogueFiles.LoadPathways(CatalogueFiles.ResolveDirectory());
        var definitions = plans!.Entry.Select(e => (PlanDefinition)e.Resource).ToList();
        Assert.Equal(catalogue.Pathways.Select(p => p.Code.Value).Order(StringComparer.Ordinal), definitions.Select(p => p.Name).Distinct().Order(StringComparer.Ordinal));
        // A01's OF2 went from 7 to 12 days on 2021-05-01: two versions, the later with the new standard between its points.
        Assert.Equal(["2015-01-01", "2021-05-01"], definitions.Where(p => p.Name == "A01").Select(p => p.Version));
        var decision = one!.Action.Single(a => a.ElementId == "A01CK");
        Assert.Contains(decision.RelatedAction, r => r.ActionId == "A01S" && ((Hl7.Fhir.Model.Range)r.Offset).High.Value == 12);
        Assert.Equal(PublicationStatus.Active, one.Status);
        var pathwayCodes = codes!.Entry.Select(e => (CodeSystem)e.Resource).Single(c => c.Url == FhirSystems.PathwayCodes);
        Assert.Contains(pathwayCodes.Concept.Single(c => c.Code == "A01").Concept, c => c.Code == "A01FK");
        RR4([capabilities, .. definitions, .. codes.Entry.Select(e => e.Resource), one]);
    }

    [Fact]
    public async Task EpisodeOfCare_WithoutToken_IsRefused()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);

        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => Client(scenario, null).SearchAsync<EpisodeOfCare>(ct: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        RR4([refused.Outcome!]);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task EpisodeOfCare_Search_ShowsTheTokensHfOnly_FiltersAndPages_AndLogsEveryPatient(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var client = Client(scenario, "OUS");
        var ous = scenario.Places["OUS"];
        var unit = scenario.Places[PersonDataScenario.Unit];
        var bergen = scenario.Places["HB"];

        var all = await client.SearchAsync<EpisodeOfCare>(ct: ct);
        var byPatient = await client.SearchAsync<EpisodeOfCare>([$"patient:identifier={FhirSystems.BirthNumber}|{ous.NationalId}"], ct: ct);
        var active = await client.SearchAsync<EpisodeOfCare>(["status=active", "type=A01", $"organization={PersonDataScenario.Unit}"], ct: ct);
        var finished = await client.SearchAsync<EpisodeOfCare>(["status=finished,cancelled"], ct: ct);
        var later = await client.SearchAsync<EpisodeOfCare>([$"_lastUpdated=gt{DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}"], ct: ct);
        var earlier = await client.SearchAsync<EpisodeOfCare>([$"_lastUpdated=ge{DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ssZ}"], ct: ct);
        var first = await client.SearchAsync<EpisodeOfCare>(["_count=1"], ct: ct);
        var second = await client.ContinueAsync(first!, ct: ct);
        var third = await client.ContinueAsync(second!, ct: ct);
        var points = await client.SearchAsync<Encounter>([$"episode-of-care=EpisodeOfCare/{ous.EpisodeId}"], ct: ct);
        var episode = await client.ReadAsync<EpisodeOfCare>($"EpisodeOfCare/{ous.EpisodeId}", ct: ct);
        var start = await client.ReadAsync<Encounter>($"Encounter/{ous.StartEventId}", ct: ct);
        var other = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<EpisodeOfCare>($"EpisodeOfCare/{bergen.EpisodeId}", ct: ct));

        static List<string> Ids(Bundle? b) => b!.Entry.Select(e => e.Resource.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { ous.EpisodeId, unit.EpisodeId }.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal), Ids(all));
        Assert.Equal([ous.EpisodeId.ToString(System.Globalization.CultureInfo.InvariantCulture)], Ids(byPatient));
        Assert.Equal([unit.EpisodeId.ToString(System.Globalization.CultureInfo.InvariantCulture)], Ids(active));
        Assert.Empty(finished!.Entry);
        Assert.Empty(later!.Entry);
        Assert.Equal(Ids(all), Ids(earlier));
        Assert.Equal(Ids(all), Ids(first).Concat(Ids(second)).Order(StringComparer.Ordinal));
        Assert.Null(third);
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.Equal(EpisodeOfCare.EpisodeOfCareStatus.Active, episode!.Status);
        Assert.Equal(ous.NationalId, episode.Patient.Identifier.Value);
        Assert.Equal("OUS", episode.ManagingOrganization.Identifier.Value);
        Assert.Equal(["A01A", "A01S"], points!.Entry.Select(e => ((Encounter)e.Resource).Type[0].Coding[0].Code));
        Assert.All(points.Entry, e => Assert.Equal($"EpisodeOfCare/{ous.EpisodeId}", ((Encounter)e.Resource).EpisodeOfCare[0].Reference));
        Assert.Equal(scenario.Today.PlusDays(-20).ToString("yyyy-MM-dd", null), start!.Period.Start);
        Assert.Equal(0, await scenario.LogEntriesAsync("api:dips-ous", bergen.NationalId));
        // all, byPatient, earlier, one page, the episode's points, the episode and its start: seven reads of this patient.
        Assert.Equal(7, await scenario.LogEntriesAsync("api:dips-ous", ous.NationalId));
        RR4([.. new[] { all, byPatient, active, finished, later, earlier, first, second, points }.Select(b => (Resource)b!), episode, start, other.Outcome!]);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Transaction_StoresEachEntryWholeOrNotAtAll_AndAnswersEachWithItsOwnOutcome(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var client = Client(scenario, "OUS");
        var day = scenario.Today.PlusDays(-3).ToString("yyyy-MM-dd", null);
        var newPatient = TestPatients.Number(200);
        var halfPatient = TestPatients.Number(201);
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        void Add(string nin, string organisation, string code, string date, string record) => bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = "urn:uuid:" + Guid.NewGuid(),
            Resource = Point(nin, organisation, code, date, record),
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Encounter" },
        });
        Add(newPatient, "OUS", "A01A", day, "fhir-1");                                     // a start: stored
        Add(newPatient, "OUS", "A01S", scenario.Today.PlusDays(-1).ToString("yyyy-MM-dd", null), "fhir-2"); // its first attendance: stored
        Add(newPatient, "OUS", "A01Q", day, "fhir-3");                                     // no such code: refused by the parser
        Add(halfPatient, "OUS", "A01S", day, "fhir-4");                                    // a first attendance without a start: refused by the linker
        Add(newPatient, "HB", "A01A", day, "fhir-5");                                      // another HF's: not the token's to register

        var answer = await client.TransactionAsync(bundle, ct: ct);

        Assert.Equal(Bundle.BundleType.TransactionResponse, answer!.Type);
        Assert.Equal(["201 Created", "201 Created", "422 Unprocessable Entity", "422 Unprocessable Entity", "403 Forbidden"], answer.Entry.Select(e => e.Response.Status));
        var refusal = (OperationOutcome)answer.Entry[2].Response.Outcome;
        Assert.Equal("Encounter.type", refusal.Issue[0].Expression.Single());
        Assert.False(string.IsNullOrEmpty(refusal.Issue[0].Details.Text));
        Assert.NotEqual(refusal.Issue[0].Details.Text, refusal.Issue[0].Diagnostics);
        await using (var db = scenario.OpenDb())
        {
            Assert.False(await db.Patients.AnyAsync(p => p.NationalId == halfPatient, ct));
            Assert.Equal(2, await db.Events.CountAsync(e => db.Patients.Any(p => p.Id == e.PatientId && p.NationalId == newPatient), ct));
        }
        Assert.Equal(2, await scenario.LogEntriesAsync("api:dips-ous", newPatient));
        var episodes = await client.SearchAsync<EpisodeOfCare>([$"patient:identifier={FhirSystems.BirthNumber}|{newPatient}"], ct: ct);
        var episode = (EpisodeOfCare)episodes!.Entry.Single().Resource;
        var points = await client.SearchAsync<Encounter>([$"episode-of-care={episode.Id}"], ct: ct);
        Assert.Equal(["fhir-1", "fhir-2"], points!.Entry.Select(e => ((Encounter)e.Resource).Identifier[0].Value));
        Assert.Equal(EpisodeOfCare.EpisodeOfCareStatus.Active, episode.Status);
        RR4([answer, episodes, points]);
    }

    /// <summary>The validator is no rubber stamp: an episode without its required patient and status is an error.</summary>
    [Fact]
    public void Validator_FindsTheErrorsOfAnEpisodeWithoutPatientOrStatus()
    {
        var errors = R4Validation.Errors(new EpisodeOfCare { Id = "1" });

        Assert.Contains(errors, e => e.Contains("patient", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(errors, e => e.Contains("status", StringComparison.OrdinalIgnoreCase));
    }

    internal static Encounter Point(string nin, string organisation, string code, string date, string record) => new()
    {
        Status = Encounter.EncounterStatus.Finished,
        Class = new Coding(FhirSystems.ActCode, "AMB"),
        Identifier = [new Identifier(FhirSystems.RecordId, record)],
        Subject = new ResourceReference { Identifier = new Identifier(FhirSystems.BirthNumber, nin) },
        ServiceProvider = new ResourceReference { Identifier = new Identifier(FhirSystems.Organisation, organisation) },
        Type = [new CodeableConcept(FhirSystems.PathwayCodes, code)],
        Period = new Period { Start = date },
    };

    private static void RR4(IEnumerable<Resource> resources) => R4Validation.AssertValid(resources);
}
