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
        var period = new Option<string>("--period") { Description = "YYYY, YYYY-Tn, YYYY-Qn or YYYY-MM", Required = true };
        var by = new Option<string>("--by") { Description = "pathway, hf or rhf", DefaultValueFactory = _ => "pathway" };
        by.AcceptOnlyFromAmong("pathway", "hf", "rhf");
        var organisation = new Option<string?>("--organisation") { Description = "only pathways treated at this HF, or at the HFs of this RHF" };
        var publicView = new Option<bool>("--public") { Description = "as the public sees it, with small numbers suppressed" };
        var minCount = new Option<int>("--min-count")
        {
            Description = "with --public: counts from 1 up to this number minus one are suppressed",
            DefaultValueFactory = _ => SmallNumberSuppression.DefaultThreshold,
        };
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
            if (!ReportingPeriod.TryParse(parse.GetValue(period), out var reportingPeriod, out var error))
            {
                await errors.WriteLineAsync(error);
                return 1;
            }
            if (parse.GetValue(minCount) < 1)
            {
                await errors.WriteLineAsync("--min-count must be 1 or more");
                return 1;
            }
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
                var outcome = await exports.CompletedWithinStandardAsync(IndicatorExports.CommandLine, reportingPeriod, breakdown, parse.GetValue(organisation), ct);
                if (outcome is not ExportOutcome<ExportTable>.Ready ready)
                {
                    await errors.WriteLineAsync(Reason(outcome));
                    return 1;
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

    public static string Reason<T>(ExportOutcome<T> outcome) => outcome switch
    {
        ExportOutcome<T>.Refused refused => refused.Reason,
        ExportOutcome<T>.Invalid invalid => invalid.Reason,
        _ => "",
    };
}
