using System.CommandLine;
using System.Text;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Import;
using Forlop.App.Features.NewCases;
using Forlop.App.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Demo;

/// <summary><c>forlop demo [--db DB] [--year YYYY] [--pathways N] [--seed N]</c>: fills a database with synthetic data through the normal import.</summary>
public static class DemoCommand
{
    public const int NationalYearlyVolume = 40_000;

    public static readonly Option<int> Pathways = new("--pathways")
    {
        Description = "cancer pathways to generate (default: a year of national volume)",
        DefaultValueFactory = _ => NationalYearlyVolume,
    };

    public static Command Create()
    {
        var year = new Option<int?>("--year") { Description = "the year the pathways start in (default: last year)" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 2015 };
        var writeFile = new Option<FileInfo?>("--write-file") { Description = "only write the events file here; import nothing" };
        var command = new Command("demo", "Fill the database with realistic synthetic pathways (through the normal import)") { year, Pathways, seed, writeFile };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            if (parse.GetValue(writeFile) is { } target)
            {
                await using var writer = new StreamWriter(target.FullName, false, new UTF8Encoding(false), 1 << 16);
                var rows = new DemoEvents(store.Catalogue, store.Organisations, parse.GetValue(seed))
                    .Write(writer, parse.GetValue(year) ?? store.Today.Year - 1, parse.GetValue(Pathways), store.Today);
                await parse.InvocationConfiguration.Output.WriteLineAsync(FormattableString.Invariant($"Wrote {rows:N0} demo events to {target.FullName}"));
                return 0;
            }
            var summary = await FillAsync(store, parse.GetValue(year), parse.GetValue(Pathways), parse.GetValue(seed), parse.InvocationConfiguration.Output, ct);
            return summary.FileError is null ? 0 : 1;
        });
        return command;
    }

    /// <summary>Generates the demo file in a temporary folder and imports it; the file is removed afterwards.</summary>
    public static async Task<ImportSummary> FillAsync(RegistryStore store, int? year, int pathways, int seed, TextWriter output, CancellationToken ct, int years = 1)
    {
        var path = Path.Combine(Path.GetTempPath(), $"forlop-demo-{Guid.NewGuid():N}.csv");
        var newCases = Path.ChangeExtension(path, ".new-cases.csv");
        try
        {
            var demoYear = year ?? store.Today.Year - 1;
            var demo = new DemoEvents(store.Catalogue, store.Organisations, seed);
            await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
            {
                var rows = demo.Write(writer, demoYear, years, pathways, store.Today);
                await output.WriteLineAsync(FormattableString.Invariant($"Generated {rows:N0} demo events ({pathways:N0} cancer pathways a year starting in {demoYear}{(years > 1 ? FormattableString.Invariant($"–{demoYear + years - 1}") : "")})"));
            }
            var summary = await ImportCommand.RunAsync(store, path, output, ct);
            // The denominator of the inclusion and Pakkeforløp hjem indicators, so the demo shows those shares too.
            await File.WriteAllLinesAsync(newCases, ["hf,period,count", .. demo.NewCancerCases().Select(c => FormattableString.Invariant($"{c.Hf},{c.Year}-{c.Month:00},{c.Count}"))], ct);
            var cases = await ImportNewCasesCommand.ImportAsync(store, newCases, "demo (synthetic)", ct);
            await output.WriteLineAsync(FormattableString.Invariant($"Imported demo new cancer cases: {cases.Stored} HF-months, {cases.Rejected.Count} rejected{(cases.FileError is null ? "" : ": " + cases.FileError)}"));
            await DemoNames.AssignAsync(store.Db, ct);
            await DemoReasons.AssignAsync(store.Db, store.Clock.GetCurrentInstant().ToDateTimeUtc(), ct);
            await DemoActions.AssignAsync(store.Db, store.Actions, store.Clock.GetCurrentInstant().ToDateTimeUtc(), ct);
            await DemoMdtAndSlots.AddAsync(store.Db, store.Catalogue, store.Clock.GetCurrentInstant(), ct);
            await DemoImplementation.AddAsync(store.Db, store.Measures, store.Organisations, store.Clock.GetCurrentInstant().ToDateTimeUtc(), ct);
            await DemoFeedback.AddAsync(store.Db, store.Catalogue, store.Organisations, store.Clock.GetCurrentInstant(), ct);
            await LocalAccounts.AddDemoUsersAsync(store.Db, store.Clock.GetCurrentInstant().ToDateTimeUtc(), ct);
            // The demo patient and relative of /mitt-forlop, and experience-survey answers (decision 0029).
            await DemoPatientView.AddAsync(store.Db, store.Clock.GetCurrentInstant(), ct);
            await DemoPublications.AddAsync(store, demoYear, ct);
            await DemoContactPointsAndHjem.AddAsync(store.Db, store.Organisations, store.Catalogue, store.Clock.GetCurrentInstant(), ct);
            return summary;
        }
        finally
        {
            File.Delete(path);
            File.Delete(newCases);
        }
    }

    public static async Task<bool> IsEmptyAsync(RegistryDb db, CancellationToken ct) => !await db.Events.AnyAsync(ct);
}
