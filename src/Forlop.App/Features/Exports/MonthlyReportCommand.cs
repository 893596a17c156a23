using System.CommandLine;
using Forlop.App.Hosting;
using Forlop.Domain.Reporting;

namespace Forlop.App.Features.Exports;

/// <summary><c>forlop monthly-report --hf HF --month YYYY-MM --out FILE.pdf</c>: an HF's monthly report with charts.</summary>
public static class MonthlyReportCommand
{
    public static Command Create()
    {
        var hf = FigureOptions.RequiredOrganisation("--hf", "the HF's code, e.g. OUS");
        var month = new Option<string>("--month") { Description = "YYYY-MM", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "the PDF file to write", Required = true };
        var command = new Command("monthly-report", "Write an HF's monthly report (PDF): share within the standard per pathway and the last twelve months")
        {
            hf, month, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = parse.InvocationConfiguration.Error;
            if (!ReportingPeriod.TryParse(parse.GetValue(month), out var reportMonth, out var error))
            {
                await errors.WriteLineAsync(error);
                return 1;
            }
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var exports = new IndicatorExports(store.Db, store.Catalogue, store.Organisations, store.Indicators);
            var outcome = await exports.MonthlyReportAsync(IndicatorExports.CommandLine, parse.GetValue(hf).Value, reportMonth, store.Today, ct);
            if (outcome is not Outcome<MonthlyReport>.Ready ready)
            {
                await errors.WriteLineAsync(outcome.Reason);
                return outcome.ExitCode();
            }
            var file = parse.GetValue(output)!;
            file.Directory?.Create();
            await File.WriteAllBytesAsync(file.FullName, MonthlyReportPdf.ToBytes(ready.Value), ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{file.FullName}: {ready.Value.Hf.Name}, {MonthlyReport.MonthName(reportMonth.Start)}");
            return 0;
        });
        return command;
    }
}
