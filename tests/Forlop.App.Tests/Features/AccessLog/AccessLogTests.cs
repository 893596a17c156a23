using Forlop.App.Data;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.AccessLog;

public class AccessLogTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ReadingHistory_IsLogged_AndTheLogVerifies_UntilAnEntryIsChanged(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));

        await Cli.RunAsync("history", "--db", db, "07874804384");
        await Cli.RunAsync("history", "--db", db, "10897704930");
        await Cli.RunAsync("history", "--db", db, "07874804384");
        var whole = await Cli.RunAsync("access-log", "verify", "--db", db);
        var forPatient = await Cli.RunAsync("access-log", "patient", "--db", db, "07874804384");
        // On SQLite the command took the log's three entries into the lookup by patient first (decision 0034).
        if (DatabaseTarget.Parse(db).PatientLookup is { } lookup)
        {
            Assert.Equal(3, lookup.Read("07874804384").Mark);
            Assert.Equal([1L, 3], lookup.Read("07874804384").Sequences);
        }
        await using (var context = DatabaseTarget.Parse(db).CreateContext())
        {
            // Someone edits the log behind the program's back.
            await context.Database.ExecuteSqlRawAsync("UPDATE access_log SET \"user\" = 'someone else' WHERE sequence = 2", ct);
        }
        var broken = await Cli.RunAsync("access-log", "verify", "--db", db);

        Assert.True(whole.ExitCode == 0, whole.Error + whole.Output);
        Assert.Contains("3 entries", whole.Output, StringComparison.Ordinal);
        Assert.Equal(3, forPatient.OutputLines.Length); // header and the two reads of this patient
        Assert.All(forPatient.OutputLines.Skip(1), l => Assert.Contains("forlop history", l, StringComparison.Ordinal));
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("broken at entry 2", broken.Error, StringComparison.Ordinal);
    }
}
