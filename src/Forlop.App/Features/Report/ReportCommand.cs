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
        var period = FigureOptions.Period();
        var by = FigureOptions.Breakdown();
        var format = FigureOptions.TableFormat();
        var publicView = FigureOptions.Public();
        var minCount = FigureOptions.MinCount();
        var current = FigureOptions.Current();
        var command = new Command("report", "Share of pathways completed within the standard time") { period, by, format, publicView, minCount, current };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var errors = parse.InvocationConfiguration.Error;
            var reportingPeriod = parse.GetValue(period)!;
            var breakdown = Enum.Parse<ReportBreakdown>(parse.GetValue(by)!, ignoreCase: true);
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var csv = FigureOptions.IsCsv(parse, format);
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
