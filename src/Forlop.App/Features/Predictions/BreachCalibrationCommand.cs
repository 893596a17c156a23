using System.CommandLine;
using System.Globalization;
using System.Text;
using Forlop.App.Data;
using Forlop.App.Hosting;
using Forlop.Domain.Catalogue;
using Forlop.Domain.PathwayTimes;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Predictions;

/// <summary>How well the predictions held on history they did not see: the deciles, the Brier score and how many forecasts fell back to the nation.</summary>
public sealed record CalibrationReport(IReadOnlyList<LocalDate> Splits, int Forecasts, int WithoutForecast, int National, int PastDeadline, double MeanPredicted, double ObservedRate,
    double Brier, IReadOnlyList<CalibrationBin> Deciles);

/// <summary>
/// <c>forlop breach-calibration [--db DB] [--until DATE] [--months N]</c>: measures the breach predictions on held-out
/// history (decision 0026). For each split day — the first of each of the <c>N</c> months before <c>--until</c> — the
/// history is the intervals reached before that day, and the forecasts are made for every interval running on it (started
/// on or before it, its point reached on it or later); each is then compared with what happened: over its standard or not.
/// Intervals whose point was never reached are not in either set (as in the live history). Prints the deciles as a table
/// for docs/indicators.md.
/// </summary>
public static class BreachCalibrationCommand
{
    public static Command Create()
    {
        var until = new Option<string?>("--until") { Description = "the last split's month ends here (YYYY-MM-DD; default: 60 days before the newest reached interval)" };
        var months = new Option<int>("--months") { Description = "how many monthly split days (default 6)", DefaultValueFactory = _ => 6 };
        var command = new Command("breach-calibration", "Measure predicted breaches against what happened, on a time split of the registry's history") { until, months };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            LocalDate? last = null;
            if (parse.GetValue(until) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"--until: '{text}' is not a date (YYYY-MM-DD)");
                    return 1;
                }
                last = LocalDate.FromDateOnly(day);
            }
            var report = await RunAsync(store.Db, store.Catalogue, last, Math.Clamp(parse.GetValue(months), 1, 36), ct);
            await parse.InvocationConfiguration.Output.WriteAsync(Markdown(report));
            return report.Forecasts == 0 ? 2 : 0;
        });
        return command;
    }

    public static async Task<CalibrationReport> RunAsync(RegistryDb db, PathwayCatalogue catalogue, LocalDate? until, int months, CancellationToken ct)
    {
        var rows = (await (from i in db.EpisodeIntervals.AsNoTracking()
                           join e in db.Episodes on i.EpisodeId equals e.Id
                           select new { e.Pathway, e.Hf, i.IntervalId, i.FromDate, i.ToDate, i.Length, i.StandardLimit })
                .ToListAsync(ct))
            .Where(r => catalogue.Pathway(r.Pathway) is { Unit: TimeUnit.Days } && r.Length is >= 0 and <= int.MaxValue)
            .Select(r => (r.Pathway, r.Hf, r.IntervalId, From: LocalDate.FromDateOnly(r.FromDate), To: LocalDate.FromDateOnly(r.ToDate), Length: (int)r.Length, r.StandardLimit))
            .ToList();
        if (rows.Count == 0)
        {
            return new CalibrationReport([], 0, 0, 0, 0, 0, 0, 0, []);
        }
        var end = until ?? rows.Max(r => r.To).PlusDays(-60);
        var splits = Enumerable.Range(0, months).Select(m => new LocalDate(end.Year, end.Month, 1).PlusMonths(-m)).Reverse().ToList();
        var outcomes = new List<(double Predicted, bool Breached)>();
        int without = 0, national = 0, pastDeadline = 0;
        foreach (var split in splits)
        {
            var known = rows.Where(r => r.To < split).ToList();
            var byHf = known.GroupBy(r => (r.Pathway, r.Hf, r.IntervalId)).ToDictionary(g => g.Key, g => IntervalHistory.Of(g.Select(r => r.Length)));
            var byNation = known.GroupBy(r => (r.Pathway, r.IntervalId)).ToDictionary(g => g.Key, g => IntervalHistory.Of(g.Select(r => r.Length)));
            foreach (var r in rows.Where(r => r.From <= split && r.To >= split && r.StandardLimit is not null))
            {
                var estimate = BreachEstimator.Estimate(byHf.GetValueOrDefault((r.Pathway, r.Hf, r.IntervalId)) ?? IntervalHistory.Empty,
                    byNation.GetValueOrDefault((r.Pathway, r.IntervalId)) ?? IntervalHistory.Empty, PathwayTimeEngine.DaysBetween(r.From, split), r.StandardLimit!.Value);
                if (estimate is null)
                {
                    without++;
                    continue;
                }
                national += estimate.Basis == PredictionBasis.National ? 1 : 0;
                pastDeadline += estimate.Basis == PredictionBasis.PastDeadline ? 1 : 0;
                outcomes.Add((estimate.Probability, r.Length > r.StandardLimit));
            }
        }
        return new CalibrationReport(splits, outcomes.Count, without, national, pastDeadline,
            outcomes.Count == 0 ? 0 : outcomes.Average(o => o.Predicted), outcomes.Count == 0 ? 0 : outcomes.Average(o => o.Breached ? 1.0 : 0.0),
            outcomes.Count == 0 ? 0 : outcomes.Average(o => Math.Pow(o.Predicted - (o.Breached ? 1 : 0), 2)), BreachCalibration.ByDecile(outcomes));
    }

    public static string Markdown(CalibrationReport report)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Split days: {string.Join(", ", report.Splits.Select(s => s.ToString("yyyy-MM-dd", c)))}");
        text.AppendLine(c, $"Forecasts: {report.Forecasts:N0} (pathway nationally: {report.National:N0}; past the deadline without comparable: {report.PastDeadline:N0}); without a forecast: {report.WithoutForecast:N0}");
        text.AppendLine(c, $"Mean predicted {report.MeanPredicted:P1}, observed {report.ObservedRate:P1}; Brier score {report.Brier:0.000}");
        text.AppendLine();
        text.AppendLine("| Decile | Forecasts | Mean predicted | Observed breach rate |");
        text.AppendLine("|---:|---:|---:|---:|");
        foreach (var bin in report.Deciles)
        {
            text.AppendLine(c, $"| {bin.Decile} | {bin.Count:N0} | {bin.MeanPredicted:P1} | {bin.ObservedRate:P1} |");
        }
        return text.ToString();
    }
}
