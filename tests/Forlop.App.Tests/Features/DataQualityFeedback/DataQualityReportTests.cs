using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.DataQualityFeedback;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Access;
using NodaTime;
using NodaTime.Testing;

namespace Forlop.App.Tests.Features.DataQuality;

/// <summary>An HF's data-quality report, on SQLite and PostgreSQL: missing points, inactive open episodes, corrections.</summary>
public class DataQualityReportTests
{
    private static string P(int i) => TestPatients.Number(i);

    /// <summary>
    /// AHUS with its unit AHUS-KIR, and SIV. A12's longest standard is 39 days (OF4 radiotherapy); A16 has none.
    /// </summary>
    private static async Task<string> RegistryAsync(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        await Cli.RunAsync("add-unit", "AHUS-KIR", "--db", db, "--hf", "AHUS", "--name", "Kirurgisk klinikk");
        var import = await Cli.ImportAsync(db, EventsFiles.WriteRows(
            // 1. A decision without a first attendance (a finding); open, last event 2016-09-20.
            $"a1,{P(1)},AHUS,A12A,2016-09-01,,", $"a2,{P(1)},AHUS,A12CK,2016-09-19,,",
            // 2. At the unit: open, last event 2016-10-01; its first attendance corrected (a correction).
            $"b1,{P(2)},AHUS-KIR,A12A,2016-09-01,,", $"b2,{P(2)},AHUS-KIR,A12S,2016-09-05,,", $"b3,{P(2)},AHUS-KIR,A12CK,2016-10-01,,",
            $"b4,{P(2)},AHUS-KIR,A12S,2016-09-06,b2,",
            // 6. At the unit: a start sent and withdrawn (a withdrawal); no episode is left.
            $"f1,{P(6)},AHUS-KIR,A12A,2016-09-01,,", $"f2,{P(6)},AHUS-KIR,,,f1,true",
            // 3. Treated without decision or first attendance: two findings, but closed.
            $"c1,{P(3)},AHUS,A12A,2016-09-01,,", $"c2,{P(3)},AHUS,A12FK,2016-10-01,,",
            // 4. A16 has no standard time: open, but cannot be judged.
            $"d1,{P(4)},AHUS,A16A,2016-09-01,,",
            // 5. SIV, another HF: its correction and open episode are not AHUS's.
            $"e1,{P(5)},SIV,A12A,2016-09-01,,", $"e2,{P(5)},SIV,A12A,2016-09-02,e1,"));
        Assert.True(import.ExitCode == 0, import.Output);
        return db;
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Service_OnADay_ListsMissingPointsInactiveEpisodesAndCorrectionsOfTheHfAndItsUnits(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await RegistryAsync(kind);
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var catalogue = CatalogueFiles.LoadPathways(CatalogueFiles.ResolveDirectory());
        var organisations = await RegistryStore.LoadOrganisationsAsync(context, ct);
        // 2016-11-09: 50 days after patient 1's last event (over 39), 39 after patient 2's (not over).
        var clock = new FakeClock(Instant.FromUtc(2016, 11, 9, 12, 0));
        var lead = new Actor("kari", "Kari Nordmann", Role.ClinicalLead, "AHUS", []);

        var report = (await new DataQualityReport(context, catalogue, organisations, clock).ForHfAsync(lead, "AHUS", null, ct)).Report!;

        // Patient 1 (no first attendance) and patient 3 (neither decision nor first attendance).
        Assert.Equal(["A12 1", "A12 2"], report.MissingPoints.Select(e => $"{e.Pathway} {e.Findings}"));
        var inactive = Assert.Single(report.Inactive);
        Assert.Equal(("AHUS", new LocalDate(2016, 9, 19), 51, 39), (inactive.Episode.Unit, inactive.Episode.LastEventDate, inactive.DaysWithoutActivity, inactive.AllowedDays));
        Assert.Equal(1, report.OpenWithoutStandard);
        Assert.Equal((1, 1), (report.Corrections, report.Withdrawals));
    }

    [Theory]
    [InlineData(Role.Coordinator, "SIV", false)]        // a coordinator of another HF
    [InlineData(Role.RegionalAnalyst, "HV", false)]     // another region
    [InlineData(Role.RegionalAnalyst, "HSO", true)]     // AHUS's region
    [InlineData(Role.Administrator, "", false)]         // no figures
    [InlineData(Role.NationalAnalyst, "", true)]
    public async Task Service_ActorWhoMayNotSeeTheHfsFigures_IsRefused(Role role, string organisation, bool allowed)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        await Cli.ImportAsync(db, EventsFiles.WriteRows($"a1,{P(1)},AHUS,A12A,2016-09-01,,"));
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var service = new DataQualityReport(context, CatalogueFiles.LoadPathways(CatalogueFiles.ResolveDirectory()),
            await RegistryStore.LoadOrganisationsAsync(context, ct), new FakeClock(Instant.FromUtc(2016, 11, 9, 12, 0)));

        var outcome = await service.ForHfAsync(new Actor("x", "X", role, organisation, []), "AHUS", null, ct);

        Assert.Equal(allowed, outcome.Report is not null);
        Assert.Equal(allowed, outcome.Refusal is null);
    }

    [Fact]
    public async Task Command_PrintsTheReportAndRefusesWhatIsNotAnHf()
    {
        var db = await RegistryAsync(DatabaseKind.Sqlite);

        var run = await Cli.RunAsync("data-quality", "--db", db, "--hf", "AHUS");
        var region = await Cli.RunAsync("data-quality", "--db", db, "--hf", "HSO");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Data quality of AHUS (Akershus universitetssykehus HF)", run.Output, StringComparison.Ordinal);
        Assert.Contains("episodes missing points: 2", run.Output, StringComparison.Ordinal);
        // Years have passed since 2016: both open A12 episodes are inactive now.
        Assert.Contains("open episodes with no activity for longer than the pathway allows: 2", run.Output, StringComparison.Ordinal);
        Assert.Contains("(the pathway allows 39)", run.Output, StringComparison.Ordinal);
        Assert.Contains("corrections: 1, withdrawals: 1", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, region.ExitCode);
        Assert.Contains("'HSO' is not an HF", region.Error, StringComparison.Ordinal);
    }
}
