using System.CommandLine;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Forlop.App.Data;
using Forlop.App.Features.Import;
using Forlop.App.Hosting;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.NewCases;

/// <summary>
/// <c>forlop import-new-cases [--db DB] FILE [--source TEXT]</c>: the denominator of "share of new cancer patients
/// included in a pathway" — new cancer cases per HF and period, as the Cancer Registry gives them (docs/indicators.md).
/// CSV (RFC 4180, UTF-8) with the columns <c>hf,period,count</c> in any order. A row for an HF and period already stored
/// replaces it; a period that overlaps another one stored for the same HF is refused (the two would be counted twice).
/// Exit 0 when every row was stored, 2 when some were rejected, 1 when the file could not be read.
/// </summary>
public static class ImportNewCasesCommand
{
    public static readonly string[] Columns = ["hf", "period", "count"];

    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV with the columns hf,period,count (period: YYYY, YYYY-Tn, YYYY-Qn or YYYY-MM)" };
        var source = new Option<string?>("--source") { Description = "where the figures come from (kept with them; default: the file name)" };
        var command = new Command("import-new-cases", "Import new cancer cases per HF and period (the denominator of the inclusion indicator)") { file, source };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var path = parse.GetValue(file)!.FullName;
            var summary = await ImportAsync(store, path, parse.GetValue(source) ?? Path.GetFileName(path), ct);
            return await summary.PrintAsync(parse.InvocationConfiguration.Output,
                FormattableString.Invariant($"{summary.Stored} stored ({summary.Replaced} replaced earlier figures)"));
        });
        return command;
    }

    public static async Task<SideFileSummary> ImportAsync(RegistryStore store, string path, string source, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        List<(int Line, Dictionary<string, string> Fields)> rows;
        try
        {
            rows = SideFile.Read(path, Columns, [], "hf, period and count");
        }
        catch (Exception e) when (SideFile.IsUnreadable(e))
        {
            return new SideFileSummary(name, 0, [], e.Message);
        }
        if (rows.Count == 0)
        {
            return new SideFileSummary(name, 0, [], "the file has a header but no rows");
        }

        var db = store.Db;
        var stored = await db.NewCancerCases.ToListAsync(ct);
        var rejected = new List<RejectedSideRow>();
        var seen = new List<(int Line, string Hf, ReportingPeriod Period)>();
        var now = store.Clock.GetCurrentInstant().ToDateTimeUtc();
        int added = 0, replaced = 0;
        foreach (var (line, fields) in rows)
        {
            var refusal = Check(line, fields, store.Organisations, out var hf, out var period, out var count);
            if (refusal is not null)
            {
                rejected.Add(refusal);
                continue;
            }
            var (from, to) = (period.Start.ToDateOnly(), period.End.ToDateOnly());
            if (seen.FirstOrDefault(s => s.Hf == hf && s.Period.Start <= period.End && s.Period.End >= period.Start) is { Hf: not null } earlier)
            {
                rejected.Add(new RejectedSideRow(line, "period", $"{hf} {period.Text} overlaps {earlier.Period.Text} on line {earlier.Line} of the file"));
                continue;
            }
            var same = stored.FirstOrDefault(c => c.Hf == hf && c.From == from && c.To == to);
            var overlapping = stored.FirstOrDefault(c => c != same && c.Hf == hf && c.From <= to && c.To >= from);
            if (overlapping is not null)
            {
                rejected.Add(new RejectedSideRow(line, "period", FormattableString.Invariant(
                    $"{hf} {period.Text} overlaps the figures stored for {overlapping.From:yyyy-MM-dd}–{overlapping.To:yyyy-MM-dd} (from {overlapping.Source}); send the same periods, or the stored ones would be counted twice")));
                continue;
            }
            seen.Add((line, hf, period));
            if (same is not null)
            {
                (same.Count, same.Source, same.ImportedAt) = (count, source, now);
                replaced++;
            }
            else
            {
                db.NewCancerCases.Add(new NewCancerCasesEntity { Hf = hf, From = from, To = to, Count = count, Source = source, ImportedAt = now });
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new SideFileSummary(name, added + replaced, rejected, null, replaced);
    }

    private static RejectedSideRow? Check(int line, Dictionary<string, string> fields, OrganisationDirectory organisations, out string hf, out ReportingPeriod period, out int count)
    {
        hf = fields["hf"].Trim();
        period = null!;
        count = 0;
        var organisation = organisations.Find(hf);
        if (organisation is null)
        {
            return new RejectedSideRow(line, "hf", $"'{hf}' is not a known organisation");
        }
        if (organisation.Kind is not (OrganisationKind.Hf or OrganisationKind.Ideell))
        {
            return new RejectedSideRow(line, "hf", $"{hf} is {(organisation.Kind == OrganisationKind.Rhf ? "a regional health authority" : "a unit")}, not an HF: new cancer cases are given per HF");
        }
        if (!ReportingPeriod.TryParse(fields["period"], out period, out var error))
        {
            return new RejectedSideRow(line, "period", error);
        }
        if (!int.TryParse(fields["count"].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            return new RejectedSideRow(line, "count", $"'{fields["count"]}' is not a whole number of zero or more");
        }
        return null;
    }
}
