using System.Globalization;
using System.Text;
using CsvHelper;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Patients;
using NodaTime;

namespace Forlop.App.Features.AccessLog;

/// <summary>
/// Administrators search the access log, check its seals, and export one patient's entries for that patient
/// (Normen: a patient may see who has read or changed their record). Searching the log shows identity numbers, so
/// it is itself logged for each patient it shows.
/// </summary>
public static class AccessLogApi
{
    public static void MapAccessLogApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/access-log").RequireAuthorization(AccountsSetup.AdministratorPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("", async (HttpContext context, RegistryDb db, AccessLogWriter log, IClock clock, CancellationToken ct,
                string? user, string? patient, string? organisation, DateOnly? from, DateOnly? to, int? page, int? pageSize) =>
                Results.Ok(await AccessLogSearch.RunAsync(db, log, Caller.Of(context)!, clock,
                    new AccessLogQuery(user, patient, organisation, from, to, page ?? 1, pageSize ?? AccessLogQuery.DefaultPageSize), ct)))
            .WithName("SearchAccessLog")
            .WithSummary("Entries of the access log by user, patient, the user's organisation and date (Europe/Oslo), newest first");

        group.MapGet("/verification", async (RegistryDb db, CancellationToken ct) => Results.Ok(await AccessLogSearch.VerifyAsync(db, ct)))
            .WithName("VerifyAccessLog")
            .WithSummary("Checks that no entry was changed, removed or reordered");

        group.MapGet("/patients/{nationalId}.csv", async (string nationalId, HttpContext context, RegistryDb db, AccessLogWriter log, IClock clock, CancellationToken ct) =>
            {
                if (!NationalIdentityNumber.TryParse(nationalId, out var nin, out var error))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["nationalId"] = [error!] });
                }
                var csv = await PatientCsvAsync(db, nin.Value, ct);
                await log.AppendAsync(Caller.Of(context)!.Entry(clock.GetCurrentInstant(), nin.Value, AccessKind.Read, "exported the patient's access log"), ct);
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"tilgangslogg-{nin.Masked}.csv");
            })
            .WithName("ExportPatientAccessLog")
            .WithSummary("One patient's entries as CSV, to hand to that patient");
    }

    public static async Task<string> PatientCsvAsync(RegistryDb db, string nationalId, CancellationToken ct)
    {
        var entries = await AccessLogger.ReadAsync(db, nationalId, ct);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "at", "user", "role", "organisation", "kind", "what", "from" })
            {
                csv.WriteField(header);
            }
            await csv.NextRecordAsync();
            foreach (var e in entries.Select(s => s.Entry))
            {
                foreach (var field in new[] { NodaTime.Text.InstantPattern.ExtendedIso.Format(e.At), e.User, e.Role, e.Organisation, e.Kind.Word(), e.What, e.From })
                {
                    csv.WriteField(field);
                }
                await csv.NextRecordAsync();
            }
        }
        return text.ToString();
    }
}
