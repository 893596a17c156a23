using System.CommandLine;
using Forlop.App.Hosting;
using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Operations;

/// <summary>
/// The figure commands share their options (<see cref="FigureOptions"/>): the same period forms, the same threshold
/// rule and the same refusal, with the message alone (not the whole help text), before the registry is opened.
/// </summary>
public class FigureOptionsTests
{
    public static TheoryData<string[]> FigureCommands => new()
    {
        { new[] { "report" } },
        { new[] { "indicator", "completed" } },
        { new[] { "export", "--out", Path.Combine(Path.GetTempPath(), "forlop-figure-options.csv") } },
        { new[] { "data-quality", "--hf", "OUS" } },
    };

    [Theory]
    [MemberData(nameof(FigureCommands))]
    public async Task BadPeriod_IsRefusedWithThePeriodsMessageAlone(string[] command)
    {
        var db = Path.Combine(Path.GetTempPath(), $"forlop-never-{Guid.NewGuid():N}.db");

        var run = await Cli.RunAsync([.. command, "--db", db, "--period", "2024-T4"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'2024-T4' is not a period", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", run.Output + run.Error, StringComparison.Ordinal);
        // Refused at the edge: the registry was not even created.
        Assert.False(File.Exists(db), "the database was opened for a command line that was refused");
    }

    [Theory]
    [InlineData(new[] { "indicator", "completed", "--period", "2016", "--pathway", "A 12" }, "--pathway: 'A 12' is not a pathway code: only capital letters (A–Z) and digits")]
    [InlineData(new[] { "indicator", "completed", "--period", "2016", "--organisation", "OUS;DROP" }, "--organisation: 'OUS;DROP' is not an organisation code")]
    [InlineData(new[] { "data-quality", "--hf", "" }, "--hf: Organisation code is missing")]
    [InlineData(new[] { "monthly-report", "--month", "2016-09", "--out", "x.pdf", "--hf", "O U S" }, "--hf: 'O U S' is not an organisation code")]
    [InlineData(new[] { "export", "--period", "2016", "--out", "x.csv", "--organisation", "ÆØÅ" }, "--organisation: 'ÆØÅ' is not an organisation code")]
    public async Task BadCode_IsRefusedAtTheEdge_WithTheCodesOwnMessage(string[] command, string message)
    {
        var db = Path.Combine(Path.GetTempPath(), $"forlop-never-{Guid.NewGuid():N}.db");

        var run = await Cli.RunAsync([.. command, "--db", db]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", run.Output + run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(db), "the database was opened for a command line that was refused");
    }

    [Theory]
    [InlineData("0", "--min-count must be 1 or more")]
    [InlineData("-3", "--min-count must be 1 or more")]
    [InlineData("abc", "Cannot parse argument 'abc' for option '--min-count'")]
    public async Task BadThreshold_IsRefusedTheSameWayByEveryFigureCommand(string value, string message)
    {
        foreach (var command in new[] { new[] { "report" }, ["indicator", "completed"], ["export", "--out", Path.Combine(Path.GetTempPath(), "forlop-figure-options.csv")] })
        {
            var run = await Cli.RunAsync([.. command, "--db", Path.Combine(Path.GetTempPath(), $"forlop-never-{Guid.NewGuid():N}.db"), "--period", "2024", "--public", "--min-count", value]);

            Assert.True(run.ExitCode == 1, $"{command[0]}: exit {run.ExitCode}");
            Assert.Contains(message, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryPeriodOption_ReadsThePeriodItself()
    {
        // Each command's --period is built by FigureOptions: it yields a parsed period, never text to parse again.
        var periods = Commands(ForlopCli.Build()).SelectMany(c => c.Options.Where(o => o.Name == "--period").Select(o => (c.Name, o))).ToList();

        Assert.True(periods.Count >= 4, $"only {periods.Count} commands have --period");
        Assert.All(periods, p => Assert.True(
            p.o.ValueType == typeof(Forlop.Domain.Reporting.ReportingPeriod),
            $"{p.Name} --period is a {p.o.ValueType.Name}, not a ReportingPeriod from FigureOptions"));
    }

    private static IEnumerable<Command> Commands(Command parent) =>
        parent.Subcommands.SelectMany(c => new[] { c }.Concat(Commands(c)));
}
