using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Exports;

/// <summary>
/// Pathways treated at Helse Førde (FORDE, an HF with a Norwegian letter in its name) and one at OUS, worked out
/// from the standards: A12 OF4 surgery 35 days, A37 surgery 41. September 2016 at FORDE: A12 3 completed, 2 within
/// (66.7 %); A37 1 of 1 (100.0 %); all 4, 3 (75.0 %). June 2016 at FORDE: 1 of 1. September 2015 lies outside the
/// twelve months before September 2016.
/// </summary>
public static class ExportScenario
{
    private static string P(int i) => TestPatients.Number(500 + i);

    public static string EventsFile() => EventsFiles.WriteRows(
        // A12 at FORDE, surgery on day 32: within.
        $"f1,{P(1)},FORDE,A12A,2016-08-01,,", $"f2,{P(1)},FORDE,A12FK,2016-09-02,,",
        // A12 at FORDE, surgery on day 40: over.
        $"f3,{P(2)},FORDE,A12A,2016-08-01,,", $"f4,{P(2)},FORDE,A12FK,2016-09-10,,",
        // A12 at FORDE, surgery on day 33: within.
        $"f5,{P(3)},FORDE,A12A,2016-08-10,,", $"f6,{P(3)},FORDE,A12FK,2016-09-12,,",
        // A37 at FORDE, surgery on day 35 (limit 41): within.
        $"f7,{P(4)},FORDE,A37A,2016-08-01,,", $"f8,{P(4)},FORDE,A37FK,2016-09-05,,",
        // A12 at FORDE in June, day 31: within; the trend's only other month with figures.
        $"f9,{P(5)},FORDE,A12A,2016-05-01,,", $"f10,{P(5)},FORDE,A12FK,2016-06-01,,",
        // A12 at FORDE in September 2015, day 31: thirteen months before, not in the trend.
        $"f11,{P(6)},FORDE,A12A,2015-08-01,,", $"f12,{P(6)},FORDE,A12FK,2015-09-01,,",
        // A12 at OUS in September 2016, day 60: another HF, in no FORDE figure.
        $"o1,{P(7)},OUS,A12A,2016-08-01,,", $"o2,{P(7)},OUS,A12FK,2016-09-30,,");

    public static async Task<string> DatabaseAsync(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var import = await Cli.ImportAsync(db, EventsFile());
        Assert.True(import.ExitCode == 0, import.Error);
        return db;
    }

    /// <summary>A path for an output file in this run's folder of test files.</summary>
    public static string OutputFile(string extension) =>
        Path.Combine(Path.GetDirectoryName(EventsFiles.Write("", "folder-marker"))!, "out-" + Guid.NewGuid().ToString("N") + extension);
}
