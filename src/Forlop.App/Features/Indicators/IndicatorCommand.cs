using System.CommandLine;
using System.Globalization;
using System.Text;
using Forlop.App.Hosting;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;
using Forlop.Domain;

namespace Forlop.App.Features.Indicators;

/// <summary>
/// <c>forlop indicator ID --period P [--level unit|hf|rhf|nation] [--pathway CODE] [--organisation ORG] [--public [--min-count N]] [--current]</c>
/// prints one indicator's table; <c>forlop indicators</c> lists the definitions.
/// </summary>
public static class IndicatorCommand
{
    public static Command CreateList()
    {
        var command = new Command("indicators", "List the indicators the catalogue defines (catalog/indicators/)");
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var output = parse.InvocationConfiguration.Output;
            foreach (var i in store.Indicators.All)
            {
                var target = i.Targets.Count == 0 ? "" : "  target " + string.Join(", ", i.Targets.Select(t => $"{t.Percent.ToString(CultureInfo.InvariantCulture)} % from {IsoDate.Text(t.ValidFrom)}"));
                await output.WriteLineAsync($"{i.Id}  ({EnumNames.Of(i.Kind)})  {i.Name.En}{target}");
            }
            return 0;
        });
        return command;
    }

    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "the indicator id (forlop indicators lists them)" };
        var period = FigureOptions.Period();
        var level = new Option<string>("--level") { Description = "unit, hf, rhf or nation", DefaultValueFactory = _ => "nation" };
        level.AcceptOnlyFromAmong("unit", "hf", "rhf", "nation");
        var pathway = FigureOptions.Pathway("one pathway code (ALL: all pathways together)");
        var organisation = FigureOptions.Organisation("--organisation", "only this organisation and those under it");
        var format = FigureOptions.TableFormat();
        var publicView = FigureOptions.Public();
        var minCount = FigureOptions.MinCount();
        var current = FigureOptions.Current();
        var command = new Command("indicator", "One indicator for a period, per pathway and organisation") { id, period, level, pathway, organisation, format, publicView, minCount, current };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var errors = parse.InvocationConfiguration.Error;
            var reportingPeriod = parse.GetValue(period)!;
            var organisationLevel = Enum.Parse<OrganisationLevel>(parse.GetValue(level)!, ignoreCase: true);
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var service = new IndicatorService(store.Db, store.Catalogue, store.Indicators, store.Organisations);
            var filter = new IndicatorFilter(parse.GetValue(pathway)?.Value, parse.GetValue(organisation)?.Value);
            var result = parse.GetValue(publicView)
                ? await service.ComputePublicAsync(parse.GetValue(id)!, reportingPeriod, organisationLevel, filter, parse.GetValue(minCount), ct)
                : await service.ComputeAsync(parse.GetValue(id)!, reportingPeriod, organisationLevel, filter, ct, parse.GetValue(current));
            var csv = FigureOptions.IsCsv(parse, format);
            await output.WriteAsync(IndicatorText.Render(result, csv));
            foreach (var warning in result.Warnings)
            {
                await errors.WriteLineAsync("warning: " + warning);
            }
            await IndicatorText.WriteLockNoteAsync(result, errors);
            await IndicatorText.WriteStatusNotesAsync(result.Period, result.Provisional, result.Rows.Where(f => f.Unverified).Select(f => f.Pathway), errors);
            return 0;
        });
        return command;
    }
}

