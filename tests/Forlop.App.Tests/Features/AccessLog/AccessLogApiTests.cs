using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.AccessLog;

/// <summary>The administrator's view of the access log: search, seal check, and one patient's entries for that patient.</summary>
public class AccessLogApiTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Admin_FindsWhoReadAPatient_AndExportsItForThePatient(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var ous = scenario.Places["OUS"];
        using (var coordinator = await scenario.SignedInAsync("koordinator"))
        {
            Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(new Uri($"/api/v1/episodes/{ous.EpisodeId}", UriKind.Relative), ct)).StatusCode);
        }
        using var admin = await scenario.SignedInAsync("admin");

        var search = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/access-log?patient={ous.NationalId}&user=koordinator", ct);
        var verification = await admin.GetFromJsonAsync<JsonElement>("/api/v1/access-log/verification", ct);
        var export = await admin.GetAsync(new Uri($"/api/v1/access-log/patients/{ous.NationalId}.csv", UriKind.Relative), ct);
        var csv = await export.Content.ReadAsStringAsync(ct);

        var entry = search.GetProperty("rows").EnumerateArray().Single();
        Assert.Equal(("koordinator", "coordinator", "OUS", "read"), (entry.GetProperty("user").GetString(), entry.GetProperty("role").GetString(),
            entry.GetProperty("organisation").GetString(), entry.GetProperty("kind").GetString()));
        Assert.Equal($"timeline: episode {ous.EpisodeId}", entry.GetProperty("what").GetString());
        Assert.True(verification.GetProperty("whole").GetBoolean());
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("at,user,role,organisation,kind,what,from", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(",koordinator,coordinator,OUS,read,timeline: episode", csv, StringComparison.Ordinal);
        // The search itself showed the patient's number to the administrator, so it is logged too.
        Assert.Contains(",admin,administrator,,read,access-log search,", csv, StringComparison.Ordinal);
    }
}
