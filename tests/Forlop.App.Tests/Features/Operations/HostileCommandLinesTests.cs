using System.CommandLine;
using System.Globalization;
using Forlop.App.Hosting;
using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Operations;

/// <summary>
/// Property: no value of any option or argument of any command ends in an unhandled exception or a stack trace;
/// every command answers with an exit code of the contract (0, 1 or 2) and, when it refuses, a message. Each option
/// and argument in turn gets every value of <see cref="HostileValues"/> while the others keep plausible ones.
/// Left out: <c>serve</c> (a server), <c>demo</c> (generates a registry), <c>add-user</c> (reads a password from
/// standard input), and file paths to write (<c>--out</c>, <c>--write-file</c>), which get a fresh temporary path.
/// </summary>
public class HostileCommandLinesTests
{
    // Fewer than the web's: every command line opens the registry, so each value costs a few milliseconds more.
    private static readonly string[] HostileValues =
    [
        "", "0001-01-01", "9999-12-31", "10000-01-01", "9999", "9999-12", "9999-T3", "0000", "2024-13", "-1", "2147483648",
        new string('9', 400), new string('A', 9000), "ÆØÅ 🙂", "\u0000", "' OR '1'='1", "--help",
    ];

    private static readonly HashSet<string> LeftOut = new(StringComparer.Ordinal) { "serve", "demo", "add-user" };

    [Fact]
    public async Task EveryCommandOption_AnswersHostileValues_WithAContractExitCodeAndNoStackTrace()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        var patient = TestPatients.Number(1);
        var events = EventsFiles.WriteRows($"r1,{patient},OUS,A01A,2016-09-01,,", $"r2,{patient},OUS,A01FK,2016-10-01,,");
        Assert.Equal(0, (await Cli.ImportAsync(db, events)).ExitCode);
        var folder = Directory.CreateTempSubdirectory("forlop-hostile-cli-").FullName;
        var failures = new List<string>();
        var runs = 0;

        string Plausible(string command, string name) => name switch
        {
            "--period" or "PERIOD" => "2016-T3",
            "--month" => "2016-09",
            "--hf" or "--organisation" => "OUS",
            "--by" => "hf",
            "--level" => "hf",
            "--format" => "csv",
            "--pathway" => "A01",
            "--min-count" or "--seed" => "3",
            "--year" => "2016",
            "--out" or "--write-file" => Path.Combine(folder, Guid.NewGuid().ToString("N") + (command switch { "monthly-report" => ".pdf", "backup" => ".db", _ => ".csv" })),
            "--name" or "NAME" => "Kim",
            "--role" => "coordinator",
            "--units" => "",
            "--what" or "--source" => "x",
            "PATIENT" => patient,
            "USER" => "nobody",
            "CODE" => "OUS-X",
            "ID" => "completed-within-standard",
            "FILE" => events,
            _ => "x",
        };

        foreach (var (path, command) in Commands(ForlopCli.Build(), []))
        {
            var name = path[^1];
            var options = command.Options.Where(o => !o.Recursive && o.Name is not ("--help" or "-h" or "--version") && o.ValueType != typeof(bool)).ToList();
            var arguments = command.Arguments.ToList();
            List<string> Line(string? hostileName, string? hostile)
            {
                var line = new List<string>(path) { "--db", db };
                foreach (var argument in arguments)
                {
                    line.Add(argument.Name == hostileName ? hostile! : Plausible(name, argument.Name));
                }
                foreach (var option in options)
                {
                    if (option.Name == hostileName)
                    {
                        line.Add(option.Name + "=" + hostile);
                    }
                    else if (option.Required || option.Name is "--period" or "--month" or "--hf")
                    {
                        line.Add(option.Name + "=" + Plausible(name, option.Name));
                    }
                }
                return line;
            }

            var targets = options.Where(o => o.Name is not ("--out" or "--write-file")).Select(o => o.Name).Concat(arguments.Select(a => a.Name));
            foreach (var target in targets)
            {
                foreach (var value in HostileValues)
                {
                    var line = Line(target, value);
                    runs++;
                    try
                    {
                        var run = await Cli.RunAsync(line.ToArray());
                        var printed = run.Output + run.Error;
                        if (run.ExitCode is not (0 or 1 or 2) || printed.Contains("   at ", StringComparison.Ordinal) || (run.ExitCode != 0 && run.Error.Trim().Length == 0 && run.Output.Trim().Length == 0))
                        {
                            failures.Add($"forlop {Shown(line)} → exit {run.ExitCode.ToString(CultureInfo.InvariantCulture)}: {Shorten(printed)}");
                        }
                    }
                    catch (Exception e)
                    {
                        failures.Add($"forlop {Shown(line)} → {e.GetType().Name}: {Shorten(e.Message)}");
                    }
                }
            }
        }
        Directory.Delete(folder, recursive: true);
        Assert.True(failures.Count == 0, $"{failures.Count} of {runs} command lines failed:\n" + string.Join('\n', failures.Take(40)));
        Assert.True(runs > 500, $"only {runs} command lines were run");
    }

    private static IEnumerable<(string[] Path, Command Command)> Commands(Command parent, string[] path)
    {
        foreach (var command in parent.Subcommands.Where(c => !LeftOut.Contains(c.Name)))
        {
            string[] here = [.. path, command.Name];
            if (command.Subcommands.Count > 0)
            {
                foreach (var inner in Commands(command, here))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return (here, command);
            }
        }
    }

    private static string Shown(List<string> line) => string.Join(' ', line.Select(a => a.Length > 40 ? a[..20] + $"…({a.Length.ToString(CultureInfo.InvariantCulture)})" : a));

    private static string Shorten(string text) => text.Length > 300 ? text[..300] : text;
}