/// <summary>An indicator table as CSV or as aligned text, with the columns its kind has.</summary>
public static class IndicatorText
{
    public static string Render(IndicatorResult result, bool csv)
    {
        var kind = result.Definition.Kind;
        var header = new List<string> { "pathway", "level", "organisation" };
        if (kind == IndicatorKind.Distribution)
        {
            header.AddRange(["interval", "treatment", "count", "p25", "median", "p75"]);
        }
        else if (kind == IndicatorKind.ShareWithinStandard)
        {
            // count is the share's denominator; completed adds those whose standard the catalogue does not know.
            header.AddRange(["count", "numerator", "share_pct", "without_standard", "completed"]);
        }
        else if (result.Definition.IsShare)
        {
            header.AddRange(["count", "numerator", "share_pct"]);
        }
        else
        {
            header.Add("count");
        }
        var cells = new List<string[]> { header.ToArray() };
        foreach (var f in result.Rows)
        {
            var row = new List<string> { f.Pathway, EnumNames.Of(f.Level), f.Organisation ?? "" };
            if (kind == IndicatorKind.Distribution)
            {
                row.AddRange([f.Interval ?? "", f.Treatment ?? "all", Number(f.Count), Decimal(f.Quartiles?.P25), Decimal(f.Quartiles?.Median), Decimal(f.Quartiles?.P75)]);
            }
            else if (kind == IndicatorKind.ShareWithinStandard)
            {
                row.AddRange([Number(f.Count), Number(f.Numerator), f.SharePercent ?? "", Number(f.WithoutStandard), Number(f.CompletedIn(kind))]);
            }
            else if (result.Definition.IsShare)
            {
                row.AddRange([Number(f.Count), Number(f.Numerator), f.SharePercent ?? ""]);
            }
            else
            {
                row.Add(Number(f.Count));
            }
            cells.Add(row.ToArray());
        }
        return Table(cells, csv, leftAligned: 3);
    }

    /// <summary>For a locked period: when and by whom, and what later corrections changed (on stderr, beside the figures).</summary>
    public static async Task WriteLockNoteAsync(IndicatorResult result, TextWriter errors)
    {
        if (result.Lock is not { } locked)
        {
            return;
        }
        await errors.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"note: {locked.Period} was locked on {locked.LockedAt:yyyy-MM-dd HH:mm} UTC by {locked.LockedBy}; the figures are those locked, {locked.Describe()}"));
        if (result.Corrections.Count == 0)
        {
            await errors.WriteLineAsync("note: no correction since the lock changes these figures");
            return;
        }
        await errors.WriteLineAsync($"note: {result.Corrections.Count} figure(s) changed by corrections since the lock (now, change):");
        foreach (var c in result.Corrections)
        {
            var f = c.Current;
            var where = string.Join(' ', new[] { f.Pathway, EnumNames.Of(f.Level), f.Organisation, f.Interval, f.Treatment }.Where(x => x is not null));
            var numerator = c.NumeratorChange is { } n ? $", numerator {Number(f.Numerator)} ({Signed(n)})" : "";
            await errors.WriteLineAsync($"  {where}: count {Number(f.Count)} ({(c.CountChange is { } d ? Signed(d) : "?")}){numerator}");
        }
    }

    /// <summary>
    /// On stderr beside the figures: a period not locked is provisional, not quality-assured (as NPR marks its newest
    /// month); figures that count a pathway code or standard time no source confirms are named.
    /// </summary>
    public static async Task WriteStatusNotesAsync(ReportingPeriod period, bool provisional, IEnumerable<string> unverified, TextWriter errors)
    {
        if (provisional)
        {
            await errors.WriteLineAsync($"note: {period.Text} is not locked: the figures are provisional, not quality-assured (forlop lock-period)");
        }
        var marked = unverified.Distinct(StringComparer.Ordinal).ToList();
        if (marked.Count > 0)
        {
            await errors.WriteLineAsync($"note: unverified: the figures of {string.Join(", ", marked)} count a pathway code or standard time that no source confirms yet (docs/catalog.md)");
        }
    }

    /// <summary>Rows as CSV, or as text in columns: the first <paramref name="leftAligned"/> (names) to the left, numbers to the right.</summary>
    public static string Table(List<string[]> cells, bool csv, int leftAligned)
    {
        var text = new StringBuilder();
        if (csv)
        {
            foreach (var row in cells)
            {
                text.Append(string.Join(',', row)).Append('\n');
            }
            return text.ToString();
        }
        var widths = Enumerable.Range(0, cells[0].Length).Select(i => cells.Max(r => r[i].Length)).ToArray();
        foreach (var row in cells)
        {
            text.Append(string.Join("  ", row.Select((c, i) => i < leftAligned ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    private static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Decimal(decimal? d) => d?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";

    private static string Signed(int n) => n.ToString("+0;-0;0", CultureInfo.InvariantCulture);
}
