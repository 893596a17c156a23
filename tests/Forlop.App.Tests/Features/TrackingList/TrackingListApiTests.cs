using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.TrackingList;

/// <summary>The coordinator's list: most urgent first, coloured by days left, filtered and searched.</summary>
public class TrackingListApiTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task TrackingList_SortsByDeadline_ColoursByDaysLeft_AndFilters(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var client = await scenario.SignedInAsync("koordinator");
        string Day(int daysAgo) => scenario.Today.PlusDays(-daysAgo).ToString("yyyy-MM-dd", null);
        // Three more OUS patients: started today (deadline ahead), 5 days ago, and 40 days ago (long overdue).
        foreach (var (n, daysAgo) in new[] { (10, 0), (11, 5), (12, 40) })
        {
            await RegisterAtOusAsync(client, n, "A01A", Day(daysAgo), null, ct);
        }

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/tracking-list", ct);
        var overdue = await client.GetFromJsonAsync<JsonElement>("/api/v1/tracking-list?status=overdue", ct);
        var byNumber = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracking-list?search={TestPatients.Number(11)[..6]}", ct);
        var unit = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracking-list?unit={PersonDataScenario.Unit}", ct);

        var rows = list.GetProperty("rows").EnumerateArray().ToList();
        var deadlines = rows.Select(r => r.GetProperty("nextDeadline").GetString()).ToList();
        Assert.Equal(deadlines.Order(StringComparer.Ordinal), deadlines);
        Assert.Equal(5, list.GetProperty("total").GetInt32());
        Assert.Equal("overdue", rows[0].GetProperty("status").GetString());
        Assert.True(rows[0].GetProperty("daysLeft").GetInt32() < 0);
        Assert.All(overdue.GetProperty("rows").EnumerateArray(), r => Assert.Equal("overdue", r.GetProperty("status").GetString()));
        Assert.Equal([TestPatients.Number(11)], byNumber.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("nationalId").GetString()));
        Assert.Equal([scenario.Places[PersonDataScenario.Unit].NationalId], unit.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("nationalId").GetString()));
    }

    [Fact]
    public async Task TrackingList_SearchByName_FindsThePatient()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var client = await scenario.SignedInAsync("koordinator");
        var created = await client.PostAsJsonAsync("/api/v1/events", new
        {
            nationalId = TestPatients.Number(20), organisation = "OUS", code = "A01A", date = scenario.Today.ToString("yyyy-MM-dd", null), patientName = "Synnøve Finden",
        }, ct);
        Assert.True(created.IsSuccessStatusCode);

        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/tracking-list?search=finden", ct);

        Assert.Equal(["Synnøve Finden"], found.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task TrackingList_SortedByAColumn_SortsOnTheServer_EitherWay_AndRefusesAnUnknownColumn(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var client = await scenario.SignedInAsync("koordinator");
        var today = scenario.Today.ToString("yyyy-MM-dd", null);
        // Two pathways and two names, so that each order differs from the deadline order.
        foreach (var (n, code, name) in new[] { (30, "A12A", "Anne Aas"), (31, "A01A", "Øystein Ødegård") })
        {
            await RegisterAtOusAsync(client, n, code, today, name, ct);
        }

        async Task<List<string>> ColumnAsync(string sort, string property) =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracking-list?sort={sort}&pageSize=1", ct)) is var first
            && (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracking-list?sort={sort}", ct)) is var all
                ? [first.GetProperty("rows")[0].GetProperty(property).GetString() ?? "", .. all.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty(property).GetString() ?? "")]
                : [];
        var byPathway = await ColumnAsync("forlop", "pathway");
        var byPathwayDown = await ColumnAsync("-forlop", "pathway");
        var byPatient = await ColumnAsync("pasient", "name");
        var unknown = await client.GetAsync(new Uri("/api/v1/tracking-list?sort=alder", UriKind.Relative), ct);

        // The first of a one-row page is the first of the whole list: the order is the database's, not the page's.
        Assert.Equal(byPathway[1..].Order(StringComparer.Ordinal), byPathway[1..]);
        Assert.Equal(byPathway[1], byPathway[0]);
        Assert.Equal(byPathwayDown[1..].OrderDescending(StringComparer.Ordinal), byPathwayDown[1..]);
        Assert.Equal(byPathwayDown[1], byPathwayDown[0]);
        Assert.NotEqual(byPathway[1], byPathwayDown[1]);
        // Names compare by the database's collation (PostgreSQL's may not be ordinal); A before Ø in all of them.
        Assert.True(byPatient.IndexOf("Anne Aas", 1) < byPatient.IndexOf("Øystein Ødegård", 1));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task TrackingList_Total_CountsTheWholeFilter_BehindAOneRowPage_WithAndWithoutThePatientAndCoordinatorFilters(DatabaseKind kind)
    {
        // The count reads the episodes alone unless a filter needs the patient or the coordinator: each way must count
        // the same rows as the list shows (page size 1, so the count is a query of its own).
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var client = await scenario.SignedInAsync("koordinator");
        var today = scenario.Today.ToString("yyyy-MM-dd", null);
        foreach (var (n, name) in new[] { (40, "Kari Aasen"), (41, "Per Aasen"), (42, "Liv Berg") })
        {
            await RegisterAtOusAsync(client, n, "A01A", today, name, ct);
        }
        await using (var db = scenario.OpenDb())
        {
            var berg = await db.Patients.Where(p => p.NationalId == TestPatients.Number(42)).Select(p => p.Id).SingleAsync(ct);
            var bergEpisode = await db.Episodes.Where(e => e.PatientId == berg).Select(e => e.Id).SingleAsync(ct);
            foreach (var episode in new[] { scenario.Places["OUS"].EpisodeId, bergEpisode })
            {
                db.EpisodeAssignments.Add(new() { EpisodeId = episode, Coordinator = "koordinator", AssignedAt = DateTime.UtcNow, AssignedBy = "koordinator" });
            }
            await db.SaveChangesAsync(ct);
        }

        async Task<(int Total, int Rows)> TotalAsync(string query)
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/tracking-list?pageSize=1&" + query, ct);
            var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/tracking-list?pageSize=100&" + query, ct);
            Assert.Equal(all.GetProperty("total").GetInt32(), page.GetProperty("total").GetInt32());
            return (page.GetProperty("total").GetInt32(), all.GetProperty("rows").GetArrayLength());
        }

        Assert.Equal((5, 5), await TotalAsync(""));
        Assert.Equal((2, 2), await TotalAsync("coordinator=koordinator"));
        Assert.Equal((2, 2), await TotalAsync("search=aasen"));
        Assert.Equal((0, 0), await TotalAsync("search=aasen&coordinator=koordinator"));
        Assert.Equal((5, 5), await TotalAsync("sort=risiko"));
        Assert.Equal((2, 2), await TotalAsync("sort=risiko&coordinator=koordinator"));
        Assert.Equal((2, 2), await TotalAsync("sort=risiko&search=aasen"));
    }

    /// <summary>Registers a point for test patient <paramref name="n"/> at OUS through the API, and fails with the answer if refused.</summary>
    private static async Task RegisterAtOusAsync(HttpClient client, int n, string code, string date, string? name, CancellationToken ct)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/events", new { nationalId = TestPatients.Number(n), organisation = "OUS", code, date, patientName = name }, ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(ct));
    }
}
