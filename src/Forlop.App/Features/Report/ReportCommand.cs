using System.CommandLine;
using Forlop.App.Features.Indicators;
using Forlop.App.Hosting;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;

namespace Forlop.App.Features.Report;

/// <summary>
/// <c>forlop report --period PERIOD [--by pathway|hf|rhf] [--format csv|table] [--public [--min-count N]] [--current]</c>.
/// A locked period shows the figures as locked; what later corrections changed is noted on stderr.
/// </summary>
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
        var current = new Option<bool>("--current") { Description = "figures as they stand now, even for a locked period" };
        var command = new Command("report", "Share of pathways completed within the standard time") { period, by, format, publicView, minCount, current };
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
            var csv = (parse.GetValue(format) ?? (Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out) ? "csv" : "table")) == "csv";
            var service = new IndicatorService(store.Db, store.Catalogue, store.Indicators, store.Organisations);
            var definition = store.Indicators.Find(IndicatorReport.IndicatorId)
                ?? throw new InvalidOperationException($"the catalogue defines no indicator {IndicatorReport.IndicatorId} (catalog/indicators/)");
            var (cube, locked, corrections) = parse.GetValue(current)
                ? (await service.ComputeCurrentCubeAsync(definition, reportingPeriod, ct), null, [])
                : await service.ReportedCubeAsync(definition, reportingPeriod, ct);
            // One cube for every view. The public one is the period's slice of its year suppressed as one (locked periods
            // as locked), so this table agrees with the public page, the API and the exports at every level and period.
            var shown = parse.GetValue(publicView) ? (await service.PublicCubeAsync(definition, reportingPeriod, parse.GetValue(minCount), ct)).Cube : cube;
            var (rows, total) = CompletedWithinStandard.Rows(shown, breakdown);
            await output.WriteAsync(csv ? IndicatorReport.ToCsv(rows, total, breakdown) : IndicatorReport.ToText(rows, total, breakdown));
            foreach (var warning in cube.Warnings)
            {
                await errors.WriteLineAsync("warning: " + warning);
            }
            await IndicatorText.WriteStatusNotesAsync(reportingPeriod, cube.Provisional, rows.Append(total).Where(r => r.Unverified).Select(r => r.Pathway), errors);
            var level = breakdown switch { ReportBreakdown.Hf => OrganisationLevel.Hf, ReportBreakdown.Rhf => OrganisationLevel.Rhf, _ => OrganisationLevel.Nation };
            // The public sees the figures as published; the corrections are for those who see them whole.
            var shownCorrections = parse.GetValue(publicView) ? []
                : corrections.Where(c => IndicatorCube.Selects(c.Current, level, IndicatorFilter.None, store.Organisations)).ToList();
            await IndicatorText.WriteLockNoteAsync(
                new IndicatorResult(definition, reportingPeriod, level, IndicatorFilter.None, cube.Unit, cube.Target, [], [], locked, shownCorrections, null), errors);
            return 0;
        });
        return command;
    }
}
