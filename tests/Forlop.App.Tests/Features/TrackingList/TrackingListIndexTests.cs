using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Data;
using Forlop.App.Features.TrackingList;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.TrackingList;

/// <summary>
/// The tracking list reads an HF's open episodes from its partial index alone (decision 0035): SQLite drops every
/// connection's page cache at each commit of another, so a list that reads its rows' table pages reads them afresh on
/// every request. These tests ask SQLite for the plans of the list's own queries, and check that the later pages, now
/// read by their ids first, are the rows the whole list shows there.
/// </summary>
public class TrackingListIndexTests
{
    private const string Index = "ix_episodes_open_list";

    [Fact]
    public async Task TrackingList_ReadsTheHfsOpenEpisodes_FromTheCoveringIndex_WithoutASort()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        await using var db = scenario.OpenDb();
        var actor = new Actor("koordinator", "Koordinator", Role.Coordinator, "OUS", []);
        var filter = new TrackingFilter();
        var episodes = TrackingListQuery.Episodes(db, actor, filter, scenario.Today);
        var rows = TrackingListQuery.Listed(db, episodes, filter);

        var forecast = await PlanAsync(db, TrackingListQuery.ForecastInputs(rows, episodes, joinsFilter: false), ct);
        var firstPage = await PlanAsync(db, TrackingListQuery.PageRows(rows, filter, 1, 50), ct);
        var laterPage = await PlanAsync(db, TrackingListQuery.LaterPageIds(episodes, descending: false, 3, 50), ct);
        var overdueEpisodes = TrackingListQuery.Episodes(db, actor, filter with { Status = Forlop.Domain.PathwayTimes.DeadlineStatus.Overdue }, scenario.Today);
        var overdue = await PlanAsync(db, TrackingListQuery.ForecastInputs(rows, overdueEpisodes, joinsFilter: false), ct);

        // Every episode column from the index: no table page of the episodes read, and no sort of the HF's list.
        Assert.Contains($"COVERING INDEX {Index}", forecast);
        // The ids alone: the smaller (hf, next_deadline) index covers them too, in the same order.
        Assert.Contains("USING COVERING INDEX ix_episodes_", laterPage);
        Assert.Contains($"COVERING INDEX {Index}", overdue);
        Assert.Contains($"SEARCH e USING COVERING INDEX {Index}", firstPage);
        Assert.DoesNotContain("TEMP B-TREE", firstPage);
        Assert.DoesNotContain("TEMP B-TREE", laterPage);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task TrackingList_IndexKeepsItsFilter_FromTheMigration_AndWhenTheFirstImportBuildsItAgain(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        await using var db = scenario.OpenDb();

        var migrated = await DefinitionAsync(db, kind, ct);
        // What a first import into an empty registry does around its bulk load (EventImporter).
        await SecondaryIndexes.DropAsync(db, ct);
        var dropped = await DefinitionAsync(db, kind, ct);
        await SecondaryIndexes.CreateAsync(db, ct);
        var rebuilt = await DefinitionAsync(db, kind, ct);

        Assert.Null(dropped);
        foreach (var definition in new[] { migrated, rebuilt })
        {
            Assert.NotNull(definition);
            Assert.Contains("next_deadline IS NOT NULL", definition, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task TrackingList_LaterPagesInDeadlineOrder_AreTheRowsTheWholeListShowsThere_EitherWay(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var client = await scenario.SignedInAsync("koordinator");
        // Five more OUS patients, two of them on the same day, so that ties are broken by the episode as well.
        foreach (var (n, daysAgo) in new[] { (50, 0), (51, 3), (52, 3), (53, 20), (54, 40) })
        {
            using var created = await client.PostAsJsonAsync("/api/v1/events", new
            {
                nationalId = TestPatients.Number(n), organisation = "OUS", code = "A01A", date = scenario.Today.PlusDays(-daysAgo).ToString("yyyy-MM-dd", null),
            }, ct);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(ct));
        }

        foreach (var sort in new[] { "", "sort=-frist&" })
        {
            var all = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracking-list?{sort}pageSize=100", ct);
            var expected = all.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("episodeId").GetInt64()).ToList();
            var shown = new List<long>();
            for (var page = 1; page <= expected.Count + 1; page++)
            {
                var one = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracking-list?{sort}pageSize=2&page={page}", ct);
                Assert.Equal(expected.Count, one.GetProperty("total").GetInt32());
                shown.AddRange(one.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("episodeId").GetInt64()));
            }

            Assert.True(expected.Count >= 7, $"the list has {expected.Count} rows");
            Assert.Equal(expected, shown);
        }
    }

    /// <summary>SQLite's plan for a query as EF sends it, with its parameters bound: one line per step.</summary>
    private static async Task<string> PlanAsync<T>(RegistryDb db, IQueryable<T> query, CancellationToken ct)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            var steps = new List<string>();
            while (await reader.ReadAsync(ct))
            {
                steps.Add(reader.GetString(reader.GetOrdinal("detail")));
            }
            return string.Join("\n", steps);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string?> DefinitionAsync(RegistryDb db, DatabaseKind kind, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = kind == DatabaseKind.Sqlite
                ? $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{Index}'"
                : $"SELECT indexdef FROM pg_indexes WHERE indexname = '{Index}'";
            return await command.ExecuteScalarAsync(ct) as string;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
