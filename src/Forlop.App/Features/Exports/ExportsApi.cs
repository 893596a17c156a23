using Forlop.Domain;
using Forlop.App.Hosting;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Forlop.App.Features.Exports;

/// <summary>
/// Exports as file downloads. The public table (suppressed) is open to anyone. The unsuppressed table and the
/// monthly report need a signed-in user with a role that sees figures (<see cref="AccountsSetup.FiguresPolicy"/>:
/// 401 without sign-in, 403 for other roles), and then <see cref="IndicatorExports"/> refuses (403) the figures of
/// an organisation the user may not see.
/// </summary>
public static class ExportsApi
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/exports").WithTags("Exports");
        group.MapGet("/completed-within-standard", CompletedWithinStandardAsync)
            .RequireAuthorization(AccountsSetup.FiguresPolicy)
            .WithName("ExportCompletedWithinStandard")
            .WithSummary("Share completed within the standard, unsuppressed, as CSV or Excel: for actors who may see the organisation's figures")
            .Produces<Stream>(StatusCodes.Status200OK, CsvExport.ContentType, XlsxExport.ContentType, MonthlyReportPdf.ContentType)
            .Produces(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/public/completed-within-standard", PublicCompletedWithinStandardAsync)
            .WithName("ExportPublicCompletedWithinStandard")
            .WithSummary("Share completed within the standard, public and suppressed, as CSV or Excel")
            .Produces<Stream>(StatusCodes.Status200OK, CsvExport.ContentType, XlsxExport.ContentType, MonthlyReportPdf.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/monthly-report", MonthlyReportAsync)
            .RequireAuthorization(AccountsSetup.FiguresPolicy)
            .WithName("ExportMonthlyReport")
            .WithSummary("An HF's monthly report as PDF, Excel or CSV for a Norwegian Excel (format=pdf|xlsx|csv-nb): for actors who may see the HF's figures")
            .Produces<Stream>(StatusCodes.Status200OK, MonthlyReportPdf.ContentType, XlsxExport.ContentType, CsvExport.ContentType)
            .Produces(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, UnauthorizedHttpResult, ProblemHttpResult>> CompletedWithinStandardAsync(
        string period, string? by, string? organisation, string? format,
        RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, IndicatorCatalogue indicators, IClock clock, HttpContext http, CancellationToken ct)
    {
        if (ActorClaims.FromPrincipal(http.User) is not { } actor)
        {
            return TypedResults.Unauthorized();
        }
        var (reportingPeriod, breakdown, fileFormat, problem) = Request(period, by, format);
        if (problem is not null)
        {
            return BadRequest(problem);
        }
        var exports = new IndicatorExports(db, catalogue, organisations, indicators);
        var outcome = await exports.CompletedWithinStandardAsync(actor, reportingPeriod!, breakdown, organisation, ct);
        if (outcome is not Outcome<ExportTable>.Ready { Value: var table })
        {
            return outcome.Problem();
        }
        // Figures for one actor: not for shared caches.
        http.Response.Headers.CacheControl = "private, no-store";
        var name = $"completed-within-standard_{reportingPeriod!.Text}_{breakdown.ToString().ToLowerInvariant()}{(organisation is null ? "" : "_" + organisation)}";
        return FileOf(table, fileFormat, name, Today(clock));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PublicCompletedWithinStandardAsync(
        string period, string? by, int? minCount, string? format,
        RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, IndicatorCatalogue indicators, IClock clock, HttpContext http, CancellationToken ct)
    {
        var (reportingPeriod, breakdown, fileFormat, problem) = Request(period, by, format);
        if (problem is not null)
        {
            return BadRequest(problem);
        }
        // The public may ask for more suppression, never for less than NPR's.
        var threshold = Math.Max(minCount ?? SmallNumberSuppression.DefaultThreshold, SmallNumberSuppression.DefaultThreshold);
        var exports = new IndicatorExports(db, catalogue, organisations, indicators);
        var table = await exports.PublicCompletedWithinStandardAsync(reportingPeriod!, breakdown, threshold, ct);
        http.Response.Headers.CacheControl = "public, max-age=60";
        return FileOf(table, fileFormat, $"completed-within-standard_{reportingPeriod!.Text}_{breakdown.ToString().ToLowerInvariant()}_public", Today(clock));
    }

    private static async Task<Results<FileContentHttpResult, UnauthorizedHttpResult, ProblemHttpResult>> MonthlyReportAsync(
        string hf, string month, string? format, RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, IndicatorCatalogue indicators, IClock clock, HttpContext http, CancellationToken ct)
    {
        if (ActorClaims.FromPrincipal(http.User) is not { } actor)
        {
            return TypedResults.Unauthorized();
        }
        if (!ReportingPeriod.TryParse(month, out var reportMonth, out var error))
        {
            return BadRequest(error);
        }
        var fileFormat = format ?? "pdf";
        if (!MonthlyReportFormats.Contains(fileFormat, StringComparer.Ordinal))
        {
            return BadRequest($"'{format}' is not one of: {string.Join(", ", MonthlyReportFormats)}");
        }
        var exports = new IndicatorExports(db, catalogue, organisations, indicators);
        var today = clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;
        switch (await exports.MonthlyReportAsync(actor, hf, reportMonth, today, printed: fileFormat == "pdf", ct))
        {
            case Outcome<MonthlyReport>.Ready ready:
                http.Response.Headers.CacheControl = "private, no-store";
                var name = $"monthly-report_{hf}_{reportMonth.Text}";
                return fileFormat switch
                {
                    "xlsx" => TypedResults.File(XlsxExport.ToBytes(ready.Value.Tables), XlsxExport.ContentType, name + ".xlsx"),
                    "csv-nb" => TypedResults.File(CsvExport.ToNorwegianExcelBytes(ready.Value.Tables), CsvExport.ContentType, name + "_excel.csv"),
                    _ => TypedResults.File(MonthlyReportPdf.ToBytes(ready.Value), MonthlyReportPdf.ContentType, name + ".pdf"),
                };
            case var refused:
                return refused.Problem();
        }
    }

    /// <summary>
    /// The monthly report's files: <c>pdf</c> (the default: tables and charts), <c>xlsx</c> (a sheet per table) and
    /// <c>csv-nb</c> (both tables in one file for a Norwegian Excel). No technical CSV: two tables are not one CSV.
    /// </summary>
    public static readonly string[] MonthlyReportFormats = ["pdf", "xlsx", "csv-nb"];

    private static (ReportingPeriod? Period, ReportBreakdown By, string Format, string? Problem) Request(string period, string? by, string? format)
    {
        if (!ReportingPeriod.TryParse(period, out var reportingPeriod, out var error))
        {
            return (null, default, "", error);
        }
        if (!EnumNames.TryParse<ReportBreakdown>(by ?? "pathway", out var breakdown))
        {
            return (null, default, "", $"'{by}' is not one of: pathway, hf, rhf");
        }
        var fileFormat = format ?? "csv";
        if (!Formats.Contains(fileFormat, StringComparer.Ordinal))
        {
            return (null, default, "", $"'{format}' is not one of: {string.Join(", ", Formats)}");
        }
        return (reportingPeriod, breakdown, fileFormat, null);
    }

    /// <summary>
    /// The formats of a table: <c>csv</c> the technical file (commas, decimal points, machine headings; the contract's),
    /// <c>csv-nb</c> the same figures for a Norwegian Excel (semicolons, decimal commas, Norwegian headings),
    /// <c>xlsx</c> and <c>pdf</c> for people.
    /// </summary>
    public static readonly string[] Formats = ["csv", "csv-nb", "xlsx", "pdf"];

    /// <summary>A table as the file of one of <see cref="Formats"/>, named <paramref name="name"/> and its extension; every export route answers through it.</summary>
    public static FileContentHttpResult FileOf(ExportTable table, string format, string name, LocalDate today) => format switch
    {
        "xlsx" => TypedResults.File(XlsxExport.ToBytes(table), XlsxExport.ContentType, name + ".xlsx"),
        "pdf" => TypedResults.File(TablePdf.ToBytes(table, today), MonthlyReportPdf.ContentType, name + ".pdf"),
        "csv-nb" => TypedResults.File(CsvExport.ToNorwegianExcelBytes(table), CsvExport.ContentType, name + "_excel.csv"),
        _ => TypedResults.File(CsvExport.ToBytes(table), CsvExport.ContentType, name + ".csv"),
    };

    private static LocalDate Today(IClock clock) => clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
}
