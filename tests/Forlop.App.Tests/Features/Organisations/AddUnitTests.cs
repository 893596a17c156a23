using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Organisations;

public class AddUnitTests
{
    private static string P(int i) => TestPatients.Number(i);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AddUnit_EventsOfTheUnit_BelongToItsHf(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);

        var added = await Cli.RunAsync("add-unit", "AHUS-KIR", "--db", db, "--hf", "AHUS", "--name", "Kirurgisk klinikk");
        // The start at the HF and the treatment at its unit are one episode.
        var import = await Cli.ImportAsync(db, EventsFiles.WriteRows($"u1,{P(1)},AHUS,A12A,2016-09-01,,", $"u2,{P(1)},AHUS-KIR,A12FK,2016-09-20,,"));
        var report = await Cli.ReportCsvAsync(db, "2016-T3", "--by", "hf");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal(0, import.ExitCode);
        Assert.Equal("pathway,organisation,completed,within_standard,share_within_pct,without_standard\nA12,AHUS,1,1,100.0,0\nALL,,1,1,100.0,0\n", report);
    }

    [Theory]
    [InlineData("AHUS", "AHUS", "is already an organisation")]
    [InlineData("NY-ENHET", "HSO", "is not a hospital trust")]
    [InlineData("bad code!", "AHUS", "is not a unit code")]
    public async Task AddUnit_BadInput_ExitsWithOneAndSaysWhy(string code, string hf, string reason)
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

        var run = await Cli.RunAsync("add-unit", code, "--db", db, "--hf", hf, "--name", "Enhet");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
    }
}
