using System.Net;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Exports;
using Forlop.App.Features.Serve;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Access;
using Microsoft.AspNetCore.Builder;
using NodaTime;
using UglyToad.PdfPig;

namespace Forlop.App.Tests.Features.Exports;

/// <summary>
/// The export routes over HTTP on <see cref="ExportScenario"/>, signed in through the login form: files with their
/// types and names, 401 without sign-in, 403 for a role without figures or another HF's figures.
/// </summary>
public class ExportsApiTests
{
    /// <summary>The clinical lead of Helse Førde; the demo users (a clinical lead at OUS, an administrator …) are there too.</summary>
    private const string FordeLead = "leder-forde";

    private static async Task<(WebApplication App, HttpClient Anonymous)> StartAsync(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await ExportScenario.DatabaseAsync(kind);
        await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct))
        {
            await LocalAccounts.AddDemoUsersAsync(store.Db, DateTime.UtcNow, ct);
            await LocalAccounts.AddAsync(store.Db, new Actor(FordeLead, "Frida Førde", Role.ClinicalLead, "FORDE", []), LocalAccounts.DemoPassword, DateTime.UtcNow, ct);
        }
        var app = await WebHost.BuildAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), "http://127.0.0.1:0");
        await app.StartAsync(ct);
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    private static Task<HttpClient> SignedInAsync(WebApplication app, string userName) => SignIn.AsAsync(new Uri(app.Urls.First()), userName);

    private static Uri Route(string path) => new(path, UriKind.Relative);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task PublicCsv_IsOpen_SuppressedAndNamedAsAFile(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await StartAsync(kind);
        await using (app)
        using (client)
        {
            var response = await client.GetAsync(Route("/api/v1/exports/public/completed-within-standard?period=2016-09&by=hf"), ct);
            var rows = CsvExportTests.ReadBack(await response.Content.ReadAsByteArrayAsync(ct));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Equal("completed-within-standard_2016-09_hf_public.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition.DispositionType);
            // FORDE's A37 (1 of 1) is below 3: hidden, and so are the figures that would give it away.
            var a37 = rows.Single(r => r[0] == "A37");
            Assert.Equal(["FORDE", "Helse Førde HF", "", "", "", "0", "nei", "ja", ""], a37[2..]);
            // Header, A12 at FORDE and at OUS, A37 at FORDE, the total.
            Assert.Equal(5, rows.Count);
        }
    }

    [Fact]
    public async Task PublicCsvForNorwegianExcel_HasSemicolonsDecimalCommasAndNorwegianHeadings_WhileTheTechnicalCsvStaysAsItWas()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await StartAsync(DatabaseKind.Sqlite);
        await using (app)
        using (client)
        {
            var people = await client.GetAsync(Route("/api/v1/exports/public/completed-within-standard?period=2016-09&format=csv-nb"), ct);
            var technical = await client.GetAsync(Route("/api/v1/exports/public/completed-within-standard?period=2016-09"), ct);
            var peopleRows = CsvExportTests.ReadBack(await people.Content.ReadAsByteArrayAsync(ct), ";");
            var technicalRows = CsvExportTests.ReadBack(await technical.Content.ReadAsByteArrayAsync(ct));

            Assert.Equal(HttpStatusCode.OK, people.StatusCode);
            Assert.Equal("completed-within-standard_2016-09_pathway_public_excel.csv", people.Content.Headers.ContentDisposition!.FileNameStar);
            Assert.Equal(["Pakkeforløp", "Navn", "Gjennomført", "Innenfor standard", "Andel innenfor standard", "Uten standard", "Uverifisert", "Foreløpig", "Publisering"], peopleRows[0]);
            // The technical columns, with the counting's additions after them (issue 10: without_standard, unverified, provisional).
            Assert.Equal(["pathway", "pathway_name", "completed", "within_standard", "share_within_pct", "without_standard", "unverified", "provisional", "publication"], technicalRows[0]);
            // The same figures row for row: a decimal comma for the point, the mark of a hidden figure for an empty field.
            Assert.Equal(technicalRows.Count, peopleRows.Count);
            // The publication (empty: the month is not locked) is text, not a figure: it stays as it is.
            Assert.Equal(technicalRows.Skip(1).Select(r => r.Select((f, i) => f.Length == 0 && i < r.Length - 1 ? "–" : f.Replace('.', ','))), peopleRows.Skip(1));
        }
    }

    [Fact]
    public async Task PublicPdf_IsAPdfOfTheSameTable()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await StartAsync(DatabaseKind.Sqlite);
        await using (app)
        using (client)
        {
            var response = await client.GetAsync(Route("/api/v1/exports/public/completed-within-standard?period=2016-09&format=pdf"), ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(ct));
            var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Alle pakkeforløp", text, StringComparison.Ordinal);
            // On paper the headings are short (the title says what the share is of), as on the monthly report.
            Assert.Contains("Innenfor Andel Uten standard", text, StringComparison.Ordinal);
            // Every column keeps its heading and the names their words: nothing cut short with "…".
            Assert.DoesNotContain("…", text, StringComparison.Ordinal);
            Assert.Contains("skjult for å verne personvernet", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownFormat_IsRefusedNamingTheFormats()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await StartAsync(DatabaseKind.Sqlite);
        await using (app)
        using (client)
        {
            var response = await client.GetAsync(Route("/api/v1/exports/public/completed-within-standard?period=2016-09&format=ods"), ct);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("csv, csv-nb, xlsx, pdf", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PublicXlsx_HasTheSpreadsheetContentTypeAndTypedCells()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await StartAsync(DatabaseKind.Sqlite);
        await using (app)
        using (client)
        {
            var response = await client.GetAsync(Route("/api/v1/exports/public/completed-within-standard?period=2016-09&format=xlsx"), ct);

            Assert.Equal(XlsxExport.ContentType, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("completed-within-standard_2016-09_pathway_public.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
            using var book = new Workbook(await response.Content.ReadAsByteArrayAsync(ct));
            // September: A12 4 completed (FORDE 3, OUS 1), 2 within; A37 1 of 1; all 5, 3. A37's 1 is hidden, and
            // A12's 4 with it (else 5 − 4 gives it away); 2 breaches hide the within counts. The total's 5 stays, a number.
            Assert.Equal(["A12", "A37", "ALL"], new[] { "A4", "A5", "A6" }.Select(book.Text));
            Assert.Equal(["–", "–", "–", "–"], new[] { "C4", "D4", "C5", "D5" }.Select(book.Text));
            Assert.Equal(5m, book.Number("C6"));
            Assert.Equal("–", book.Text("D6"));
            Assert.Equal("– : skjult for å verne personvernet (tall fra 1 til 2, og tall de kan regnes ut fra). " + IndicatorExports.TargetNote + " "
                + IndicatorExports.WithoutStandardNote + " " + IndicatorExports.ProvisionalNote, book.Text("A8"));
        }
    }

    [Theory]
    [InlineData("/api/v1/exports/completed-within-standard?period=2016-09&by=hf&organisation=FORDE")]
    [InlineData("/api/v1/exports/monthly-report?hf=FORDE&month=2016-09")]
    public async Task UnsuppressedExports_Anonymous_Are401(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await StartAsync(DatabaseKind.Sqlite);
        await using (app)
        using (client)
        {
            var response = await client.GetAsync(Route(path), ct);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Theory]
    // Another HF's table, the whole country's, another HF's report.
    [InlineData("/api/v1/exports/completed-within-standard?period=2016-09&by=hf&organisation=OUS")]
    [InlineData("/api/v1/exports/completed-within-standard?period=2016-09&by=hf")]
    [InlineData("/api/v1/exports/monthly-report?hf=OUS&month=2016-09")]
    // The report's spreadsheet files follow the PDF's rule.
    [InlineData("/api/v1/exports/monthly-report?hf=OUS&month=2016-09&format=xlsx")]
    [InlineData("/api/v1/exports/monthly-report?hf=OUS&month=2016-09&format=csv-nb")]
    public async Task UnsuppressedExports_OfAnotherHf_Are403ForAClinicalLead(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, anonymous) = await StartAsync(DatabaseKind.Sqlite);
        await using (app)
        using (anonymous)
        using (var lead = await SignedInAsync(app, FordeLead))
        {
            var response = await lead.GetAsync(Route(path), ct);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task UnsuppressedExports_ForAnAdministrator_Are403WhateverTheHf()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, anonymous) = await StartAsync(DatabaseKind.Sqlite);
        await using (app)
        using (anonymous)
        using (var admin = await SignedInAsync(app, "admin"))
        {
            var table = await admin.GetAsync(Route("/api/v1/exports/completed-within-standard?period=2016-09&by=hf&organisation=FORDE"), ct);
            var report = await admin.GetAsync(Route("/api/v1/exports/monthly-report?hf=FORDE&month=2016-09"), ct);

            Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (table.StatusCode, report.StatusCode));
        }
    }

    [Fact]
    public async Task UnsuppressedCsv_OfHerOwnHf_HasTheSmallCountsAndIsNotCached()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, anonymous) = await StartAsync(DatabaseKind.Sqlite);
        await using (app)
        using (anonymous)
        using (var lead = await SignedInAsync(app, FordeLead))
        {
            var response = await lead.GetAsync(Route("/api/v1/exports/completed-within-standard?period=2016-09&by=hf&organisation=FORDE"), ct);
            var rows = CsvExportTests.ReadBack(await response.Content.ReadAsByteArrayAsync(ct));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("completed-within-standard_2016-09_hf_FORDE.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
            Assert.Equal(["A37", "FORDE", "1", "1", "100.0"], [rows[2][0], rows[2][2], rows[2][4], rows[2][5], rows[2][6]]);
            Assert.True(response.Headers.CacheControl!.NoStore);
            Assert.True(response.Headers.CacheControl.Private);
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task MonthlyReport_OfHerOwnHf_IsAPdfWithTheHfAndMonth(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, anonymous) = await StartAsync(kind);
        await using (app)
        using (anonymous)
        using (var lead = await SignedInAsync(app, FordeLead))
        {
            var response = await lead.GetAsync(Route("/api/v1/exports/monthly-report?hf=FORDE&month=2016-09"), ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("monthly-report_FORDE_2016-09.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
            using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(ct));
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            Assert.Contains("Helse Førde HF", text, StringComparison.Ordinal);
            Assert.Contains("september 2016", text, StringComparison.Ordinal);
            Assert.Contains("66,7 %", text, StringComparison.Ordinal);
            Assert.NotEmpty(pdf.GetPage(1).GetImages());
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task MonthlyReport_AsExcel_HasASheetPerTable_WithTheMonthsFiguresAsNumbers(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, anonymous) = await StartAsync(kind);
        await using (app)
        using (anonymous)
        using (var lead = await SignedInAsync(app, FordeLead))
        {
            var response = await lead.GetAsync(Route("/api/v1/exports/monthly-report?hf=FORDE&month=2016-09&format=xlsx"), ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(XlsxExport.ContentType, response.Content.Headers.ContentType!.ToString());
            Assert.Equal("monthly-report_FORDE_2016-09.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
            Assert.True(response.Headers.CacheControl!.NoStore);
            using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync(ct)), false);
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document, ct);
            Assert.Empty(errors.Select(e => e.Description));
            var workbook = document.WorkbookPart!;
            var sheets = workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
            Assert.Equal(["Andel pakkeforløp gjennomført", "Utvikling siste tolv måneder"], sheets.Select(x => x.Name!.Value));
            string Text(int sheet, string reference) => ((DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(sheets[sheet].Id!)).Worksheet
                .Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference == reference).InnerText;
            // The month's table: the HF and month under the title, the flag columns of a spreadsheet; the trend: twelve months.
            Assert.Equal("Helse Førde HF (FORDE) · september 2016", Text(0, "A2"));
            Assert.Equal("Uverifisert", Text(0, "G3"));
            Assert.Equal("september 2016", Text(1, "A15"));
            Assert.Equal("4", Text(1, "B15"));
        }
    }

    [Fact]
    public async Task MonthlyReport_AsCsvForNorwegianExcel_HoldsBothTablesWithSemicolonsAndDecimalCommas_AndNoTechnicalCsv()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, anonymous) = await StartAsync(DatabaseKind.Sqlite);
        await using (app)
        using (anonymous)
        using (var lead = await SignedInAsync(app, FordeLead))
        {
            var response = await lead.GetAsync(Route("/api/v1/exports/monthly-report?hf=FORDE&month=2016-09&format=csv-nb"), ct);
            var technical = await lead.GetAsync(Route("/api/v1/exports/monthly-report?hf=FORDE&month=2016-09&format=csv"), ct);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("monthly-report_FORDE_2016-09_excel.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
            Assert.Equal("Andel pakkeforløp gjennomført innenfor standard forløpstid", lines[0]);
            Assert.Equal("Pakkeforløp;Navn;Gjennomført;Innenfor standard;Andel innenfor standard;Uten standard;Uverifisert;Foreløpig;Publisering", lines[1]);
            Assert.Contains(lines, l => l.StartsWith("A12;", StringComparison.Ordinal) && l.Contains(";3;2;66,7;", StringComparison.Ordinal));
            var trend = Array.IndexOf(lines, "Utvikling siste tolv måneder");
            Assert.True(trend > 2 && lines[trend - 1] == "", "the trend follows the month's table after an empty line");
            Assert.Equal("Måned;Gjennomført;Innenfor;Andel;Uten standard", lines[trend + 1]);
            Assert.Equal("september 2016;4;3;75,0;0", lines[trend + 13]);
            Assert.Equal(HttpStatusCode.BadRequest, technical.StatusCode);
        }
    }

    [Theory]
    // Not a period.
    [InlineData("/api/v1/exports/public/completed-within-standard?period=2016-T9")]
    // Not a format (pdf and csv-nb are).
    [InlineData("/api/v1/exports/public/completed-within-standard?period=2016-09&format=ods")]
    // Not a level.
    [InlineData("/api/v1/exports/public/completed-within-standard?period=2016-09&by=unit")]
    public async Task PublicExport_BadRequest_IsAProblemDetails400(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await StartAsync(DatabaseKind.Sqlite);
        await using (app)
        using (client)
        {
            var response = await client.GetAsync(Route(path), ct);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task OpenApi_DescribesTheThreeExportRoutes()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await StartAsync(DatabaseKind.Sqlite);
        await using (app)
        using (client)
        {
            var openApi = await client.GetStringAsync(Route("/openapi/v1.json"), ct);

            Assert.Contains("\"/api/v1/exports/completed-within-standard\"", openApi, StringComparison.Ordinal);
            Assert.Contains("\"/api/v1/exports/public/completed-within-standard\"", openApi, StringComparison.Ordinal);
            Assert.Contains("\"/api/v1/exports/monthly-report\"", openApi, StringComparison.Ordinal);
            Assert.Contains("application/pdf", openApi, StringComparison.Ordinal);
        }
    }
}
