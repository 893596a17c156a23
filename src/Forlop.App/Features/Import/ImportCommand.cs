using System.CommandLine;
using Forlop.App.Data;
using Forlop.App.Hosting;
using Spectre.Console;

namespace Forlop.App.Features.Import;

/// <summary><c>forlop import [--db DB] FILE</c>: exit 0 when every row was stored, 2 when some were rejected, 1 when the file could not be read.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "events file (CSV, interchange contract version 1)" };
        var command = new Command("import", "Import an events file from a hospital system") { file };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var summary = await RunAsync(store, parse.GetValue(file)!.FullName, parse.InvocationConfiguration.Output, ct);
            return summary.ExitCode;
        });
        return command;
    }

    public static async Task<ImportSummary> RunAsync(RegistryStore store, string path, TextWriter output, CancellationToken ct)
    {
        var importer = new EventImporter(store);
        var importedBy = $"import:{Environment.UserName}";
        ImportSummary summary;
        if (!Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive && ReferenceEquals(output, Console.Out))
        {
            // A progress bar on a terminal; nothing of it reaches a redirected output.
            summary = await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
                .Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Path.GetFileName(path), maxValue: 1);
                    var progress = new Progress<ImportProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.BytesTotal);
                        task.Value = p.BytesRead;
                        task.Description = $"{Path.GetFileName(path)}: {p.Rows:N0} rows";
                    });
                    return await importer.ImportAsync(path, importedBy, progress, ct);
                });
        }
        else
        {
            summary = await importer.ImportAsync(path, importedBy, null, ct);
        }
        Print(summary, output);
        return summary;
    }

    public static void Print(ImportSummary summary, TextWriter output)
    {
        if (summary.FileError is not null)
        {
            output.WriteLine($"{summary.File}: not imported: {summary.FileError}");
            return;
        }
        output.WriteLine(FormattableString.Invariant(
            $"{summary.File}: {summary.Accepted} accepted, {summary.Duplicates} duplicates, {summary.Rejected.Count} rejected, {summary.Findings} data-quality findings"));
        foreach (var row in summary.Rejected)
        {
            output.WriteLine(row.ToString());
        }
    }
}
