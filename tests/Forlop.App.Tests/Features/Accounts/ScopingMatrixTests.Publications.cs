using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Access;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Tests.Features.Accounts;

/// <summary>
/// The matrix's rows for the monthly delivery (`forlop deliver --as USER`, issue 14, decision 0030): every account ×
/// its own HF or RHF and another. What the account may receive is written and each delivered patient logged under
/// its name; anything else is refused with nothing written and nothing logged.
/// </summary>
public partial class ScopingMatrixTests
{
    /// <summary>Per account: the receivers it may have and those it may not (the regional analyst is of Helse Sør-Øst).</summary>
    private static readonly (string User, string[] Own, string[] Other)[] DeliveryReceivers =
    [
        ("koordinator", ["OUS"], ["AHUS", "HSO", "HB"]),
        // Limited to a unit: a delivery holds the whole HF's patients, so none.
        ("koordinator-kir", [], ["OUS", "HSO"]),
        ("koordinator-bergen", ["HB"], ["OUS", "HV"]),
        ("leder", ["OUS"], ["AHUS", "HSO", "HB"]),
        ("analytiker-region", ["HSO", "AHUS", "OUS"], ["HV", "SUS", "HB"]),
        ("analytiker-nasjonal", ["HSO", "HV", "SUS"], []),
        ("admin", [], ["OUS", "HSO"]),
    ];

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Deliver_EveryAccount_GetsItsOwnHfOrRhf_AndIsRefusedAnyOther(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        // September 2016: patients at AHUS and SIV (Sør-Øst) and SUS (Vest); one at OUS and one at HB added here.
        await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));
        await Cli.ImportAsync(db, EventsFiles.WriteRows($"o1,{TestPatients.Number(700)},OUS,A01A,2016-09-02,,", $"b1,{TestPatients.Number(701)},HB,A01A,2016-09-03,,"));
        await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct))
        {
            await LocalAccounts.AddDemoUsersAsync(store.Db, DateTime.UtcNow, ct);
            await LocalAccounts.AddAsync(store.Db, new Actor("koordinator-kir", "Kim Kirurg", Role.Coordinator, "OUS", [PersonDataScenario.Unit]), LocalAccounts.DemoPassword, DateTime.UtcNow, ct);
        }
        var folder = Directory.CreateTempSubdirectory("forlop-delivery-scope-").FullName;
        var failures = new List<string>();
        foreach (var (user, own, other) in DeliveryReceivers)
        {
            foreach (var (receiver, allowed) in own.Select(o => (o, true)).Concat(other.Select(o => (o, false))))
            {
                var file = Path.Combine(folder, $"{user}-{receiver}.csv");
                var before = await DeliveryLogEntriesAsync(db, user);
                var run = await Cli.RunAsync("deliver", "--db", db, "--month", "2016-09", receiver.Length == 3 && receiver.StartsWith('H') && receiver != "HB" ? "--rhf" : "--hf", receiver,
                    "--out", file, "--as", user);
                var logged = await DeliveryLogEntriesAsync(db, user) - before;
                var rows = File.Exists(file) ? (await File.ReadAllLinesAsync(file, ct)).Length - 1 : 0;
                if (allowed && (run.ExitCode != 0 || rows == 0 || logged != rows))
                {
                    failures.Add($"{user} → {receiver}: exit {run.ExitCode}, {rows} rows, {logged} logged ({run.Error.Trim()})");
                }
                if (!allowed && (run.ExitCode != 1 || File.Exists(file) || logged != 0 || !run.Error.Contains("may not receive", StringComparison.Ordinal)))
                {
                    failures.Add($"{user} → {receiver}: not refused (exit {run.ExitCode}, file {File.Exists(file)}, {logged} logged)");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<int> DeliveryLogEntriesAsync(string db, string user)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct);
        return await store.Db.AccessLog.CountAsync(e => e.User == user && e.What.StartsWith("delivery "), ct);
    }
}
