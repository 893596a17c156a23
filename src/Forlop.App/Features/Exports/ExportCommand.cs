using System.CommandLine;
using Forlop.App.Hosting;
using Forlop.Domain.Reporting;

namespace Forlop.App.Features.Exports;

/// <summary>
/// <c>forlop export --what completed-within-standard --period PERIOD [--by pathway|hf|rhf] [--organisation HF|RHF]
/// [--public [--min-count N]] [--format csv|xlsx] --out FILE</c>: an indicator table as a file (the format follows
/// the file's extension unless given).
/// </summary>
public static class ExportCommand
{
    public const string CompletedWithinStandard = "completed-within-standard";

    public static Command Create()
    {
        var what = new Option<string>("--what") { Description = "the table to export", DefaultValueFactory = _ => CompletedWithinStandard };
        what.AcceptOnlyFromAmong(CompletedWithinStandard);
        var period = FigureOptions.Period();
        var by = FigureOptions.Breakdown();
        var organisation = FigureOptions.Organisation("--organisation", "only pathways treated at this HF, or at the HFs of this RHF");
        var publicView = FigureOptions.Public();
        var minCount = FigureOptions.MinCount("with --public: counts from 1 up to this number minus one are suppressed");
        var format = new Option<string?>("--format") { Description = "csv or xlsx (default: from the extension of --out)" };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var output = new Option<FileInfo>("--out") { Description = "the file to write", Required = true };
        var command = new Command("export", "Write an indicator table to a CSV or Excel file")
        {
            what, period, by, organisation, publicView, minCount, format, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = parse.InvocationConfiguration.Error;
            var reportingPeriod = parse.GetValue(period)!;
            var file = parse.GetValue(output)!;
            var fileFormat = parse.GetValue(format) ?? file.Extension.TrimStart('.').ToLowerInvariant();
            if (fileFormat is not ("csv" or "xlsx"))
            {
                await errors.WriteLineAsync($"--format csv or xlsx is needed: '{file.Name}' does not end in .csv or .xlsx");
                return 1;
            }
            if (parse.GetValue(publicView) && parse.GetValue(organisation) is not null)
            {
                await errors.WriteLineAsync("--public gives the national table: leave out --organisation");
                return 1;
            }
            var breakdown = Enum.Parse<ReportBreakdown>(parse.GetValue(by)!, ignoreCase: true);
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var exports = new IndicatorExports(store.Db, store.Catalogue, store.Organisations, store.Indicators);
            ExportTable table;
            if (parse.GetValue(publicView))
            {
                table = await exports.PublicCompletedWithinStandardAsync(reportingPeriod, breakdown, parse.GetValue(minCount), ct);
            }
            else
            {
                var outcome = await exports.CompletedWithinStandardAsync(IndicatorExports.CommandLine, reportingPeriod, breakdown, parse.GetValue(organisation)?.Value, ct);
                if (outcome is not Outcome<ExportTable>.Ready ready)
                {
                    await errors.WriteLineAsync(outcome.Reason);
                    return outcome.ExitCode();
                }
                table = ready.Value;
            }
            var bytes = fileFormat == "csv" ? CsvExport.ToBytes(table) : XlsxExport.ToBytes(table);
            file.Directory?.Create();
            await File.WriteAllBytesAsync(file.FullName, bytes, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{file.FullName}: {table.Rows.Count} rows");
            foreach (var warning in table.Warnings)
            {
                await errors.WriteLineAsync("warning: " + warning);
            }
            return 0;
        });
        return command;
    }
}
