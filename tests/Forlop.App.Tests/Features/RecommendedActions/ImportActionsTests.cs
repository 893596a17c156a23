using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.RecommendedActions;

/// <summary><c>forlop import-actions FILE</c>: recommended actions done, sent by a hospital system as a file of their own.</summary>
public class ImportActionsTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_StoresRowsForTheSendersEpisodes_AndRejectsTheRestWithReasons(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var (ous, kir, hb) = (scenario.Places["OUS"], scenario.Places[PersonDataScenario.Unit], scenario.Places["HB"]);
        var day = scenario.Today.PlusDays(-5).ToString("yyyy-MM-dd", null);
        var file = EventsFiles.Write(string.Join("\n",
            "patient_id,organisation,pathway,action,date,done",
            $"{ous.NationalId},OUS,A01,coordinator-named,{day},",                      // stored (done by default)
            $"{kir.NationalId},{PersonDataScenario.Unit},A01,coordinator-named,{day},true", // a unit sends for its own episode
            $"{ous.NationalId},OUS,A01,somatic-health-and-lifestyle,{day},",           // a mental-health action, not A01's
            $"{hb.NationalId},OUS,A01,coordinator-named,{day},",                       // OUS sends for Helse Bergen's patient: no such episode at OUS
            $"{ous.NationalId},OUS,A01,coordinator-named,2026-02-30,") + "\n");

        var run = await Cli.RunAsync("import-actions", "--db", scenario.Db, file);

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        Assert.Contains("2 stored, 3 rejected", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 4, action:", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 5, pathway:", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 6, date:", run.Output, StringComparison.Ordinal);
        await using var db = scenario.OpenDb();
        Assert.Equal(new[] { kir.EpisodeId, ous.EpisodeId }.Order(), (await db.EpisodeActions.Select(a => a.EpisodeId).ToListAsync(ct)).Order());
        Assert.Equal(1, await db.AccessLog.CountAsync(e => e.Patient == ous.NationalId && e.Kind == "change" && e.User.StartsWith("import:"), ct));
    }

    [Fact]
    public async Task Import_AFileWithoutARequiredColumn_IsRefusedWhole()
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);
        var file = EventsFiles.Write("patient_id,organisation,action,date\n");

        var run = await Cli.RunAsync("import-actions", "--db", db, file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'pathway' is missing", run.Output, StringComparison.Ordinal);
    }
}
