using System.CommandLine;
using System.Globalization;
using Forlop.App.Hosting;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Patients;
using NodaTime.Text;

namespace Forlop.App.Features.AccessLog;

/// <summary>
/// <c>forlop access-log verify</c> checks every seal; <c>forlop access-log patient NIN</c> lists who looked at a
/// patient's record (Normen: patients may see who has read their data).
/// </summary>
public static class AccessLogCommand
{
    public static Command Create()
    {
        var verify = new Command("verify", "Check that no entry of the access log was changed, removed or reordered");
        verify.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var verification = await AccessLogger.VerifyAsync(store.Db, ct);
            if (!verification.Whole)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(FormattableString.Invariant($"the access log is broken at entry {verification.BrokenAt}: {verification.Problem}"));
                return 1;
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync(FormattableString.Invariant(
                $"the access log is whole: {verification.Entries} entries, sealed with the key in {store.Target.SealDirectory}"));
            return 0;
        });

        var nin = new Argument<string>("PATIENT") { Description = "the patient's national identity number" };
        var patient = new Command("patient", "List who read or changed a patient's data, for that patient") { nin };
        patient.SetAction(async (parse, ct) =>
        {
            if (!NationalIdentityNumber.TryParse(parse.GetValue(nin), out var number, out var error))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"PATIENT {error}");
                return 1;
            }
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            CatchUpLookup(store.Target);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync("at,user,role,organisation,kind,what,from");
            foreach (var e in await AccessLogger.ReadAsync(store.Db, number.Value, ct))
            {
                var a = e.Entry;
                await output.WriteLineAsync(string.Join(',', InstantPattern.ExtendedIso.Format(a.At), a.User, a.Role, a.Organisation,
                    a.Kind.Word(), a.What.Replace(',', ' '), a.From));
            }
            return 0;
        });
        return new Command("access-log", "The tamper-evident log of every access to person data") { verify, patient };
    }

    /// <summary>
    /// On SQLite, takes the lookup by patient up to the log's end first (decision 0034): on a registry no web host has
    /// kept it for, the log past the lookup's mark would otherwise be read without an index, all of it at first.
    /// </summary>
    private static void CatchUpLookup(Forlop.App.Data.DatabaseTarget target)
    {
        if (target.PatientLookup is not { } lookup)
        {
            return;
        }
        try
        {
            while (lookup.CatchUp(AccessLogPatientIndexer.StepSize) == AccessLogPatientIndexer.StepSize)
            {
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // A web host on the same file is catching up at this moment; what it has not taken is read from the log.
        }
    }
}
