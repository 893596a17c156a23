using System.Globalization;
using System.Text;
using CsvHelper;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Patients;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.AccessLog;

public sealed record AccessLogRow(long Sequence, DateTime At, string User, string Role, string Organisation, string Patient, string Kind, string What, string From);

public sealed record AccessLogPage(IReadOnlyList<AccessLogRow> Rows, int Total, int Page, int PageSize);

public sealed record AccessLogVerification(bool Whole, int Entries, long? BrokenAt, string? Problem);

/// <summary>
/// Administrators search the access log, check its seals, and export one patient's entries for that patient
/// (Normen: a patient may see who has read or changed their record). Searching the log shows identity numbers, so
/// it is itself logged for each patient it shows.
/// </summary>
public static class AccessLogApi
{
    public const int MaxPageSize = 500;

    public static void MapAccessLogApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/access-log").RequireAuthorization(AccountsSetup.AdministratorPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("", async (HttpContext context, RegistryDb db, AccessLogWriter log, IClock clock, CancellationToken ct, string? user, string? patient, DateOnly? from, DateOnly? to, int? page, int? pageSize) =>
                Results.Ok(await SearchAsync(db, log, Caller.Of(context)!, clock, user, patient, from, to, page ?? 1, pageSize ?? 100, ct)))
            .WithName("SearchAccessLog")
            .WithSummary("Entries of the access log by user, patient and date (Europe/Oslo), newest first");

        group.MapGet("/verification", async (RegistryDb db, CancellationToken ct) =>
            {
                var entries = await AccessLogger.ReadAsync(db, null, ct);
                var broken = AccessLogChain.Verify(entries);
                return Results.Ok(new AccessLogVerification(broken is null, entries.Count, broken?.Sequence, broken?.Problem));
            })
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

    public static async Task<AccessLogPage> SearchAsync(RegistryDb db, AccessLogWriter log, Caller caller, IClock clock, string? user, string? patient, DateOnly? from, DateOnly? to,
        int page, int pageSize, CancellationToken ct)
    {
        var query = db.AccessLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(user))
        {
            query = query.Where(e => e.User == user.Trim());
        }
        if (!string.IsNullOrWhiteSpace(patient))
        {
            query = query.Where(e => e.Patient == patient.Trim());
        }
        if (from is { } f)
        {
            var start = Start(f);
            query = query.Where(e => e.At >= start);
        }
        if (to is { } t)
        {
            var end = Start(t.AddDays(1));
            query = query.Where(e => e.At < end);
        }
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(1, page);
        var total = await query.CountAsync(ct);
        var rows = (await query.OrderByDescending(e => e.Sequence).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct))
            .Select(e => new AccessLogRow(e.Sequence, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.User, e.Role, e.Organisation, e.Patient, e.Kind, e.What, e.From))
            .ToList();
        var now = clock.GetCurrentInstant();
        await log.AppendAsync(rows.Select(r => r.Patient).Where(p => p.Length == 11).Distinct(StringComparer.Ordinal)
            .Select(p => caller.Entry(now, p, AccessKind.Read, "access-log search")).ToList(), ct);
        return new AccessLogPage(rows, total, page, pageSize);
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
                foreach (var field in new[] { NodaTime.Text.InstantPattern.ExtendedIso.Format(e.At), e.User, e.Role, e.Organisation, e.Kind == AccessKind.Read ? "read" : "change", e.What, e.From })
                {
                    csv.WriteField(field);
                }
                await csv.NextRecordAsync();
            }
        }
        return text.ToString();
    }

    private static DateTime Start(DateOnly day) => LocalDate.FromDateOnly(day).AtStartOfDayInZone(RegistryStore.Oslo).ToDateTimeUtc();
}
