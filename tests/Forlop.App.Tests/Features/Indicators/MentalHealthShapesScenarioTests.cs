using Forlop.App.Data;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Indicators;

/// <summary>
/// reference/pathways.md §2 (issue 10, item 4): the same mental-health patients imported once as the current shape
/// (type code with the start, then Volven 9377 event + 9379 outcome pairs) and once as the older prefixed codes give
/// the same figures for every indicator; standards that depend on the care setting are applied by the optional
/// `setting` column; the assessment indicator leaves out pathways whose condition was clear at the referral
/// assessment (a decision registered without a first attendance, old kodeveileder, ressursside.no/klinisk_beslutning.htm).
/// Real catalogue: D01 OF2 outpatient 21, inpatient 7, EV1 7, EV2 outpatient 56 / inpatient 42; D11 OF2 outpatient 42.
/// </summary>
public class MentalHealthShapesScenarioTests
{
    private static string P(int i) => TestPatients.Number(100 + i);

    // (record, patient, organisation, date, setting, prefixed code, current code, current outcome)
    private static readonly (string Record, int Patient, string Org, string Date, string Setting, string Prefixed, string Current, string Outcome)[] Rows =
    [
        // 1. TSB outpatient: assessed on day 21 (within 21); evaluations after 7 (within 7) and 56 days (within 56); ended.
        ("a1", 1, "SUS", "2024-01-08", "outpatient", "D01A", "D01", ""),
        ("a2", 1, "SUS", "2024-01-10", "outpatient", "D01S", "X9377S", ""),
        ("a3", 1, "SUS", "2024-01-31", "outpatient", "D01CT", "X9377C", "X9379CT"),
        ("a4", 1, "SUS", "2024-02-07", "outpatient", "D01E", "X9377E", ""),
        ("a5", 1, "SUS", "2024-04-03", "outpatient", "D01E", "X9377E", ""),
        ("a6", 1, "SUS", "2024-05-02", "outpatient", "D01X", "X9377X", "X9379X1"),
        // 2. TSB inpatient: assessed on day 8: over the inpatient 7 (the outpatient 21 would have held it within).
        ("b1", 2, "SUS", "2024-02-01", "inpatient", "D01A", "D01", ""),
        ("b2", 2, "SUS", "2024-02-05", "inpatient", "D01S", "X9377S", ""),
        ("b3", 2, "SUS", "2024-02-13", "inpatient", "D01CT", "X9377C", "X9379CT"),
        // 3. TSB, no setting sent: the outpatient standard applies; day 22 is over.
        ("c1", 3, "OUS", "2024-03-01", "", "D01A", "D01", ""),
        ("c2", 3, "OUS", "2024-03-04", "", "D01S", "X9377S", ""),
        ("c3", 3, "OUS", "2024-03-26", "", "D01CT", "X9377C", "X9379CT"),
        // 4. TSB, clear at the referral assessment: a decision without a first attendance, left out of the assessment share.
        ("d1", 4, "OUS", "2024-03-01", "outpatient", "D01A", "D01", ""),
        ("d2", 4, "OUS", "2024-03-01", "outpatient", "D01CT", "X9377C", "X9379CT"),
        // 5. PHV voksne: extended assessment (CU), then treatment decided (CP): two decisions; OF2 to the first, day 30 of 42.
        ("e1", 5, "AHUS", "2024-01-15", "outpatient", "D11A", "D11", ""),
        ("e2", 5, "AHUS", "2024-01-20", "outpatient", "D11S", "X9377S", ""),
        ("e3", 5, "AHUS", "2024-02-19", "outpatient", "D11CU", "X9377C", "X9379CU"),
        ("e4", 5, "AHUS", "2024-04-10", "outpatient", "D11CP", "X9377C", "X9379CP"),
        // 6. TSB transferred AHUS → OUS: the end with outcome "transferred" is a transfer; OUS continues the journey.
        ("f1", 6, "AHUS", "2024-05-02", "outpatient", "D01A", "D01", ""),
        ("f2", 6, "AHUS", "2024-05-06", "outpatient", "D01S", "X9377S", ""),
        ("f3", 6, "AHUS", "2024-05-10", "outpatient", "D01O", "X9377X", "X9379X2"),
        ("f4", 6, "OUS", "2024-05-14", "outpatient", "D01A", "D01", ""),
        ("f5", 6, "OUS", "2024-05-20", "outpatient", "D01CT", "X9377C", "X9379CT"),
        // 7. PHV barn og unge, still open at the end of the year.
        ("g1", 7, "HB", "2024-12-02", "outpatient", "D12A", "D12", ""),
    ];

