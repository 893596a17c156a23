using System.CommandLine;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using Forlop.Domain.Access;
using Forlop.Domain.Reporting;

namespace Forlop.App.Features.Delivery;

/// <summary>
/// <c>forlop deliver --month YYYY-MM --rhf CODE|--hf CODE --out FILE.csv|FILE.parquet [--as USER]</c>: the monthly
/// patient-level delivery of an HF's or an RHF's pathways (<see cref="MonthlyDelivery"/>). Whoever runs it holds the
/// database and receives as a national analyst; <c>--as</c> names the account it is delivered to, whose scope then
/// decides, and whose name the access log keeps.
/// </summary>
public static class DeliverCommand
{
    public static Command Create()
    {
        var month = new Option<string>("--month") { Description = "YYYY-MM", Required = true };
        var hf = new Option<string?>("--hf") { Description = "the HF whose pathways are delivered, e.g. OUS" };
        var rhf = new Option<string?>("--rhf") { Description = "the RHF whose HFs' pathways are delivered, e.g. HSO" };
        var output = new Option<FileInfo>("--out") { Description = "the file to write: .csv or .parquet", Required = true };
        var receiver = new Option<string?>("--as") { Description = "the user the delivery is for (an active account); the command refuses what that user may not receive" };
        var command = new Command("deliver", "Write a month's patient-level delivery of an HF's or RHF's pathways (CSV or Parquet); a locked month as published")
        {
            month, hf, rhf, output, receiver,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = parse.InvocationConfiguration.Error;
            if (!ReportingPeriod.TryParse(parse.GetValue(month), out var period, out var error) || period.Text.Length != "YYYY-MM".Length)
            {
                await errors.WriteLineAsync(error.Length > 0 ? error : "--month is a month: YYYY-MM");
                return 1;
            }
            var organisation = parse.GetValue(hf);
            var region = parse.GetValue(rhf);
            if ((organisation is null) == (region is null))
            {
                await errors.WriteLineAsync("name the receiver with one of --hf CODE or --rhf CODE");
                return 1;
            }
            var file = parse.GetValue(output)!;
            var format = file.Extension.ToLowerInvariant();
            if (format is not (".csv" or ".parquet"))
            {
                await errors.WriteLineAsync($"'{file.Name}' must end in .csv or .parquet");
                return 1;
            }
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var actor = new Actor("cli:" + Environment.UserName, "Kommandolinjen", Role.NationalAnalyst, "", []);
            if (parse.GetValue(receiver) is { } userName)
            {
                if (await LocalAccounts.FindAsync(store.Db, userName.Trim(), ct) is not { } user)
                {
                    await errors.WriteLineAsync($"there is no active user '{userName.Trim()}'");
                    return 1;
                }
                actor = user;
            }
            var delivery = new MonthlyDelivery(store.Db, store.Catalogue, store.Organisations, store.Clock);
            var outcome = await delivery.DeliverAsync(actor, "command line", period, (organisation ?? region)!.Trim(), ct);
            if (outcome is not Outcome<DeliveryFile>.Ready ready)
            {
                await errors.WriteLineAsync(outcome.Reason);
                return outcome.ExitCode();
            }
            var bytes = format == ".csv" ? DeliveryFiles.ToCsv(ready.Value) : await DeliveryFiles.ToParquetAsync(ready.Value, ct);
            file.Directory?.Create();
            await File.WriteAllBytesAsync(file.FullName, bytes, ct);
            var state = ready.Value.Publication == MonthlyDelivery.Unlocked
                ? "the registry as it is (the month is not locked: provisional)"
                : $"publication {ready.Value.Publication} (registry version {ready.Value.RegistryVersion})";
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{file.FullName}: {ready.Value.Rows.Count} pathways of {period.Text} for {ready.Value.Receiver}, from {state}");
            return 0;
        });
        return command;
    }
}
