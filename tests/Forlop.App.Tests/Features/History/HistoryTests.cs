using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.History;

public class HistoryTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task History_ShowsWhoWhenAndWhatIncludingCorrectionsAndWithdrawals(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));

        var corrected = await Cli.RunAsync("history", "--db", db, "07874804384");
        var withdrawn = await Cli.RunAsync("history", "--db", db, "10897704930");

        Assert.Equal(0, corrected.ExitCode);
        Assert.Contains(corrected.OutputLines, l => l.Contains("r000026", StringComparison.Ordinal) && l.Contains("A37FK 2016-11-22 [corrected by r000027]", StringComparison.Ordinal));
        Assert.Contains(corrected.OutputLines, l => l.Contains("A37FK 2016-11-13 (corrects r000026)", StringComparison.Ordinal) && l.Contains("import:", StringComparison.Ordinal));
        Assert.Contains(withdrawn.OutputLines, l => l.Contains("A12FK 2016-10-23 [withdrawn by r000032]", StringComparison.Ordinal));
        Assert.Contains(withdrawn.OutputLines, l => l.Contains("withdraws r000031", StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_UnknownPatient_ExitsWithOneWithoutShowingTheNumber()
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

        var run = await Cli.RunAsync("history", "--db", db, "04837200798");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("048372*****", run.Error, StringComparison.Ordinal);
    }
}
