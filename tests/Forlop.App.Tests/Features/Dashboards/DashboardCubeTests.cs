using System.Net;
using System.Net.Http.Json;
using System.Text;
using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Dashboards;
using Forlop.App.Features.Demo;
using Forlop.App.Features.Import;
using Forlop.App.Features.Indicators;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Forlop.App.Tests.Features.Dashboards;

/// <summary>
/// The dashboard cube against <see cref="IndicatorService"/> on the same registry, SQLite and PostgreSQL: two demo
/// years (transfers, corrections, withdrawals, every ending, mental-health and stroke pathways, pathways without an OF4
/// standard) and a few hand-made patients at a unit. Standards of the real catalogue: A12 OF4 surgery 35, A37 41.
/// </summary>
public class DashboardCubeTests
{
    private static readonly string[] Indicators =
    [
        DashboardIndicators.StartedId, DashboardIndicators.CompletedId, DashboardIndicators.WithinStandardId,
        DashboardIndicators.EndedWithoutTreatmentId, DashboardIndicators.StillOpenId,
    ];

    private static string P(int i) => TestPatients.Number(i);

    private static ReportingPeriod Period(string text) => ReportingPeriod.TryParse(text, out var period, out var error) ? period : throw new ArgumentException(error);

    private static IEnumerable<string> Periods() =>
        Enumerable.Range(2016, 2).SelectMany(y => Enumerable.Range(1, 12).Select(m => FormattableString.Invariant($"{y}-{m:00}")))
            .Concat(["2016-T1", "2016-T2", "2016-T3", "2017-Q1", "2017-Q4", "2016", "2017",
                // After the last event: nothing counted but what is still open.
                "2018"]);

