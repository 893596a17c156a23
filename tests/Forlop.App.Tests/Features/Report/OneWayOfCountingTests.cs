using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Dashboards;
using Forlop.App.Features.Serve;
using Forlop.App.Tests.Features.Exports;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using UglyToad.PdfPig;

namespace Forlop.App.Tests.Features.Report;

/// <summary>
/// One way of counting (interchange.md, <c>report</c>: a pathway is completed "whether or not the catalogue knows a
/// standard time for it", and the share is within ÷ (completed − without_standard)): one scenario through every output
/// — the report's CSV (whole and public), the indicator command, the indicator API, the public table's API and page,
/// the dashboard's cube and table, the drill-down, the exports as CSV and Excel and the monthly PDF — on SQLite and
/// PostgreSQL, each giving the same completed, within-standard, share and without-standard figures, the same marks for
/// figures that rest on an unverified pathway, and the same provisional state of a period that is not locked.
/// </summary>
/// <remarks>
/// The catalogue is the real one with A98 added: a placeholder pathway (verified: false) whose OF4 standard is known for
/// surgery (30 days) and not for radiotherapy. Each case has three patients, so nothing is small enough to be
/// suppressed and the public outputs show the same numbers. Tertial 3 of 2016:
/// A12 at OUS: 3 surgery on day 35 (within), 3 on day 40 (over); A12 at HB: 3 drug on day 10 (within);
/// A98 at OUS: 3 surgery on day 20 (within), 3 radiotherapy (no standard); A98 at HB: 3 radiotherapy (no standard).
/// Nation: A12 9 completed, 6 within, 66.7 %; A98 9, 3 within, 6 without, 100.0 %; all 18, 9 within, 6 without, 9/12 = 75.0 %.
/// </remarks>
public class OneWayOfCountingTests
{
    private const string Period = "2016-T3";
    private const string Indicator = "completed-within-standard";

    /// <summary>The figures every output must give: (pathway, organisation or "") → completed, within, share, without, unverified.</summary>
    private static readonly Dictionary<(string Pathway, string Organisation), Figures> Expected = new()
    {
        [("A12", "")] = new(9, 6, "66.7", 0, false),
        [("A98", "")] = new(9, 3, "100.0", 6, true),
        [("ALL", "")] = new(18, 9, "75.0", 6, true),
        [("A12", "OUS")] = new(6, 3, "50.0", 0, false),
        [("A98", "OUS")] = new(6, 3, "100.0", 3, true),
        [("ALL", "OUS")] = new(12, 6, "66.7", 3, true),
        [("A12", "HB")] = new(3, 3, "100.0", 0, false),
        [("A98", "HB")] = new(3, 0, "", 3, true),
        [("ALL", "HB")] = new(6, 3, "100.0", 3, true),
    };

    private sealed record Figures(int Completed, int Within, string Share, int WithoutStandard, bool Unverified);

    private static string P(int i) => TestPatients.Number(700 + i);

    /// <summary>The real catalogue and A98, a placeholder pathway with an OF4 standard for surgery only.</summary>
    private static string Catalogue()
    {
        var folder = Directory.CreateTempSubdirectory("forlop-catalog-").FullName;
        var source = Path.Combine(AppContext.BaseDirectory, "catalog");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.WriteAllText(Path.Combine(folder, "cancer", "A98-testforlop.yaml"), """
            code: A98
            family: cancer
            name: { nb: "Testforløp", en: "Test pathway" }
            unit: days
            valid_from: 2015-01-01
            valid_to: null
            verified: false
            source: "unverified: a placeholder number of the test (OneWayOfCountingTests)"
            events:
              - { code: A98A, kind: start, name: { nb: "Start", en: "Start" }, verified: false, source: "test" }
              - { code: A98FK, kind: treatment, treatment: surgery, name: { nb: "Kirurgi", en: "Surgery" }, verified: false, source: "test" }
              - { code: A98FS, kind: treatment, treatment: radiotherapy, name: { nb: "Stråling", en: "Radiotherapy" }, verified: false, source: "test" }
            intervals:
              - id: OF4
                name: { nb: "Fra henvisning mottatt til start behandling", en: "Referral received to start of treatment" }
                from: start
                to: treatment
                standards:
                  - { valid_from: 2015-01-01, limit: 30, treatment: surgery, verified: true, source: "test" }
            """);
        return folder;
    }

