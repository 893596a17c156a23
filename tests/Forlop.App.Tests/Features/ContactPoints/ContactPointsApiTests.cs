using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.ContactPoints;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Organisations;
using Microsoft.Extensions.DependencyInjection;

namespace Forlop.App.Tests.Features.ContactPoints;

public class ContactPointsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Directory_WithoutLogin_HoldsEveryMunicipalityAndEveryHfOffice_Unpaged()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var anonymous = scenario.Anonymous();
        var response = await anonymous.GetAsync(new Uri("/api/v1/contact-points", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var entries = json.RootElement.GetProperty("entries").EnumerateArray().ToList();
        var hfs = scenario.App.Services.GetRequiredService<OrganisationDirectory>().All.Count(o => o.Kind is OrganisationKind.Hf or OrganisationKind.Ideell);
        // All 357 municipalities of 2024, and three families' offices per HF.
        Assert.Equal(357, entries.Count(e => e.GetProperty("kind").GetString() == "municipality-hjem"));
        Assert.Equal(hfs * 3, entries.Count(e => e.GetProperty("kind").GetString() == "hf-office"));
        Assert.Equal(entries.Count, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("page").ValueKind);
        var bergen = entries.Single(e => e.GetProperty("municipality").GetString() == "4601");
        Assert.Equal("Vestland", bergen.GetProperty("countyName").GetString());
        Assert.Equal("HV", bergen.GetProperty("region").GetString());
    }

    [Fact]
    public async Task Directory_PagesOnlyWhenAsked_AndSearchesByMunicipalityOrHf()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var anonymous = scenario.Anonymous();
        var page = await anonymous.GetFromJsonAsync<ContactPointList>("/api/v1/contact-points?page=2&pageSize=50", Ct);
        Assert.Equal((2, 50, 50), (page!.Page, page.PageSize, page.Entries.Count));
        Assert.True(page.Total > 400);

        var bergen = await anonymous.GetFromJsonAsync<ContactPointList>("/api/v1/contact-points?q=bergen", Ct);
        Assert.Contains(bergen!.Entries, e => e.Municipality == "4601");
        Assert.Contains(bergen.Entries, e => e.Hf == "HB");
        Assert.DoesNotContain(bergen.Entries, e => e.Municipality == "0301");

        var refused = await anonymous.GetAsync(new Uri("/api/v1/contact-points?pageSize=0", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Directory_AsCsv_ByFormatOrAcceptHeader()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var anonymous = scenario.Anonymous();
        var byFormat = await anonymous.GetAsync(new Uri("/api/v1/contact-points?format=csv&municipality=0301", UriKind.Relative), Ct);
        Assert.Equal("text/csv", byFormat.Content.Headers.ContentType!.MediaType);
        var lines = (await byFormat.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("kind,hf,hf_name,municipality,municipality_name,county,county_name,region,family,name,phone,email", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("municipality-hjem,,,0301,Oslo,03,Oslo,HSO", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/contact-points");
        request.Headers.Accept.ParseAdd("text/csv");
        var byAccept = await anonymous.SendAsync(request, Ct);
        Assert.Equal(358, (await byAccept.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("municipality-hjem", StringComparison.Ordinal)) + 1);
    }

    [Fact]
    public async Task HfAdministrator_MaintainsHerOwnHfOnly_AndSetsItsCatchment()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var admin = await scenario.SignedInAsync("admin-ous");
        var office = new ContactDetails("Forløpskoordinatorene OUS", "00 00 00 01", "kreft@ous.example", "08–15", "Testveien 1");

        var own = await admin.PutAsJsonAsync("/api/v1/contact-points/hfs/OUS/offices/cancer", office, Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var entry = await own.Content.ReadFromJsonAsync<ContactPointEntry>(Ct);
        Assert.Equal(("Forløpskoordinatorene OUS", true, false), (entry!.Name, entry.Registered, entry.Placeholder));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync("/api/v1/contact-points/hfs/HB/offices/cancer", office, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync("/api/v1/contact-points/hfs/HB/catchment", new CatchmentForm(["4601"]), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync("/api/v1/contact-points/municipalities/0301", office, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/api/v1/contact-points/hfs/OUS/offices/home", office, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/api/v1/contact-points/hfs/OUS/catchment", new CatchmentForm(["9999"]), Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/contact-points/hfs/OUS/catchment", new CatchmentForm(["0301", "3201"]), Ct)).StatusCode);
        using var anonymous = scenario.Anonymous();
        var forOslo = await anonymous.GetFromJsonAsync<ContactPointList>("/api/v1/contact-points?municipality=0301", Ct);
        // A GP in Oslo finds Oslo's hjem contact point and the offices of the HFs whose catchment holds Oslo.
        Assert.Contains(forOslo!.Entries, e => e.Kind == ContactPointDirectory.MunicipalityHjem && e.Hfs.SequenceEqual(["OUS"]));
        Assert.Equal(3, forOslo.Entries.Count(e => e.Kind == ContactPointDirectory.HfOffice && e.Hf == "OUS"));
        var ous = await anonymous.GetFromJsonAsync<ContactPointList>("/api/v1/contact-points?hf=OUS", Ct);
        Assert.Equal(["0301", "3201"], ous!.Entries.Where(e => e.Kind == ContactPointDirectory.MunicipalityHjem).Select(e => e.Municipality!));
    }

    [Fact]
    public async Task MunicipalityCoordinator_MaintainsHerMunicipalitysContactPointOnly()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var oslo = await scenario.SignedInAsync("kommune-oslo");
        var details = new ContactDetails("Kreftkoordinator", null, "kreft@oslo.example", null, null);
        Assert.Equal(HttpStatusCode.OK, (await oslo.PutAsJsonAsync("/api/v1/contact-points/municipalities/0301", details, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oslo.PutAsJsonAsync("/api/v1/contact-points/municipalities/4601", details, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oslo.PutAsJsonAsync("/api/v1/contact-points/hfs/OUS/offices/cancer", details, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await oslo.PutAsJsonAsync("/api/v1/contact-points/municipalities/0301", details with { Email = null }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Page_AnswersWithoutLogin_AndSearches()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var anonymous = scenario.Anonymous();
        var response = await anonymous.GetAsync(new Uri("/kontaktpunkter?q=Tromsø", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Tromsø", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Hammerfest", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheDirectoryAndPakkeforlopHjem()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var anonymous = scenario.Anonymous();
        var openApi = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        foreach (var operation in new[] { "ListContactPoints", "SetHfContactPoint", "SetHfCatchment", "SetMunicipalityContactPoint",
                     "HandOverHjemAssessment", "ListHjemHandOvers", "GetHjemHandOver", "ConfirmHjemReceipt", "RecordHjemConversation", "ListHjemDue" })
        {
            Assert.Contains($"\"{operation}\"", openApi, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0301", null)]                // Oslo: a municipality number in force
    [InlineData("9999", "organisation")]      // not a municipality
    [InlineData(null, "organisation")]        // none
    public void AddUser_MunicipalityCoordinator_NeedsAMunicipalityInForce(string? organisation, string? field)
    {
        var problem = AddUser.RoleProblem("municipality-coordinator", organisation, [], new OrganisationDirectory([]), out _);
        Assert.Equal(field, problem?.Field);
    }
}
