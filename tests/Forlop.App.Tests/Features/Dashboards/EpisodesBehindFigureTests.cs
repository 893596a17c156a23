using Forlop.Domain;
using System.Net;
using System.Net.Http.Json;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Dashboards;
using Forlop.App.Features.Serve;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Access;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;
using Forlop.Domain.Organisations;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Forlop.App.Tests.Features.Dashboards;

/// <summary>
/// The drill-down from a dashboard figure to its episodes (GET /api/v1/dashboard/episodes, page /dashbord/forlop) on a
/// hand-made registry of tertial 3 of 2016, SQLite and PostgreSQL: the list is exactly what the figure counts, another
/// HF's figure is refused and nothing logged, each patient shown is logged. Standards of the real catalogue: A12 OF4
/// surgery 35, A37 OF4 surgery 41.
/// </summary>
public class EpisodesBehindFigureTests
{
    private const string Period = "2016-T3";

    private static string P(int i) => TestPatients.Number(i);

    private static readonly FigureSubset[] Subsets = [FigureSubset.Completed, FigureSubset.Within, FigureSubset.Over];

    /// <summary>The registry (each patient's line says what it pins), the demo users and a coordinator limited to OUS-KIR, served.</summary>
    internal static async Task<(WebApplication App, string Db)> StartAsync(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        Assert.Equal(0, (await Cli.RunAsync("add-unit", "--db", db, "OUS-KIR", "--hf", "OUS", "--name", "Kirurgisk klinikk")).ExitCode);
        var import = await Cli.ImportAsync(db, EventsFiles.WriteRows(
            // 1. OUS: surgery on day 35, exactly the standard: within.
            $"a1,{P(1)},OUS,A12A,2016-09-01,,", $"a2,{P(1)},OUS,A12FK,2016-10-06,,",
            // 2. The unit OUS-KIR: surgery on day 36, one day over.
            $"b1,{P(2)},OUS-KIR,A12A,2016-09-01,,", $"b2,{P(2)},OUS-KIR,A12FK,2016-10-07,,",
            // 3. A37 transferred AHUS → OUS, treated at OUS on day 41 from the seniority date: within, counted at OUS only.
            $"c1,{P(3)},AHUS,A37A,2016-09-01,,", $"c2,{P(3)},AHUS,A37S,2016-09-04,,", $"c3,{P(3)},AHUS,A37O,2016-09-05,,",
            $"c4,{P(3)},OUS,A37A,2016-09-08,,", $"c5,{P(3)},OUS,A37CK,2016-09-20,,", $"c6,{P(3)},OUS,A37FK,2016-10-12,,",
            // 4. A37 transferred OUS → AHUS, treated at AHUS: not behind any figure of OUS.
            $"d1,{P(4)},OUS,A37A,2016-09-01,,", $"d2,{P(4)},OUS,A37S,2016-09-04,,", $"d3,{P(4)},OUS,A37O,2016-09-05,,",
            $"d4,{P(4)},AHUS,A37A,2016-09-08,,", $"d5,{P(4)},AHUS,A37FK,2016-10-01,,",
            // 5. Helse Bergen, treated in the tertial: another HF's figure.
            $"e1,{P(5)},HB,A12A,2016-09-01,,", $"e2,{P(5)},HB,A12FK,2016-10-01,,",
            // 6. OUS, treated the day after the tertial.
            $"f1,{P(6)},OUS,A12A,2016-12-01,,", $"f2,{P(6)},OUS,A12FK,2017-01-01,,",
            // 7. OUS, surveillance without treatment (FO): ended, not completed.
            $"g1,{P(7)},OUS,A12A,2016-09-01,,", $"g2,{P(7)},OUS,A12FO,2016-09-30,,"));
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct))
        {
            await LocalAccounts.AddDemoUsersAsync(store.Db, DateTime.UtcNow, ct);
            await LocalAccounts.AddAsync(store.Db, new Actor("koordinator-kir", "Kim Kirurg", Role.Coordinator, "OUS", ["OUS-KIR"]), LocalAccounts.DemoPassword, DateTime.UtcNow, ct);
        }
        var app = await WebHost.BuildAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), "http://127.0.0.1:0");
        await app.StartAsync(ct);
        return (app, db);
    }

    internal static Task<HttpClient> SignedInAsync(WebApplication app, string user) => SignIn.AsAsync(new Uri(app.Urls.First()), user);


    private static Task<HttpResponseMessage> DrillAsync(HttpClient client, string query) =>
        client.GetAsync(new Uri("/api/v1/dashboard/episodes?period=" + Period + "&" + query, UriKind.Relative), TestContext.Current.CancellationToken);

    private static async Task<FigureEpisodes> ListAsync(HttpClient client, string query)
    {
        var response = await DrillAsync(client, query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<FigureEpisodes>(Json, TestContext.Current.CancellationToken))!;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower) },
    };

    private static async Task<int> LogEntriesAsync(string db, string user, string? patient = null)
    {
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        return await context.AccessLog.CountAsync(e => e.User == user && (patient == null || e.Patient == patient));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task DrillDown_ListsExactlyTheEpisodesTheDashboardFigureCounts(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, db) = await StartAsync(kind);
        await using var host = app;
        using var client = await SignedInAsync(app, "leder");
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var snapshot = await app.Services.GetRequiredService<DashboardCube>().CurrentAsync(context, ct);
        Assert.True(ReportingPeriod.TryParse(Period, out var period, out _));
        var table = DashboardView.Table(snapshot, new DashboardScope(OrganisationLevel.Hf, app.Services.GetRequiredService<OrganisationDirectory>().Find("OUS")), period);

        // Every figure of the dashboard's table for OUS, each part of it: the list is as long as the figure.
        foreach (var row in table)
        {
            foreach (var subset in Subsets)
            {
                var list = await ListAsync(client, $"hf=OUS&pathway={row.Pathway}&subset={EnumNames.Of(subset)}");
                var figure = subset switch
                {
                    FigureSubset.Within => row.WithinStandard,
                    FigureSubset.Over => row.Completed - row.WithinStandard,
                    _ => row.Completed,
                };
                Assert.True(figure == list.Total, $"{row.Pathway} {subset}: the figure is {figure}, the list has {list.Total}");
                Assert.Equal(list.Total, list.Rows.Count);
            }
        }

        var all = await ListAsync(client, "hf=OUS");
        var within = await ListAsync(client, "hf=OUS&subset=within");
        var over = await ListAsync(client, "hf=OUS&pathway=A12&subset=over");
        var unit = await ListAsync(client, "unit=OUS-KIR");
        Assert.Equal([P(1), P(2), P(3)], all.Rows.Select(r => r.NationalId));
        Assert.Equal([P(1), P(3)], within.Rows.Select(r => r.NationalId));
        Assert.Equal([P(2)], over.Rows.Select(r => r.NationalId));
        Assert.Equal([P(2)], unit.Rows.Select(r => r.NationalId));
        // The boundary: day 35 of 35 is within, day 36 is over.
        Assert.Equal((35L, 35L, true), (all.Rows[0].Length, all.Rows[0].Limit, all.Rows[0].Within));
        Assert.Equal((36L, 35L, false), (all.Rows[1].Length, all.Rows[1].Limit, all.Rows[1].Within));
        // The transfer: the receiving HF's episode, measured from the journey's seniority date.
        var transferred = all.Rows[2];
        Assert.True(transferred.ContinuesTransfer);
        Assert.Equal((new DateOnly(2016, 9, 8), new DateOnly(2016, 9, 1), 41L, true), (transferred.StartDate, transferred.SeniorityDate, transferred.Length, transferred.Within));
        Assert.Equal(3, table.Single(r => r.Pathway == IndicatorFigure.AllPathways).Completed);
        // The route is part of the published contract.
        var openApi = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), ct);
        Assert.Contains("\"/api/v1/dashboard/episodes\"", openApi, StringComparison.Ordinal);
        Assert.Contains("\"/api/v1/dashboard/episodes/export\"", openApi, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task DrillDown_IntoAnotherHfOrByAnAnalyst_IsRefusedAndLogsNothing(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, db) = await StartAsync(kind);
        await using var host = app;

        foreach (var (user, query, status) in new[]
                 {
                     ("leder", "hf=HB", HttpStatusCode.Forbidden),                          // another HF
                     ("koordinator-bergen", "hf=OUS", HttpStatusCode.Forbidden),            // another HF, the other way
                     ("koordinator-kir", "hf=OUS", HttpStatusCode.Forbidden),               // her HF's figure counts patients outside her unit
                     ("analytiker-nasjonal", "hf=OUS", HttpStatusCode.Forbidden),           // figures, no person data
                     ("analytiker-region", "hf=OUS", HttpStatusCode.Forbidden),
                 })
        {
            using var client = await SignedInAsync(app, user);
            var response = await DrillAsync(client, query);
            var body = await response.Content.ReadAsStringAsync(ct);
            var page = await client.GetStringAsync(new Uri($"/dashbord/forlop?periode={Period}&{query}", UriKind.Relative), ct);

            Assert.True(response.StatusCode == status, $"{user} {query}: {response.StatusCode}");
            Assert.DoesNotContain(P(1), body, StringComparison.Ordinal);
            Assert.DoesNotContain(P(5), body, StringComparison.Ordinal);
            Assert.Contains("access-denied", page, StringComparison.Ordinal);
            Assert.DoesNotContain(P(1), page, StringComparison.Ordinal);
            Assert.DoesNotContain(P(5), page, StringComparison.Ordinal);
            Assert.True(await LogEntriesAsync(db, user) == 0, $"{user} {query}: logged a read that showed nothing");
        }

        // Her own unit is hers to drill into.
        using var kir = await SignedInAsync(app, "koordinator-kir");
        Assert.Equal([P(2)], (await ListAsync(kir, "unit=OUS-KIR")).Rows.Select(r => r.NationalId));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task DrillDown_LogsEachPatientShown_AndNoneNotShown(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, db) = await StartAsync(kind);
        await using var host = app;
        using var client = await SignedInAsync(app, "koordinator");

        var first = await ListAsync(client, "hf=OUS&pageSize=2");

        Assert.Equal(3, first.Total);
        Assert.Equal([P(1), P(2)], first.Rows.Select(r => r.NationalId));
        Assert.Equal(1, await LogEntriesAsync(db, "koordinator", P(1)));
        Assert.Equal(1, await LogEntriesAsync(db, "koordinator", P(2)));
        Assert.Equal(0, await LogEntriesAsync(db, "koordinator", P(3)));

        var second = await ListAsync(client, "hf=OUS&pageSize=2&page=2");

        Assert.Equal([P(3)], second.Rows.Select(r => r.NationalId));
        Assert.Equal(1, await LogEntriesAsync(db, "koordinator", P(3)));
        Assert.Equal(3, await LogEntriesAsync(db, "koordinator"));
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var entry = await context.AccessLog.SingleAsync(e => e.User == "koordinator" && e.Patient == P(3), ct);
        Assert.Contains("completed-within-standard 2016-T3 OUS ALL completed", entry.What, StringComparison.Ordinal);
    }

    /// <summary>
    /// Decision 0015 for the drill-down: the server's first rendering of the page holds no patient (a page of names and
    /// identity numbers persisted for the live page passed SignalR's 32 kB message limit at volume), so it logs nothing
    /// either; the live page reads and logs the rows once (the browser tests on the national volume).
    /// </summary>
    [Fact]
    public async Task DrillDownPage_FirstRendering_HoldsNoPatient_AndLogsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, db) = await StartAsync(DatabaseKind.Sqlite);
        await using var host = app;
        using var client = await SignedInAsync(app, "koordinator");

        var page = await client.GetStringAsync(new Uri($"/dashbord/forlop?periode={Period}&hf=OUS", UriKind.Relative), ct);

        Assert.Contains("drill-subtitle", page, StringComparison.Ordinal);
        Assert.Contains("drill-loading", page, StringComparison.Ordinal);
        Assert.DoesNotContain(P(1), page, StringComparison.Ordinal);
        Assert.DoesNotContain(P(3), page, StringComparison.Ordinal);
        Assert.Equal(0, await LogEntriesAsync(db, "koordinator"));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task DrillDown_SortedOnTheServer_PagesFollowTheOrder(DatabaseKind kind)
    {
        var (app, _) = await StartAsync(kind);
        await using var host = app;
        using var client = await SignedInAsync(app, "leder");

        // Lengths: P(1) 35 days, P(2) 36, P(3) 41 (from its seniority date); reached 06.10, 07.10, 12.10.
        var longest = await ListAsync(client, "hf=OUS&sort=-tid");
        var byPathway = await ListAsync(client, "hf=OUS&sort=-forlop");
        var byUnit = await ListAsync(client, "hf=OUS&sort=enhet");
        var latest = await ListAsync(client, "hf=OUS&sort=-dato");
        var second = await ListAsync(client, "hf=OUS&sort=-tid&pageSize=1&page=2");

        Assert.Equal([P(3), P(2), P(1)], longest.Rows.Select(r => r.NationalId));
        Assert.Equal((DrillSort.Length, true), (longest.Sort, longest.Descending));
        // A37 before A12; within A12 the reached day decides.
        Assert.Equal([P(3), P(1), P(2)], byPathway.Rows.Select(r => r.NationalId));
        // OUS before OUS-KIR (ordinal); within OUS the reached day decides.
        Assert.Equal([P(1), P(3), P(2)], byUnit.Rows.Select(r => r.NationalId));
        Assert.Equal([P(3), P(2), P(1)], latest.Rows.Select(r => r.NationalId));
        Assert.Equal([P(2)], second.Rows.Select(r => r.NationalId));
        Assert.Equal(3, second.Total);
        var unknown = await DrillAsync(client, "hf=OUS&sort=navn");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("dato, tid, forlop or enhet", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ExportAsync(HttpClient client, string query) =>
        client.GetAsync(new Uri("/api/v1/dashboard/episodes/export?period=" + Period + "&" + query, UriKind.Relative), TestContext.Current.CancellationToken);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task DrillDownExport_ForNorwegianExcel_HoldsEveryEpisodeInTheListsOrder_LogsEachPatientOnce_AndIsNotCached(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, db) = await StartAsync(kind);
        await using var host = app;
        using var client = await SignedInAsync(app, "koordinator");

        var response = await ExportAsync(client, "hf=OUS&sort=-tid&format=csv-nb");
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("drill-down_OUS_2016-T3_ALL_completed_excel.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = Forlop.App.Tests.Features.Exports.CsvExportTests.ReadBack(bytes, ";");
        Assert.Equal(["Forløp-id", "Fødselsnummer", "Navn", "Pakkeforløp"], rows[0][..4]);
        Assert.Contains("Innenfor standard", rows[0]);
        // Every episode of the figure (not a page), longest first as asked, with Norwegian dates and words.
        Assert.Equal([P(3), P(2), P(1)], rows.Skip(1).Select(r => r[1]));
        var reached = Array.IndexOf(rows[0], "Nådd");
        var within = Array.IndexOf(rows[0], "Innenfor standard");
        var treatment = Array.IndexOf(rows[0], "Behandling");
        Assert.Equal(("12.10.2016", "ja", "kirurgisk behandling"), (rows[1][reached], rows[1][within], rows[1][treatment]));
        Assert.Equal("nei", rows[2][within]);
        // One entry per patient in the file, for this export, naming its format.
        foreach (var patient in new[] { P(1), P(2), P(3) })
        {
            Assert.Equal(1, await LogEntriesAsync(db, "koordinator", patient));
        }
        await using (var context = DatabaseTarget.Parse(db).CreateContext())
        {
            var entry = await context.AccessLog.SingleAsync(e => e.User == "koordinator" && e.Patient == P(2), ct);
            Assert.StartsWith("dashboard export csv-nb completed-within-standard 2016-T3 OUS ALL completed: episode ", entry.What, StringComparison.Ordinal);
        }

        var again = await ExportAsync(client, "hf=OUS&subset=over&format=csv-nb");
        Assert.Equal(2, (Forlop.App.Tests.Features.Exports.CsvExportTests.ReadBack(await again.Content.ReadAsByteArrayAsync(ct), ";")).Count);
        Assert.Equal(2, await LogEntriesAsync(db, "koordinator", P(2)));
        Assert.Equal(1, await LogEntriesAsync(db, "koordinator", P(1)));
    }

    [Fact]
    public async Task DrillDownExport_ExcelPdfAndTechnicalCsv_AreTheSameEpisodes_AndAnUnknownFormatIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, db) = await StartAsync(DatabaseKind.Sqlite);
        await using var host = app;
        using var client = await SignedInAsync(app, "leder");

        var xlsx = await ExportAsync(client, "hf=OUS&format=xlsx");
        var pdf = await ExportAsync(client, "hf=OUS&format=pdf");
        var csv = await ExportAsync(client, "hf=OUS&pathway=A12&format=csv");
        var ods = await ExportAsync(client, "hf=OUS&format=ods");

        Assert.Equal(Forlop.App.Features.Exports.XlsxExport.ContentType, xlsx.Content.Headers.ContentType!.ToString());
        using (var workbook = new Forlop.App.Tests.Features.Exports.Workbook(await xlsx.Content.ReadAsByteArrayAsync(ct)))
        {
            Assert.Empty(workbook.SchemaErrors());
            Assert.Equal("Forløpene bak tallet", workbook.Text("A1"));
            Assert.Equal("Fødselsnummer", workbook.Text("B3"));
            Assert.Equal([P(1), P(2), P(3)], new[] { "B4", "B5", "B6" }.Select(workbook.Text));
        }
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(ct)))
        {
            var text = string.Join("\n", document.GetPages().Select(p => p.Text));
            Assert.Contains(P(3), text, StringComparison.Ordinal);
            Assert.Contains("Oslo universitetssykehus", text, StringComparison.Ordinal);
        }
        var technical = Forlop.App.Tests.Features.Exports.CsvExportTests.ReadBack(await csv.Content.ReadAsByteArrayAsync(ct));
        Assert.Equal("episode_id", technical[0][0]);
        Assert.Equal([P(1), P(2)], technical.Skip(1).Select(r => r[1]));
        Assert.Equal("2016-10-06", technical[1][Array.IndexOf(technical[0], "reached")]);
        Assert.Equal(HttpStatusCode.BadRequest, ods.StatusCode);
        // Three files of three patients, and the A12 file of two: logged per file, never for the refused format.
        Assert.Equal(8, await LogEntriesAsync(db, "leder"));
    }
}