    private static async Task<(string Db, string Catalogue)> ScenarioAsync(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        var catalogue = Catalogue();
        var rows = new List<string>();
        void Case(int first, string hf, string pathway, string code, string start, string treated)
        {
            for (var i = first; i < first + 3; i++)
            {
                rows.Add($"s{i},{P(i)},{hf},{pathway}A,{start},,");
                rows.Add($"t{i},{P(i)},{hf},{code},{treated},,");
            }
        }
        Case(1, "OUS", "A12", "A12FK", "2016-09-01", "2016-10-06");   // day 35: within A12's 35
        Case(4, "OUS", "A12", "A12FK", "2016-09-01", "2016-10-11");   // day 40: over
        Case(7, "HB", "A12", "A12FM", "2016-09-01", "2016-09-11");    // drug, day 10: within
        Case(10, "OUS", "A98", "A98FK", "2016-09-01", "2016-09-21");  // surgery, day 20: within A98's 30
        Case(13, "OUS", "A98", "A98FS", "2016-09-01", "2016-09-21");  // radiotherapy: no standard
        Case(16, "HB", "A98", "A98FS", "2016-09-01", "2016-10-21");   // radiotherapy: no standard
        var import = await Cli.RunAsync("import", "--db", db, "--catalog", catalogue, EventsFiles.WriteRows([.. rows]));
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        return (db, catalogue);
    }

    /// <summary>Rows of a report CSV as (pathway, organisation) → figures; unverified is not in the CSV (stderr names it).</summary>
    private static Dictionary<(string, string), Figures> ReportRows(string csv, bool byOrganisation)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(byOrganisation
            ? "pathway,organisation,completed,within_standard,share_within_pct,without_standard"
            : "pathway,completed,within_standard,share_within_pct,without_standard", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).Where(c => !byOrganisation || c[0] != "ALL").ToDictionary(
            c => (c[0], byOrganisation ? c[1] : ""),
            c => byOrganisation
                ? new Figures(Int(c[2]), Int(c[3]), c[4], Int(c[5]), Flag(c[0]))
                : new Figures(Int(c[1]), Int(c[2]), c[3], Int(c[4]), Flag(c[0])));

