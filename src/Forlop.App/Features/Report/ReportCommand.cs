using System.CommandLine;
using Forlop.App.Hosting;
using Forlop.Domain.Reporting;

namespace Forlop.App.Features.Report;

/// <summary><c>forlop report --period PERIOD [--by pathway|hf|rhf] [--format csv|table] [--public [--min-count N]]</c>.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var period = new Option<string>("--period") { Description = "YYYY, YYYY-Tn, YYYY-Qn or YYYY-MM", Required = true };
        var by = new Option<string>("--by") { Description = "pathway, hf or rhf", DefaultValueFactory = _ => "pathway" };
        by.AcceptOnlyFromAmong("pathway", "hf", "rhf");
        var format = new Option<string?>("--format") { Description = "csv or table (default: table on a terminal, csv otherwise)" };
        format.AcceptOnlyFromAmong("csv", "table");
        var publicView = new Option<bool>("--public") { Description = "as the public sees it, with small numbers suppressed" };
        var minCount = new Option<int>("--min-count")
        {
            Description = "counts from 1 up to this number minus one are suppressed",
            DefaultValueFactory = _ => SmallNumberSuppression.DefaultThreshold,
        };
        var command = new Command("report", "Share of pathways completed within the standard time") { period, by, format, publicView, minCount };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
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
            var breakdown = Enum.Parse<ReportBreakdown>(parse.GetValue(by)!, ignoreCase: true);
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var table = await IndicatorReport.ComputeAsync(store.Db, store.Catalogue, reportingPeriod, breakdown, ct);
            var csv = (parse.GetValue(format) ?? (Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out) ? "csv" : "table")) == "csv";
            string text;
            if (parse.GetValue(publicView))
            {
                var (rows, total) = SmallNumberSuppression.Apply(table, parse.GetValue(minCount));
                text = csv ? IndicatorReport.ToCsv(rows, total, breakdown) : IndicatorReport.ToText(rows, total, breakdown);
            }
            else
            {
                text = csv ? IndicatorReport.ToCsv(table, breakdown) : IndicatorReport.ToText(table, breakdown);
            }
            await output.WriteAsync(text);
            foreach (var warning in table.Warnings)
            {
                await errors.WriteLineAsync("warning: " + warning);
            }
            return 0;
        });
        return command;
    }
}
