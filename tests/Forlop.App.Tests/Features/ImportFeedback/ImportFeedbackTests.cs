// Firely's model marks nearly every element nullable; these tests read what they just checked the server wrote.
#nullable disable warnings
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forlop.App.Tests.Features.Fhir;
using Forlop.App.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Task = System.Threading.Tasks.Task;

namespace Forlop.App.Tests.Features.ImportFeedback;

/// <summary>
/// Feedback per delivery (issue 14, item 3; decision 0031): a file import, the REST API's registrations and a FHIR
/// Bundle each get a document for the sending HF with its errors (rejected rows, the reason) and warnings (the
/// data-quality findings of the episodes it touched), readable by that HF only, downloadable as CSV for a Norwegian
/// Excel, and every patient read logged.
/// </summary>
public class ImportFeedbackTests
{
    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonElement Newest(JsonElement overview, string source) =>
        overview.GetProperty("deliveries").EnumerateArray().First(d => d.GetProperty("source").GetString() == source);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task FileImport_GivesEachSendingHfItsErrorsAndWarnings_ReadByThatHfOnly_AndLogged(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var (ous, hb) = (scenario.Places["OUS"], scenario.Places["HB"]);
        string Day(int daysAgo) => scenario.Today.PlusDays(-daysAgo).ToString("yyyy-MM-dd", null);
        var treated = TestPatients.Number(300);
        var file = EventsFiles.WriteRows(
            $"fb1,{ous.NationalId},OUS,A01Q,{Day(2)},,",     // no such code: OUS's error
            $"fb2,{hb.NationalId},HB,A01A,{Day(-30)},,",     // a day in the future: HB's error
            $"fb3,{treated},OUS,A01A,{Day(60)},,",           // accepted ...
            $"fb4,{treated},OUS,A01FK,{Day(2)},,");          // ... treated with no first attendance or decision before: two warnings
        var import = await Cli.ImportAsync(scenario.Db, file);
        Assert.True(import.ExitCode == 2, import.Output + import.Error);

        using var koordinator = await scenario.SignedInAsync("koordinator");
        var overview = await GetJsonAsync(koordinator, "/api/v1/import-feedback");
        var delivery = Newest(overview, "file");
        Assert.Equal((2, 1, 2), (delivery.GetProperty("accepted").GetInt32(), delivery.GetProperty("errors").GetInt32(), delivery.GetProperty("warnings").GetInt32()));
        var month = scenario.Today.ToString("yyyy-MM", null);
        var kinds = overview.GetProperty("trend").EnumerateArray().Where(t => t.GetProperty("month").GetString() == month)
            .ToDictionary(t => t.GetProperty("kind").GetString(), t => t.GetProperty("count").GetInt32());
        Assert.Equal(1, kinds["rejected"]);
        Assert.Equal(1, kinds["missing-decision"]);
        Assert.Equal(1, kinds["missing-first-attendance"]);

        var id = delivery.GetProperty("id").GetInt64();
        var before = (await scenario.LogEntriesAsync("koordinator", ous.NationalId), await scenario.LogEntriesAsync("koordinator", treated));
        var document = await GetJsonAsync(koordinator, $"/api/v1/import-feedback/{id}");
        var lines = document.GetProperty("lines").EnumerateArray().ToList();
        var error = Assert.Single(lines, l => l.GetProperty("severity").GetString() == "error");
        Assert.Equal(("code", 2, "fb1", ous.NationalId), (error.GetProperty("column").GetString(), error.GetProperty("line").GetInt32(), error.GetProperty("recordId").GetString(), error.GetProperty("nationalId").GetString()));
        Assert.Contains("A01Q", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.All(lines.Where(l => l.GetProperty("severity").GetString() == "warning"), w =>
        {
            Assert.Equal(treated, w.GetProperty("nationalId").GetString());
            Assert.True(w.GetProperty("episodeId").GetInt64() > 0);
            Assert.False(string.IsNullOrEmpty(w.GetProperty("messageNb").GetString()));
        });
        Assert.Equal((before.Item1 + 1, before.Item2 + 1), (await scenario.LogEntriesAsync("koordinator", ous.NationalId), await scenario.LogEntriesAsync("koordinator", treated)));

        // The file: a Norwegian Excel's CSV (BOM, semicolons), each patient in it logged once more.
        var csv = await koordinator.GetAsync(new Uri($"/api/v1/import-feedback/{id}/feedback.csv", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Contains("Alvorlighet;Type;Linje", text, StringComparison.Ordinal);
        Assert.Contains($";{ous.NationalId};", text, StringComparison.Ordinal);
        Assert.Equal(before.Item1 + 2, await scenario.LogEntriesAsync("koordinator", ous.NationalId));

        // Helse Bergen has its own document (its error), and never sees OUS's: 404 as if it did not exist, nothing logged.
        using var bergen = await scenario.SignedInAsync("koordinator-bergen");
        var hbDelivery = Newest(await GetJsonAsync(bergen, "/api/v1/import-feedback"), "file");
        Assert.Equal((0, 1), (hbDelivery.GetProperty("accepted").GetInt32(), hbDelivery.GetProperty("errors").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.GetAsync(new Uri($"/api/v1/import-feedback/{id}", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.GetAsync(new Uri($"/api/v1/import-feedback/{id}/feedback.csv", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(0, await scenario.LogEntriesAsync("koordinator-bergen", ous.NationalId));
        // Analysts see figures, not deliveries: the feedback names patients.
        using var analyst = await scenario.SignedInAsync("analytiker-nasjonal");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(new Uri("/api/v1/import-feedback?hf=OUS", UriKind.Relative), ct)).StatusCode);
    }

    [Fact]
    public async Task RestAndFhirDeliveries_GetTheirFeedback_ADayOfRestCallsAsOneDocument()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var system = scenario.WithToken("OUS");
        var day = scenario.Today.PlusDays(-3).ToString("yyyy-MM-dd", null);
        var (first, second) = (TestPatients.Number(310), TestPatients.Number(311));

        Assert.Equal(HttpStatusCode.Created, (await system.PostAsJsonAsync("/api/v1/events", new { nationalId = first, organisation = "OUS", code = "A01A", date = day }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await system.PostAsJsonAsync("/api/v1/events", new { nationalId = second, organisation = "OUS", code = "A01Q", date = day }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await system.PostAsJsonAsync("/api/v1/events", new { nationalId = second, organisation = "OUS", code = "A01A", date = day }, ct)).StatusCode);

        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var (code, record) in new[] { ("A01S", "fhir-fb-1"), ("A01Q", "fhir-fb-2") })
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = "urn:uuid:" + Guid.NewGuid(),
                Resource = FhirApiTests.Point(first, "OUS", code, day, record),
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Encounter" },
            });
        }
        var fhir = new FhirClient(new Uri(scenario.BaseAddress, "/fhir"), scenario.WithToken("OUS"), new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
        var answer = await fhir.TransactionAsync(bundle, ct: ct);
        Assert.Equal(["201 Created", "422 Unprocessable Entity"], answer.Entry.Select(e => e.Response.Status));

        var overview = await GetJsonAsync(system, "/api/v1/import-feedback");
        var rest = Assert.Single(overview.GetProperty("deliveries").EnumerateArray(), d => d.GetProperty("source").GetString() == "api");
        Assert.Equal((2, 1), (rest.GetProperty("accepted").GetInt32(), rest.GetProperty("errors").GetInt32()));
        Assert.Equal($"POST /api/v1/events {scenario.Today:yyyy-MM-dd}", rest.GetProperty("name").GetString());
        var restLines = (await GetJsonAsync(system, $"/api/v1/import-feedback/{rest.GetProperty("id").GetInt64()}")).GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(second, Assert.Single(restLines).GetProperty("nationalId").GetString());

        var bundleDelivery = Assert.Single(overview.GetProperty("deliveries").EnumerateArray(), d => d.GetProperty("source").GetString() == "fhir");
        Assert.Equal((1, 1), (bundleDelivery.GetProperty("accepted").GetInt32(), bundleDelivery.GetProperty("errors").GetInt32()));
        var bundleLine = Assert.Single((await GetJsonAsync(system, $"/api/v1/import-feedback/{bundleDelivery.GetProperty("id").GetInt64()}")).GetProperty("lines").EnumerateArray());
        Assert.Equal((2, "fhir-fb-2", "code"), (bundleLine.GetProperty("line").GetInt32(), bundleLine.GetProperty("recordId").GetString(), bundleLine.GetProperty("column").GetString()));
    }

    [Fact]
    public async Task RestRegistrations_GetTheWarningsOfTheirEpisode_AsTheFileImportGivesThem()
    {
        // The REST feedback takes the episode the registration derived (no second read of the patient's record): the
        // start, 60 days ago, leaves an open episode with no event for longer than the pathway allows; the treatment
        // then has no first attendance or decision before it (the file import's two warnings), all on that episode.
        // The day's document holds the episode's warnings as it stands after the later registration: the treatment
        // ended the start's "inactive", so that line goes (it stayed, stale, until 2026-12-07).
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var system = scenario.WithToken("OUS");
        string Day(int daysAgo) => scenario.Today.PlusDays(-daysAgo).ToString("yyyy-MM-dd", null);
        var treated = TestPatients.Number(320);

        using var start = await system.PostAsJsonAsync("/api/v1/events", new { nationalId = treated, organisation = "OUS", code = "A01A", date = Day(60) }, ct);
        using var treatment = await system.PostAsJsonAsync("/api/v1/events", new { nationalId = treated, organisation = "OUS", code = "A01FK", date = Day(2) }, ct);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (start.StatusCode, treatment.StatusCode));
        var episodeId = (await treatment.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("episodeId").GetInt64();

        var rest = Assert.Single((await GetJsonAsync(system, "/api/v1/import-feedback")).GetProperty("deliveries").EnumerateArray(),
            d => d.GetProperty("source").GetString() == "api");
        Assert.Equal((2, 0, 2), (rest.GetProperty("accepted").GetInt32(), rest.GetProperty("errors").GetInt32(), rest.GetProperty("warnings").GetInt32()));
        var warnings = (await GetJsonAsync(system, $"/api/v1/import-feedback/{rest.GetProperty("id").GetInt64()}")).GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["missing-decision", "missing-first-attendance"], warnings.Select(w => w.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));
        Assert.All(warnings, w =>
        {
            Assert.Equal("warning", w.GetProperty("severity").GetString());
            Assert.Equal(treated, w.GetProperty("nationalId").GetString());
            Assert.Equal(episodeId, w.GetProperty("episodeId").GetInt64());
            Assert.False(string.IsNullOrEmpty(w.GetProperty("messageNb").GetString()));
        });
    }
}