    /// <summary>Two demo years, then the hand-made patients (each line says what it pins).</summary>
    private static async Task<Registry> RegistryAsync(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        Assert.Equal(0, (await Cli.RunAsync("add-unit", "AHUS-KIR", "--db", db, "--hf", "AHUS", "--name", "Kirurgisk klinikk")).ExitCode);
        var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct);
        var demo = EventsFiles.Write("");
        await using (var writer = new StreamWriter(demo, false, new UTF8Encoding(false)))
        {
            new DemoEvents(store.Catalogue, store.Organisations, 7).Write(writer, 2016, 2, 600, new LocalDate(2018, 3, 31));
        }
        Assert.True((await Cli.ImportAsync(db, demo)).ExitCode == 0);
        var import = await Cli.ImportAsync(db, EventsFiles.WriteRows(
            // 1. At the unit AHUS-KIR: started in March, open at the end of March and April, surgery on day 33 in May (within).
            $"a1,{P(1)},AHUS-KIR,A12A,2016-03-30,,", $"a2,{P(1)},AHUS-KIR,A12S,2016-04-05,,", $"a3,{P(1)},AHUS-KIR,A12FK,2016-05-02,,",
            // 2. AHUS: surgery on day 71 (over).
            $"b1,{P(2)},AHUS,A12A,2016-04-10,,", $"b2,{P(2)},AHUS,A12CK,2016-05-01,,", $"b3,{P(2)},AHUS,A12FK,2016-06-20,,",
            // 3. A37 transferred SUS → UNN: one start (at SUS), completed at UNN on day 39 from the seniority date (within).
            $"c1,{P(3)},SUS,A37A,2016-04-01,,", $"c2,{P(3)},SUS,A37O,2016-04-03,,", $"c3,{P(3)},UNN,A37A,2016-04-05,,", $"c4,{P(3)},UNN,A37FK,2016-05-10,,",
            // 4. OUS: surveillance (FO) in June: ended without treatment, not completed.
            $"d1,{P(4)},OUS,A12A,2016-06-01,,", $"d2,{P(4)},OUS,A12FO,2016-06-30,,",
            // 5. OUS: open from June.
            $"e1,{P(5)},OUS,A12A,2016-06-15,,"));
        Assert.True(import.ExitCode == 0, import.Output);
        return new Registry(store, db);
    }

    private sealed record Registry(RegistryStore Store, string Db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Store.DisposeAsync();
    }

    private static async Task AssertSameAsServiceAsync(RegistryStore store, DashboardSnapshot snapshot)
    {
        var ct = TestContext.Current.CancellationToken;
        var service = await IndicatorService.CreateAsync(store.Db, store.Catalogue, store.Indicators, ct);
        foreach (var id in Indicators)
        {
            foreach (var period in Periods().Select(Period))
            {
                var expected = await service.ComputeCurrentCubeAsync(store.Indicators.Find(id)!, period, ct);
                var actual = snapshot.Cube(id, period);
                Assert.True(expected.Figures.SequenceEqual(actual.Figures),
                    $"{id} {period.Text}: expected {expected.Figures.Count} figures, got {actual.Figures.Count}; first difference: " +
                    $"{expected.Figures.Except(actual.Figures).FirstOrDefault()} / {actual.Figures.Except(expected.Figures).FirstOrDefault()}");
                Assert.Equal(expected.Warnings, actual.Warnings);
                Assert.Equal(expected.Unit, actual.Unit);
            }
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Cube_GivesTheIndicatorServicesFiguresForEveryPeriod(DatabaseKind kind)
    {
        await using var registry = await RegistryAsync(kind);
        var store = registry.Store;
        using var cube = new DashboardCube(store.Catalogue, store.Indicators);

        var snapshot = await cube.CurrentAsync(store.Db, TestContext.Current.CancellationToken);

        Assert.True(cube.LastRefresh!.Everything);
        Assert.True(snapshot.Episodes > 1000, $"{snapshot.Episodes} episodes");
        await AssertSameAsServiceAsync(store, snapshot);
        var may = snapshot.Figures("A12", OrganisationLevel.Unit, "AHUS-KIR", new YearMonth(2016, 5));
        Assert.Equal(new DashboardFigures(Started: 0, Completed: 1, Measured: 1, WithinStandard: 1, EndedWithoutTreatment: 0, StillOpen: 0), may);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Cube_ShowsAnImportAtTheNextReadByCountingOnlyTheChangedPatients(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var registry = await RegistryAsync(kind);
        var store = registry.Store;
        using var cube = new DashboardCube(store.Catalogue, store.Indicators);
        var before = await cube.CurrentAsync(store.Db, ct);
        var import = await Cli.ImportAsync(registry.Db, EventsFiles.WriteRows(
            // Patient 1's surgery corrected to June: completed moves from May to June, and is now over (day 63).
            $"a4,{P(1)},AHUS-KIR,A12FK,2016-06-01,a3,",
            // Patient 2's surgery withdrawn: not completed, open again.
            $"b4,{P(2)},AHUS,,,b3,true",
            // Patient 5 stopped in July: ended without treatment, no longer open.
            $"e2,{P(5)},OUS,A12X,2016-07-15,,",
            // A new patient at the unit.
            $"f1,{P(6)},AHUS-KIR,A12A,2016-07-01,,"));
        Assert.True(import.ExitCode == 0, import.Output);

        var after = await cube.CurrentAsync(store.Db, ct);

        Assert.False(cube.LastRefresh!.Everything);
        Assert.True(after.RegistryVersion > before.RegistryVersion);
        await AssertSameAsServiceAsync(store, after);
        Assert.Equal(1, before.Figures("A12", OrganisationLevel.Unit, "AHUS-KIR", new YearMonth(2016, 5)).Completed);
        Assert.Equal(0, after.Figures("A12", OrganisationLevel.Unit, "AHUS-KIR", new YearMonth(2016, 5)).Completed);
        Assert.Equal(new DashboardFigures(Started: 0, Completed: 1, Measured: 1, WithinStandard: 0, EndedWithoutTreatment: 0, StillOpen: 0),
            after.Figures("A12", OrganisationLevel.Unit, "AHUS-KIR", new YearMonth(2016, 6)));
        Assert.Equal(1, after.Figures("A12", OrganisationLevel.Unit, "AHUS-KIR", new YearMonth(2016, 7)).Started);
        // Nothing new: the same snapshot, no refresh.
        Assert.Same(after, await cube.CurrentAsync(store.Db, ct));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Cube_ShowsARegistrationOverTheApiAtTheNextRead(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var client = await scenario.SignedInAsync("koordinator");
        await using var db = scenario.OpenDb();
        // The web host's own cube, as the dashboard pages get it.
        var cube = scenario.App.Services.GetRequiredService<DashboardCube>();
        var month = new YearMonth(scenario.Today.Year, scenario.Today.Month);
        var before = (await cube.CurrentAsync(db, ct)).Figures("A01", OrganisationLevel.Hf, "OUS", month);

        // OUS's open A01 episode (started 20 days ago) gets its surgery today.
        var response = await client.PostAsJsonAsync("/api/v1/events",
            new { nationalId = scenario.Places["OUS"].NationalId, organisation = "OUS", code = "A01FK", date = scenario.Today.ToString("yyyy-MM-dd", null) }, ct);
        var after = (await cube.CurrentAsync(db, ct)).Figures("A01", OrganisationLevel.Hf, "OUS", month);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(cube.LastRefresh!.Everything);
        Assert.Equal(before.Completed + 1, after.Completed);
        Assert.Equal(before.Measured + 1, after.Measured);
        Assert.Equal(before.StillOpen - 1, after.StillOpen);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Grid_GivesEveryPathwayAndHfMonthByMonthWithTheNationLast(DatabaseKind kind)
    {
        await using var registry = await RegistryAsync(kind);
        var store = registry.Store;
        using var cube = new DashboardCube(store.Catalogue, store.Indicators);
        var snapshot = await cube.CurrentAsync(store.Db, TestContext.Current.CancellationToken);

        var grid = snapshot.Grid(new YearMonth(2016, 1), 12, OrganisationLevel.Hf, IndicatorFilter.None);

        Assert.Equal(snapshot.RegistryVersion, grid.RegistryVersion);
        var hfRows = grid.Rows.TakeWhile(r => r.Level == OrganisationLevel.Hf).ToList();
        var nationRows = grid.Rows.Skip(hfRows.Count).ToList();
        Assert.All(nationRows, r => Assert.Equal(OrganisationLevel.Nation, r.Level));
        Assert.Equal(snapshot.Pathways.Count + 1, nationRows.Count);
        Assert.Equal(snapshot.Organisations(OrganisationLevel.Hf).Count, hfRows.Where(r => r.Pathway == IndicatorFigure.AllPathways).Count());
        foreach (var row in grid.Rows)
        {
            Assert.Equal(12, row.Months.Count);
            for (var m = 0; m < 12; m++)
            {
                Assert.Equal(snapshot.Figures(row.Pathway, row.Level, row.Organisation, new YearMonth(2016, m + 1)), row.Months[m]);
            }
        }
        // The HFs of every pathway add up to the nation in every month.
        foreach (var nation in nationRows)
        {
            for (var m = 0; m < 12; m++)
            {
                Assert.Equal(nation.Months[m].Started, hfRows.Where(r => r.Pathway == nation.Pathway).Sum(r => r.Months[m].Started));
                Assert.Equal(nation.Months[m].StillOpen, hfRows.Where(r => r.Pathway == nation.Pathway).Sum(r => r.Months[m].StillOpen));
            }
        }
        // One HF's own page: its rows, then the nation's for comparison.
        var ahus = snapshot.Grid(new YearMonth(2016, 1), 12, OrganisationLevel.Hf, new IndicatorFilter(null, "AHUS"));
        Assert.All(ahus.Rows, r => Assert.True(r.Level == OrganisationLevel.Nation || r.Organisation == "AHUS"));
    }

    [Fact]
    public void Sql_ReadsOnlyCountsAndDates_NeverAPerson()
    {
        // Pinned: the cube reads these columns and no others (no national id, name or birth date; patients only by internal id).
        Assert.Equal("SELECT id, pathway || '|' || unit || '|' || hf || '|' || rhf, start_date, seniority_date, transferred_from_id, state, end_date, treatment_type, treatment_date FROM episodes",
            DashboardCubeSql.AllEpisodes);
        Assert.Equal("SELECT episode_id, to_date, length, treatment_type FROM episode_intervals WHERE interval_id = @interval",
            DashboardCubeSql.AllIntervals);
        Assert.Equal("SELECT COALESCE(MAX(id), 0) FROM events", DashboardCubeSql.NewestEvent);
        // Not DISTINCT, so that SQLite reads the newest rows by id rather than the whole patient index (a 3-minute refresh at 20 M events).
        Assert.Equal("SELECT patient_id FROM events WHERE id > @after", DashboardCubeSql.PatientsWithEventsAfter);
    }
}