        // The report's CSV keeps the contract's columns: the unverified mark is on stderr, compared apart.
        static bool Flag(string pathway) => Expected[(pathway, "")].Unverified;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Every expected row of the organisation ("" the nation); a table by organisation has no ALL row per organisation (<paramref name="withAll"/>).</summary>
    private static void AssertExpected(IReadOnlyDictionary<(string, string), Figures> actual, string organisation, string output, bool withAll = true)
    {
        foreach (var (key, figures) in Expected.Where(e => e.Key.Organisation == organisation && (withAll || e.Key.Pathway != "ALL")))
        {
            Assert.True(actual.TryGetValue(key, out var got), $"{output}: no row {key}");
            Assert.True(figures == got, $"{output} {key}: expected {figures}, got {got}");
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task OneScenario_EveryOutput_GivesTheSameCompletedWithinShareAndWithoutStandard(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (db, catalogue) = await ScenarioAsync(kind);

        // 1. forlop report, by pathway and by HF; the public view hides nothing here (no count is small).
        var report = await Cli.RunAsync("report", "--db", db, "--catalog", catalogue, "--period", Period, "--format", "csv");
        Assert.True(report.ExitCode == 0, report.Error);
        AssertExpected(ReportRows(report.Output, byOrganisation: false), "", "report");
        Assert.Contains("note: unverified: the figures of A98, ALL count a pathway code or standard time", report.Error, StringComparison.Ordinal);
        Assert.Contains($"note: {Period} is not locked: the figures are provisional", report.Error, StringComparison.Ordinal);
        var byHf = await Cli.RunAsync("report", "--db", db, "--catalog", catalogue, "--period", Period, "--format", "csv", "--by", "hf");
        AssertExpected(ReportRows(byHf.Output, byOrganisation: true), "OUS", "report --by hf", withAll: false);
        AssertExpected(ReportRows(byHf.Output, byOrganisation: true), "HB", "report --by hf", withAll: false);
        var publicReport = await Cli.RunAsync("report", "--db", db, "--catalog", catalogue, "--period", Period, "--format", "csv", "--public");
        AssertExpected(ReportRows(publicReport.Output, byOrganisation: false), "", "report --public");
        var text = await Cli.RunAsync("report", "--db", db, "--catalog", catalogue, "--period", Period, "--format", "table");
        Assert.Contains("without_standard: completed pathways whose standard time the catalogue does not know", text.Output, StringComparison.Ordinal);

        // 2. forlop indicator: the count of completed pathways and the share's own table.
        var completed = await Cli.RunAsync("indicator", "completed", "--db", db, "--catalog", catalogue, "--period", Period, "--level", "hf", "--format", "csv");
        var counts = completed.OutputLines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => (c[0], c[2]), c => Int(c[3]));
        foreach (var ((pathway, organisation), figures) in Expected)
        {
            Assert.Equal(figures.Completed, counts[(pathway, organisation)]);
        }
        var share = await Cli.RunAsync("indicator", Indicator, "--db", db, "--catalog", catalogue, "--period", Period, "--level", "hf", "--format", "csv");
        Assert.Equal("pathway,level,organisation,count,numerator,share_pct,without_standard,completed", share.OutputLines[0]);
        var shares = share.OutputLines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            c => (c[0], c[2]), c => new Figures(Int(c[7]), Int(c[4]), c[5], Int(c[6]), Expected[(c[0], "")].Unverified));
        AssertExpected(shares, "", "indicator");
        AssertExpected(shares, "OUS", "indicator");
        AssertExpected(shares, "HB", "indicator");
        // Without a standard is count's complement: count = completed − without_standard.
        Assert.All(share.OutputLines.Skip(1).Select(l => l.Split(',')), c => Assert.Equal(Int(c[7]) - Int(c[6]), Int(c[3])));

        // 3. The web application: API, public page, dashboard, drill-down, exports.
        await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), catalogue, SystemClock.Instance, ct))
        {
            await LocalAccounts.AddDemoUsersAsync(store.Db, DateTime.UtcNow, ct);
        }
        var app = await WebHost.BuildAsync(DatabaseTarget.Parse(db), catalogue, "http://127.0.0.1:0", ct: TestContext.Current.CancellationToken);
        await app.StartAsync(ct);
        await using (app)
        {
            var baseAddress = new Uri(app.Urls.First());
            using var anonymous = new HttpClient { BaseAddress = baseAddress };
            await AssertIndicatorApiAsync(anonymous, ct);
            await AssertPublicTableAsync(anonymous, ct);
            await AssertDashboardAsync(app, db, ct);
            using (var coordinator = await SignIn.AsAsync(baseAddress, "koordinator"))
            {
                await AssertDrillDownAsync(coordinator, ct);
            }
            using var analyst = await SignIn.AsAsync(baseAddress, "analytiker-nasjonal");
            await AssertExportsAsync(analyst, ct);
        }

        // 4. The monthly PDF of OUS for October (A12: 6 treated, 3 within; A98 none) against the report of the month.
        var month = await Cli.RunAsync("report", "--db", db, "--catalog", catalogue, "--period", "2016-10", "--format", "csv", "--by", "hf");
        var october = ReportRows(month.Output, byOrganisation: true);
        Assert.Equal(new Figures(6, 3, "50.0", 0, false), october[("A12", "OUS")]);
        var pdfFile = ExportScenario.OutputFile(".pdf");
        var pdfRun = await Cli.RunAsync("monthly-report", "--db", db, "--catalog", catalogue, "--hf", "OUS", "--month", "2016-10", "--out", pdfFile);
        Assert.True(pdfRun.ExitCode == 0, pdfRun.Error);
        using var pdf = PdfDocument.Open(pdfFile);
        // The words of each page line by line (words sharing a baseline, left to right).
        var pdfText = string.Join("\n", pdf.GetPages().SelectMany(page => page.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(line => line.Key)
            .Select(line => string.Join(" ", line.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)))));
        Assert.True(pdfText.Contains("A12 Tykk- og endetarmskreft 6 3 50,0 % 0", StringComparison.Ordinal), pdfText);
        Assert.Contains("Foreløpige tall", pdfText, StringComparison.Ordinal);
        // September at OUS, in the trend: A98's 3 without a standard are completed too (A12 none, A98 6 of which 3 measured, all within).
        var september = ReportRows((await Cli.RunAsync("report", "--db", db, "--catalog", catalogue, "--period", "2016-09", "--format", "csv", "--by", "hf")).Output, byOrganisation: true);
        Assert.Equal(new Figures(6, 3, "100.0", 3, true), september[("A98", "OUS")]);
        Assert.True(pdfText.Contains("september 2016 6 3 100,0 % 3", StringComparison.Ordinal), pdfText);
    }

    private static async Task AssertIndicatorApiAsync(HttpClient client, CancellationToken ct)
    {
        foreach (var level in new[] { "nation", "hf" })
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/indicators/{Indicator}/figures?period={Period}&level={level}", UriKind.Relative), ct));
            Assert.True(json.RootElement.GetProperty("provisional").GetBoolean());
            var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(
                r => (r.GetProperty("pathway").GetString()!, r.GetProperty("organisation").GetString() ?? ""),
                r => new Figures(r.GetProperty("completed").GetInt32(), r.GetProperty("numerator").GetInt32(), r.GetProperty("sharePercent").GetString() ?? "",
                    r.GetProperty("withoutStandard").GetInt32(), r.GetProperty("unverified").GetBoolean()));
            AssertExpected(rows, "", "API " + level);
            if (level == "hf")
            {
                AssertExpected(rows, "OUS", "API hf");
                AssertExpected(rows, "HB", "API hf");
            }
        }
    }

    private static async Task AssertPublicTableAsync(HttpClient client, CancellationToken ct)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/indicators/completed-within-standard?period={Period}&by=hf", UriKind.Relative), ct));
        Assert.True(json.RootElement.GetProperty("provisional").GetBoolean());
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(
            r => (r.GetProperty("pathway").GetString()!, r.GetProperty("organisation").GetString() ?? ""),
            r => new Figures(r.GetProperty("completed").GetInt32(), r.GetProperty("withinStandard").GetInt32(), r.GetProperty("sharePercent").GetString() ?? "",
                r.GetProperty("withoutStandard").GetInt32(), r.GetProperty("unverified").GetBoolean()));
        AssertExpected(rows, "OUS", "public API", withAll: false);
        AssertExpected(rows, "HB", "public API", withAll: false);

        // The page: every row's figures, the share with a decimal comma; the unverified rows carry a footnote mark.
        var html = await client.GetStringAsync(new Uri($"/statistikk?periode={Period}", UriKind.Relative), ct);
        var cells = Regex.Matches(html, "<tr>(.*?)</tr>", RegexOptions.Singleline)
            .Select(m => Regex.Replace(Regex.Replace(m.Groups[1].Value, "<sup[^>]*>\\*</sup>", " *"), "<[^>]+>", " "))
            .Select(t => Regex.Replace(WebUtility.HtmlDecode(t), "\\s+", " ").Trim())
            .ToList();
        Assert.Contains("A12 Tykk- og endetarmskreft 9 6 66,7 0", cells);
        Assert.Contains("A98 Testforløp * 9 3 100,0 6", cells);
        Assert.Contains("Alle * 18 9 75,0 6", cells);
        Assert.Contains("id=\"stats-provisional\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stats-unverified\"", html, StringComparison.Ordinal);
    }

    private static async Task AssertDashboardAsync(WebApplication app, string db, CancellationToken ct)
    {
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var snapshot = await app.Services.GetRequiredService<DashboardCube>().CurrentAsync(context, ct);
        Assert.True(ReportingPeriod.TryParse(Period, out var period, out _));
        var cube = snapshot.Cube(Indicator, period);
        var figures = cube.Figures.Where(f => f.Level is OrganisationLevel.Nation or OrganisationLevel.Hf).ToDictionary(
            f => (f.Pathway, f.Organisation ?? ""),
            f => new Figures(f.CompletedIn(cube.Definition.Kind)!.Value, f.Numerator!.Value, f.Count is 0 ? "" : f.SharePercent!, f.WithoutStandard!.Value, f.Unverified));
        AssertExpected(figures, "", "dashboard cube");
        AssertExpected(figures, "OUS", "dashboard cube");
        AssertExpected(figures, "HB", "dashboard cube");

        var ous = new DashboardScope(OrganisationLevel.Hf, app.Services.GetRequiredService<Forlop.Domain.Organisations.OrganisationDirectory>().Find("OUS"));
        var table = DashboardView.Table(snapshot, ous, period).ToDictionary(
            r => (r.Pathway, "OUS"),
            r => new Figures(r.Completed, r.WithinStandard, r.Share?.ToString("0.0", CultureInfo.InvariantCulture) ?? "", r.WithoutStandard, r.Unverified));
        AssertExpected(table, "OUS", "dashboard table");
        // The headline says what the share of all pathways covers and which pathways lack a standard.
        var coverage = DashboardView.Coverage(DashboardView.Table(snapshot, ous, period));
        Assert.Equal((2, 2, 3), (coverage.Pathways, coverage.Measured, coverage.WithoutStandard));
        Assert.Equal(["A98"], coverage.Lacking);
    }

    private static async Task AssertDrillDownAsync(HttpClient coordinator, CancellationToken ct)
    {
        foreach (var pathway in new[] { "A12", "A98", "ALL" })
        {
            var expected = Expected[(pathway, "OUS")];
            var measured = expected.Completed - expected.WithoutStandard;
            foreach (var (subset, count) in new[]
                     {
                         ("completed", expected.Completed), ("within", expected.Within), ("over", measured - expected.Within), ("without-standard", expected.WithoutStandard),
                     })
            {
                var response = await coordinator.GetAsync(new Uri($"/api/v1/dashboard/episodes?period={Period}&hf=OUS&pathway={pathway}&subset={subset}", UriKind.Relative), ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{pathway} {subset}: {response.StatusCode}");
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                Assert.True(count == json.RootElement.GetProperty("total").GetInt32(), $"drill-down {pathway} {subset}");
            }
        }
    }

    private static async Task AssertExportsAsync(HttpClient analyst, CancellationToken ct)
    {
        var csv = CsvExportTests.ReadBack(await analyst.GetByteArrayAsync(new Uri($"/api/v1/exports/completed-within-standard?period={Period}&by=hf&format=csv", UriKind.Relative), ct));
        Assert.Equal(["pathway", "pathway_name", "organisation", "organisation_name", "completed", "within_standard", "share_within_pct", "without_standard", "unverified", "provisional", "publication"], csv[0]);
        var rows = csv.Skip(1).Where(c => c[0] != "ALL").ToDictionary(
            c => (c[0], c[2]), c => new Figures(Int(c[4]), Int(c[5]), c[6], Int(c[7]), c[8] == "ja"));
        AssertExpected(rows, "OUS", "export CSV", withAll: false);
        AssertExpected(rows, "HB", "export CSV", withAll: false);
        Assert.All(csv.Skip(1), c => Assert.Equal("ja", c[9]));
        Assert.Equal(["ALL", "Alle pakkeforløp", "", "", "18", "9", "75.0", "6", "ja", "ja", ""], csv[^1]);

        using var book = new Workbook(await analyst.GetByteArrayAsync(new Uri($"/api/v1/exports/completed-within-standard?period={Period}&format=xlsx", UriKind.Relative), ct));
        // Rows 4–6: A12, A98, all pathways; columns C–F completed, within, share, without; G unverified, H provisional.
        Assert.Equal(["A12", "A98", "ALL"], new[] { "A4", "A5", "A6" }.Select(book.Text));
        Assert.Equal((9m, 6m, 0.667m, 0m, "nei"), (book.Number("C4"), book.Number("D4"), book.Number("E4"), book.Number("F4"), book.Text("G4")));
        Assert.Equal((9m, 3m, 1m, 6m, "ja"), (book.Number("C5"), book.Number("D5"), book.Number("E5"), book.Number("F5"), book.Text("G5")));
        Assert.Equal((18m, 9m, 0.75m, 6m, "ja", "ja"), (book.Number("C6"), book.Number("D6"), book.Number("E6"), book.Number("F6"), book.Text("G6"), book.Text("H6")));
    }
}

