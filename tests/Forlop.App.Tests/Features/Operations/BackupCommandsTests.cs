using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Operations;

public class BackupCommandsTests
{
    /// <summary>A registry with reads in its access log is backed up, restored elsewhere, and the restored log verifies whole, entry for entry.</summary>
    [Fact]
    public async Task BackupThenRestore_GivesARegistryWhoseAccessLogVerifies()
    {
        var ct = TestContext.Current.CancellationToken;
        string db;
        await using (var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite))
        {
            db = scenario.Db;
            using var coordinator = await scenario.SignedInAsync("koordinator");
            (await coordinator.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct)).EnsureSuccessStatusCode();
        }
        var original = await Cli.RunAsync("access-log", "verify", "--db", db);
        Assert.Equal(0, original.ExitCode);
        Assert.DoesNotContain(": 0 entries", original.Output, StringComparison.Ordinal);

        var folder = Directory.CreateTempSubdirectory("forlop-backup-").FullName;
        var file = Path.Combine(folder, "forlop-backup.db");
        var backup = await Cli.RunAsync("backup", "--db", db, "--out", file);
        Assert.True(backup.ExitCode == 0, backup.Error);
        // A backup never overwrites a file.
        var again = await Cli.RunAsync("backup", "--db", db, "--out", file);
        Assert.Equal(2, again.ExitCode);

        var restored = Path.Combine(folder, "restored", "forlop.db");
        var restore = await Cli.RunAsync("restore", "--db", restored, file);
        Assert.True(restore.ExitCode == 0, restore.Error);
        var verify = await Cli.RunAsync("access-log", "verify", "--db", restored);
        Assert.True(verify.ExitCode == 0, verify.Error);
        // The same entries, seals and checkpoints, verified with the key restored beside the registry (decision 0017).
        Assert.Equal(original.Output.Replace(db + ".seal", "SEAL", StringComparison.Ordinal), verify.Output.Replace(restored + ".seal", "SEAL", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(restored + ".seal", "key")), "the key was restored beside the registry");
        Assert.Equal(await HistoryAsync(db), await HistoryAsync(restored));

        // A registry holding events is replaced only when asked to.
        var refused = await Cli.RunAsync("restore", "--db", restored, file);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--replace", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await Cli.RunAsync("restore", "--db", restored, file, "--replace")).ExitCode);

        // Something that is not a backup is refused with the reason.
        var notABackup = Path.Combine(folder, "notes.db");
        await File.WriteAllTextAsync(notABackup, "not a database", ct);
        var wrong = await Cli.RunAsync("restore", "--db", Path.Combine(folder, "other.db"), notABackup);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("not a Forløp backup", wrong.Error, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("backup", "--out", "x.db")]
    [InlineData("restore", "x.db")]
    public async Task OnPostgres_TheCommandsRefuse_AndNamePgDump(string command, string first, string? second = null)
    {
        string[] args = second is null ? [command, "--db", "Host=127.0.0.1;Port=1;Database=forlop", first] : [command, "--db", "Host=127.0.0.1;Port=1;Database=forlop", first, second];
        var run = await Cli.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pg_dump", run.Error, StringComparison.Ordinal);
    }

    private static async Task<string> HistoryAsync(string db)
    {
        var run = await Cli.RunAsync("history", "--db", db, TestPatients.Number(1));
        Assert.Equal(0, run.ExitCode);
        return run.Output;
    }
}
