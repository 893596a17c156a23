using System.CommandLine;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Episodes;
using Forlop.App.Features.Import;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.Patients;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.RecommendedActions;

/// <summary>
/// <c>forlop import-actions [--db DB] FILE</c>: recommended actions done (or undone) as a hospital system sends them, a
/// separate file beside the events file (interchange.md, "The recommended-actions file"). CSV (RFC 4180, UTF-8) with the
/// columns <c>patient_id,organisation,pathway,action,date</c> and an optional <c>done</c> (<c>true</c>, the default,
/// or <c>false</c>). Each row goes through <see cref="RecordRecommendedAction"/> in the name of the sending organisation's
/// HF, so it is checked and logged as the API's. Exit 0 when every row was stored, 2 when some were rejected, 1 when the
/// file could not be read.
/// </summary>
public static class ImportActionsCommand
{
    public static readonly string[] Required = ["patient_id", "organisation", "pathway", "action", "date"];
    public static readonly string[] Optional = ["done"];

    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV with the columns patient_id,organisation,pathway,action,date[,done]" };
        var command = new Command("import-actions", "Import recommended actions done per patient (catalog/recommended-actions/)") { file };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var summary = await ImportAsync(store, parse.GetValue(file)!.FullName, ct);
            return await summary.PrintAsync(parse.InvocationConfiguration.Output, FormattableString.Invariant($"{summary.Stored} stored"));
        });
        return command;
    }

    public static async Task<SideFileSummary> ImportAsync(RegistryStore store, string path, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        List<(int Line, Dictionary<string, string> Fields)> rows;
        try
        {
            rows = SideFile.Read(path, Required, Optional, $"{string.Join(",", Required)} and optionally done");
        }
        catch (Exception e) when (SideFile.IsUnreadable(e))
        {
            return new SideFileSummary(name, 0, [], e.Message);
        }
        var rejected = new List<RejectedSideRow>();
        var stored = 0;
        await using var log = new AccessLogWriter(store.Target);
        foreach (var (line, fields) in rows)
        {
            var organisation = fields["organisation"].Trim();
            if (store.Organisations.HfOf(organisation) is not { } hf)
            {
                rejected.Add(new RejectedSideRow(line, "organisation", $"'{organisation}' is not a known organisation"));
                continue;
            }
            if (!NationalIdentityNumber.TryParse(fields["patient_id"].Trim(), out var patient, out var error))
            {
                rejected.Add(new RejectedSideRow(line, "patient_id", error ?? "not an identity number"));
                continue;
            }
            if (IsoDate.Parse(fields["date"].Trim()) is not { } day)
            {
                rejected.Add(new RejectedSideRow(line, "date", $"'{fields["date"]}' is not a date (YYYY-MM-DD)"));
                continue;
            }
            var doneText = fields.GetValueOrDefault("done")?.Trim() ?? "";
            if (doneText is not ("" or "true" or "false"))
            {
                rejected.Add(new RejectedSideRow(line, "done", $"'{doneText}' is not true or false"));
                continue;
            }
            var pathway = fields["pathway"].Trim();
            var date = day.ToDateOnly();
            // The patient's episode of the pathway at the organisation's HF that had started by the day the action was done.
            var episode = await (from e in store.Db.Episodes.AsNoTracking()
                                 join p in store.Db.Patients on e.PatientId equals p.Id
                                 where p.NationalId == patient.Value && e.Pathway == pathway && e.Hf == hf.Code && e.StartDate <= date
                                 orderby e.StartDate descending
                                 select (long?)e.Id).FirstOrDefaultAsync(ct);
            if (episode is not { } id)
            {
                rejected.Add(new RejectedSideRow(line, "pathway", $"the patient has no {pathway} episode at {hf.Code} started by {IsoDate.Text(day)}"));
                continue;
            }
            // The sending system's rights: its organisation, as a token of that organisation would have.
            var caller = new Caller(new Actor("import:" + name, "import " + name, Role.HospitalSystem, hf.Code,
                string.Equals(organisation, hf.Code, StringComparison.Ordinal) ? [] : [organisation]), "localhost");
            switch (await RecordRecommendedAction.RunAsync(store.Db, store.Actions, store.Organisations, log, store.Clock, caller, id, fields["action"].Trim(),
                        new RecommendedActionForm(doneText != "false", IsoDate.Text(day)), ct))
            {
                case EpisodeChange<EpisodeActionView>.Recorded:
                    stored++;
                    break;
                case EpisodeChange<EpisodeActionView>.Invalid invalid:
                    rejected.Add(new RejectedSideRow(line, invalid.Field, invalid.Reason.En));
                    break;
                case EpisodeChange<EpisodeActionView>.NotAllowed notAllowed:
                    rejected.Add(new RejectedSideRow(line, "organisation", notAllowed.Reason.En));
                    break;
                default:
                    rejected.Add(new RejectedSideRow(line, "organisation", $"the {pathway} episode was not registered by {organisation}"));
                    break;
            }
        }
        return new SideFileSummary(name, stored, rejected, null);
    }
}
