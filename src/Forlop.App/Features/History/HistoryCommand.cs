using System.CommandLine;
using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.Domain.AccessLog;
using Forlop.App.Hosting;
using Forlop.Domain.Patients;
using Microsoft.EntityFrameworkCore;
using Forlop.Domain;

namespace Forlop.App.Features.History;

/// <summary>
/// <c>forlop history PATIENT</c>: every row registered for a patient, oldest first — what was sent, by whom and
/// when, and what each correction or withdrawal replaced. Rows are never changed, so this is the whole story.
/// </summary>
public static class HistoryCommand
{
    public static Command Create()
    {
        var patient = new Argument<string>("PATIENT") { Description = "the patient's national identity number" };
        var command = new Command("history", "Show the full event history of a patient, corrections and withdrawals included") { patient };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (!NationalIdentityNumber.TryParse(parse.GetValue(patient), out var nin, out var error))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"PATIENT {error}");
                return 1;
            }
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var lines = await LinesAsync(store.Db, nin, ct);
            if (lines.Count > 0)
            {
                // Reading a patient's history is an access to person data, logged like any other.
                await AccessLogger.AppendAsync(store.Db, new AccessEntry(store.Clock.GetCurrentInstant(), "cli:" + Environment.UserName,
                    "administrator", "-", nin.Value, AccessKind.Read, "forlop history", "command line"), ct);
            }
            if (lines.Count == 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"no events are registered for {nin.Masked}");
                return 1;
            }
            foreach (var line in lines)
            {
                await output.WriteLineAsync(line);
            }
            return 0;
        });
        return command;
    }

    public static async Task<IReadOnlyList<string>> LinesAsync(RegistryDb db, NationalIdentityNumber patient, CancellationToken ct)
    {
        var id = await db.Patients.Where(p => p.NationalId == patient.Value).Select(p => (long?)p.Id).SingleOrDefaultAsync(ct);
        if (id is null)
        {
            return [];
        }
        var rows = await db.Events.AsNoTracking().Where(e => e.PatientId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Id);
        var replacedBy = rows.Where(r => r.ReplacesId is not null).ToDictionary(r => r.ReplacesId!.Value);
        var lines = new List<string> { "recorded_at (UTC)    recorded_by         organisation record_id  what" };
        foreach (var r in rows)
        {
            var what = r.IsWithdrawal
                ? $"withdraws {byId.GetValueOrDefault(r.ReplacesId!.Value)?.RecordId}"
                : $"{r.Code} {(r.Date is { } day ? IsoDate.Text(NodaTime.LocalDate.FromDateOnly(day)) : "")}{(r.Time is { } t ? " " + t.ToString("HH:mm", CultureInfo.InvariantCulture) : "")}{(r.Outcome is null ? "" : " outcome " + r.Outcome)}"
                  + (r.ReplacesId is { } replaced ? $" (corrects {byId.GetValueOrDefault(replaced)?.RecordId})" : "");
            var status = replacedBy.TryGetValue(r.Id, out var successor) ? (successor.IsWithdrawal ? $" [withdrawn by {successor.RecordId}]" : $" [corrected by {successor.RecordId}]") : "";
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{r.RecordedAt:yyyy-MM-dd HH:mm:ss}  {r.RecordedBy,-18}  {r.Organisation,-12} {r.RecordId,-10} {what}{status}"));
        }
        return lines;
    }
}