    private static string File(bool current) =>
        "record_id,patient_id,organisation,code,date,outcome,setting\n" + string.Concat(Rows.Select(r =>
            $"{r.Record},{P(r.Patient)},{r.Org},{(current ? r.Current : r.Prefixed)},{r.Date},{(current ? r.Outcome : "")},{r.Setting}\n"));

    private static async Task<string> RegistryAsync(DatabaseKind kind, bool current)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var import = await Cli.ImportAsync(db, EventsFiles.Write(File(current)));
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        return db;
    }

    private static async Task<string> IndicatorAsync(string db, string id, string period, params string[] extra)
    {
        var run = await Cli.RunAsync(["indicator", id, "--db", db, "--period", period, "--format", "csv", .. extra]);
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Output;
    }

    private static IEnumerable<string> IndicatorIds() =>
        // The catalogue the program runs with is copied beside it (as BrokenCatalogueTests reads it).
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "catalog", "indicators"), "*.yaml")
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    /// <summary>The stored episodes and measured intervals, without ids (ids follow the row order, which is the same).</summary>
    private static async Task<List<string>> EpisodesAsync(string db)
    {
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var ct = TestContext.Current.CancellationToken;
        var episodes = (await context.Episodes.AsNoTracking().ToListAsync(ct))
            .Select(e => FormattableString.Invariant($"{e.Id} {e.Pathway} {e.Hf} {e.Unit} {e.StartDate:yyyy-MM-dd} {e.SeniorityDate:yyyy-MM-dd} {e.TransferredFromId} {e.State} {e.FirstAttendanceDate:yyyy-MM-dd} {e.DecisionDate:yyyy-MM-dd} {e.DecisionCode} {e.EndDate:yyyy-MM-dd} {e.EndCode} {e.NextDeadline:yyyy-MM-dd} {e.NextPoint} {e.Findings}"));
        var intervals = (await context.EpisodeIntervals.AsNoTracking().ToListAsync(ct))
            .Select(i => FormattableString.Invariant($"{i.EpisodeId} {i.Ordinal} {i.IntervalId} {i.FromDate:yyyy-MM-dd} {i.ToDate:yyyy-MM-dd} {i.Length} {i.StandardLimit} {i.Status} {i.Setting}"));
        return [.. episodes.Concat(intervals).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task BothShapes_GiveTheSameFiguresForEveryIndicator(DatabaseKind kind)
    {
        var prefixed = await RegistryAsync(kind, current: false);
        var current = await RegistryAsync(kind, current: true);

        // The same episodes, decision and end codes (the pathway's own), intervals and settings.
        var stored = await EpisodesAsync(current);
        Assert.Equal(await EpisodesAsync(prefixed), stored);
        Assert.Contains(stored, e => e.Contains(" D11CU ", StringComparison.Ordinal));
        Assert.Contains(stored, e => e.Contains(" transferred ", StringComparison.Ordinal) && e.Contains(" D01O ", StringComparison.Ordinal));

        var compared = 0;
        foreach (var id in IndicatorIds())
        {
            // The HF level's table ends with the nation's rows.
            foreach (var period in new[] { "2024", "2024-T2" })
            {
                var a = await IndicatorAsync(prefixed, id, period, "--level", "hf");
                Assert.Equal(a, await IndicatorAsync(current, id, period, "--level", "hf"));
                compared += a.Contains("\nD0", StringComparison.Ordinal) || a.Contains("\nD1", StringComparison.Ordinal) ? 1 : 0;
            }
        }
        // The mental-health indicators did count these patients (the comparison is not of empty tables).
        Assert.True(compared >= 6, $"only {compared} tables held mental-health figures");

        // Setting: 1 within outpatient 21; 2 over inpatient 7; 3 (no setting) over outpatient 21; 4 left out (no first
        // attendance); 6 within (first attendance at AHUS, decision at OUS 14 days later); D11 (5) within 42.
        Assert.Equal("pathway,level,organisation,count,numerator,share_pct,without_standard,completed\nD01,nation,,4,2,50.0,0,4\nD11,nation,,1,1,100.0,0,1\nALL,nation,,5,3,60.0,0,5\n",
            await IndicatorAsync(current, "assessed-within-standard", "2024"));
        Assert.Equal("pathway,level,organisation,count,numerator,share_pct,without_standard,completed\nD01,nation,,2,2,100.0,0,2\nALL,nation,,2,2,100.0,0,2\n",
            await IndicatorAsync(current, "evaluations-on-time", "2024"));
        // The transfer continues one journey: seven patients, seven pathways started in 2024 (not eight starts).
        var started = await IndicatorAsync(current, "started", "2024");
        Assert.True(started.EndsWith("ALL,nation,,7\n", StringComparison.Ordinal), started);
    }
}
