using System.ComponentModel;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Exports;
using Forlop.App.Hosting;
using Forlop.Domain.Organisations;
using NodaTime;

namespace Forlop.App.Features.ImportFeedback;

/// <summary>The feedback of deliveries over HTTP (decision 0031): the same <see cref="ImportFeedbackQuery"/> the pages call. Sample calls: import-feedback.http.</summary>
public static class ImportFeedbackApi
{
    public static void MapImportFeedbackApi(this RouteGroupBuilder api)
    {
        var feedback = api.MapGroup("/import-feedback").WithTags("Import feedback");

        feedback.MapGet("/", async (HttpContext context, RegistryDb db, OrganisationDirectory organisations, CancellationToken ct,
                [Description("The HF (default: the caller's own)")] string? hf) =>
                await ImportFeedbackQuery.OverviewAsync(db, organisations, Caller.Of(context)!, hf, ct) switch
                {
                    Outcome<FeedbackOverview>.Ready { Value: var overview } => Results.Ok(overview),
                    var refused => refused.Problem(),
                })
            .WithName("ListImportFeedback")
            .WithSummary("The deliveries of the caller's HF (file imports, a day of REST registrations, FHIR Bundles) with their counts, and the lines per kind per month (no person data)")
            .Produces<FeedbackOverview>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        feedback.MapGet("/{id:long}", async (long id, HttpContext context, RegistryDb db, AccessLogWriter log, IClock clock, CancellationToken ct,
                [Description("error or warning; both when left out")] string? severity, int? page, int? pageSize) =>
                severity is not (null or "" or "error" or "warning")
                    ? Results.ValidationProblem(new Dictionary<string, string[]> { ["severity"] = [$"'{severity}' is not error or warning"] })
                    : await ImportFeedbackQuery.DocumentAsync(db, log, Caller.Of(context)!, id, severity, page ?? 1, pageSize ?? 100, clock, ct) switch
                    {
                        Outcome<FeedbackDocument>.Ready { Value: var document } => Results.Ok(document),
                        var refused => refused.Problem(),
                    })
            .WithName("GetImportFeedback")
            .WithSummary("A delivery's feedback document for the caller's HF, a page of lines at a time: errors (rejected, with the reason) and warnings (accepted but suspicious); each patient shown is logged")
            .Produces<FeedbackDocument>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        feedback.MapGet("/{id:long}/feedback.csv", async (long id, HttpContext context, RegistryDb db, AccessLogWriter log, IClock clock, CancellationToken ct) =>
            {
                if (await ImportFeedbackQuery.TableAsync(db, log, Caller.Of(context)!, id, clock, ct) is not Outcome<ExportTable>.Ready { Value: var table } )
                {
                    return (IResult)TypedResults.Problem($"there is no feedback {id} of your HF", statusCode: StatusCodes.Status404NotFound, title: "Not found");
                }
                // A file of patients: never kept by a browser's or a proxy's cache.
                context.Response.Headers.CacheControl = "private, no-store";
                return ExportsApi.FileOf(table, "csv-nb", ImportFeedbackQuery.FileName(id), clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date);
            })
            .WithName("ExportImportFeedback")
            .WithSummary("A delivery's whole feedback document as CSV for a Norwegian Excel (BOM, semicolons); each patient in it is logged once per file")
            .Produces<Stream>(StatusCodes.Status200OK, CsvExport.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