/// <summary>
/// interchange.md, report: a pathway counts as completed "whether or not the catalogue knows a standard time for it".
/// On the demo data (which has pathways without a standard) `forlop report` and `forlop indicator completed` give the
/// same completed pathways for every period of the year, per pathway and in total.
/// </summary>
public class ReportAgreesWithIndicatorCompletedTests
{
    private static IEnumerable<string> PeriodsOf(int year)
    {
        var y = year.ToString(CultureInfo.InvariantCulture);
        yield return y;
        for (var t = 1; t <= 3; t++)
        {
            yield return $"{y}-T{t}";
        }
        for (var q = 1; q <= 4; q++)
        {
            yield return $"{y}-Q{q}";
        }
        for (var m = 1; m <= 12; m++)
        {
            yield return $"{y}-{m:00}";
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Demo_EveryPeriod_ReportAndIndicatorCompletedAgree(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var demo = await Cli.RunAsync("demo", "--db", db, "--year", "2024", "--pathways", "3000");
        Assert.True(demo.ExitCode == 0, demo.Output + demo.Error);
        var withoutStandard = 0;

        foreach (var period in PeriodsOf(2024))
        {
            var report = await Cli.RunAsync("report", "--db", db, "--period", period, "--format", "csv");
            var indicator = await Cli.RunAsync("indicator", "completed", "--db", db, "--period", period, "--format", "csv");
            Assert.True(report.ExitCode == 0 && indicator.ExitCode == 0, report.Error + indicator.Error);

            // report: pathway,completed,within_standard,share_within_pct,without_standard; indicator: pathway,level,organisation,count.
            var reported = report.OutputLines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c[1], StringComparer.Ordinal);
            var counted = indicator.OutputLines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c[3], StringComparer.Ordinal);
            Assert.True(counted.OrderBy(kv => kv.Key, StringComparer.Ordinal).SequenceEqual(reported.OrderBy(kv => kv.Key, StringComparer.Ordinal)),
                $"{period}: report {string.Join(" ", reported)} / indicator completed {string.Join(" ", counted)}");
            withoutStandard += int.Parse(report.OutputLines[^1].Split(',')[4], CultureInfo.InvariantCulture);
        }
        // The demo has completed pathways whose standard is not known, so the agreement is not a coincidence.
        Assert.True(withoutStandard > 0, "the demo data has no completed pathway without a standard");
    }
}
