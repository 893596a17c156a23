using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

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

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_ByOrganisation_IsTheSameQueryForTheApiAndThePage(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        foreach (var (user, place) in new[] { ("koordinator", "OUS"), ("koordinator-bergen", "HB"), ("leder", PersonDataScenario.Unit) })
        {
            using var client = await scenario.SignedInAsync(user);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/api/v1/episodes/{scenario.Places[place].EpisodeId}", UriKind.Relative), ct)).StatusCode);
        }
        using var admin = await scenario.SignedInAsync("admin");
        var today = scenario.Today.ToDateOnly();

        var api = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/access-log?organisation=OUS&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}", ct);
        // The page (/admin/tilgangslogg) calls AccessLogSearch directly with what the form holds.
        Forlop.App.Features.AccessLog.AccessLogPage page;
        await using (var db = scenario.OpenDb())
        {
            var caller = new Forlop.App.Features.Accounts.Caller(Forlop.App.Features.Accounts.LocalAccounts.DemoUsers.Single(u => u.UserName == "admin"), "127.0.0.1");
            page = await Forlop.App.Features.AccessLog.AccessLogSearch.RunAsync(db, scenario.App.Services.GetRequiredService<Forlop.App.Features.AccessLog.AccessLogWriter>(),
                caller, NodaTime.SystemClock.Instance, new Forlop.App.Features.AccessLog.AccessLogQuery(Organisation: " OUS ", From: today, To: today), ct);
        }

        var apiRows = api.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("sequence").GetInt64(), r.GetProperty("user").GetString()!)).ToList();
        Assert.Equal(apiRows, page.Rows.Select(r => (r.Sequence, r.User)));
        Assert.Equal(["koordinator", "leder"], apiRows.Select(r => r.Item2).Distinct().Order(StringComparer.Ordinal));
        Assert.True(apiRows.SequenceEqual(apiRows.OrderByDescending(r => r.Item1)), "newest first");
        Assert.Equal(page.Total, api.GetProperty("total").GetInt32());
        // Nothing from the day before today.
        var yesterday = today.AddDays(-1);
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/access-log?organisation=OUS&to={yesterday:yyyy-MM-dd}", ct)).GetProperty("total").GetInt32());
    }
}
