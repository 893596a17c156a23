using Forlop.App.Data;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Demo;

public class DemoTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Demo_FillsThroughTheImportWithEveryKindOfEventAndNoRejection(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);

        var run = await Cli.RunAsync("demo", "--db", db, "--year", "2024", "--pathways", "3000");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains(" 0 rejected", run.Output, StringComparison.Ordinal);
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        // Corrections and withdrawals are rows that replace another; transfers chain episodes.
        Assert.True(await context.Events.CountAsync(e => e.ReplacesId != null && !e.IsWithdrawal, ct) > 0, "no correction");
        Assert.True(await context.Events.CountAsync(e => e.IsWithdrawal, ct) > 0, "no withdrawal");
        Assert.True(await context.Episodes.CountAsync(e => e.TransferredFromId != null, ct) > 0, "no transfer");
        var states = await context.Episodes.Select(e => e.State).Distinct().ToListAsync(ct);
        Assert.Superset(new HashSet<string>(["treatment-started", "ended-by-decision", "stopped", "transferred"], StringComparer.Ordinal), states.ToHashSet(StringComparer.Ordinal));
        // Mental health (with outcomes) and stroke (with clock times) are there too.
        Assert.True(await context.Events.CountAsync(e => e.Outcome != null, ct) > 0, "no mental-health event");
        Assert.True(await context.Events.CountAsync(e => e.Time != null, ct) > 0, "no stroke event");
        // The first tertial is published, then revised after a late pathway (docs/decisions/0030).
        Assert.Equal([1, 2], await context.PeriodLocks.Where(l => l.Period == "2024-T1").OrderBy(l => l.Publication).Select(l => l.Publication).ToListAsync(ct));
        Assert.Equal(2, await context.Events.CountAsync(e => e.RecordId.StartsWith("demo-late-"), ct));
        // About a third of completed pathways breach the standard, as in the published results.
        var report = await Cli.ReportCsvAsync(db, "2024");
        var all = report.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(',');
        var share = double.Parse(all[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(share, 50.0, 85.0);
    }

    /// <summary>
    /// reference/pathways.md §1.4 and §3: the demo shows the inclusion share (target 70 %) and Pakkeforløp hjem's needs
    /// assessment in hospital, both over the new cancer cases, which the demo imports as the Cancer Registry would give them.
    /// </summary>
    [Fact]
    public async Task Demo_ShowsInclusionAndPakkeforlopHjemOverNewCancerCases()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);

        var run = await Cli.RunAsync("demo", "--db", db, "--year", "2024", "--pathways", "3000");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains(" 0 rejected", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Imported demo new cancer cases: \d+ HF-months, 0 rejected", run.Output);
        await using (var context = DatabaseTarget.Parse(db).CreateContext())
        {
            Assert.True(await context.Episodes.CountAsync(e => e.Pathway == "HJEM", ct) > 100, "no Pakkeforløp hjem episode");
        }
        foreach (var (indicator, low, high) in new[] { ("included-in-pathway", 60.0, 95.0), ("needs-assessment-in-hospital", 35.0, 80.0) })
        {
            var figures = await Cli.RunAsync("indicator", indicator, "--db", db, "--period", "2024", "--format", "csv");
            Assert.True(figures.ExitCode == 0, figures.Error);
            // pathway,level,organisation,count,numerator,share_pct: the nation's share over the new cases.
            var nation = figures.OutputLines[1].Split(',');
            Assert.Equal(("ALL", "nation"), (nation[0], nation[1]));
            Assert.InRange(double.Parse(nation[5], System.Globalization.CultureInfo.InvariantCulture), low, high);
        }
    }

    [Fact]
    public async Task Demo_SameSeed_WritesTheSameFile()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        var first = EventsFiles.Write("");
        var second = EventsFiles.Write("");

        await Cli.RunAsync("demo", "--db", db, "--year", "2024", "--pathways", "200", "--write-file", first);
        await Cli.RunAsync("demo", "--db", db, "--year", "2024", "--pathways", "200", "--write-file", second);

        Assert.Equal(await File.ReadAllTextAsync(first, ct), await File.ReadAllTextAsync(second, ct));
    }
}
