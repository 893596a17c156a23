using Forlop.App.Data;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Indicators;

/// <summary>`forlop import-new-cases`: the denominator of the inclusion indicator, with errors a person can act on.</summary>
public class ImportNewCasesTests
{
    private static async Task<List<string>> StoredAsync(string db)
    {
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        return (await context.NewCancerCases.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken))
            .OrderBy(c => c.Hf, StringComparer.Ordinal).ThenBy(c => c.From)
            .Select(c => FormattableString.Invariant($"{c.Hf} {c.From:yyyy-MM-dd}..{c.To:yyyy-MM-dd} {c.Count} {c.Source}")).ToList();
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_GoodRowsAreStoredAndBadOnesExplained(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var file = EventsFiles.Write(
            "Period,HF,Count\n" +                        // any order, any case
            "2016-T3,AHUS,40\n" +
            "2016-T3,HSO,9\n" +                          // an RHF
            "2016-09,AHUS,12\n" +                        // overlaps the row above
            "2016-T4,SIV,3\n" +                          // no such tertial
            "2016-T3,SIV,-1\n" +                         // negative
            "2016-T3,XYZ,1\n" +                          // unknown
            "2016,LDS,30\n");                            // an ideell hospital counts as an HF

        var run = await Cli.RunAsync("import-new-cases", "--db", db, file, "--source", "Kreftregisteret 2016");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("2 stored (0 replaced earlier figures), 5 rejected", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 3, hf: HSO is a regional health authority, not an HF", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 4, period: AHUS 2016-09 overlaps 2016-T3 on line 2 of the file", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 5, period: '2016-T4' is not a period", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 6, count: '-1' is not a whole number of zero or more", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 7, hf: 'XYZ' is not a known organisation", run.Output, StringComparison.Ordinal);
        Assert.Equal(["AHUS 2016-09-01..2016-12-31 40 Kreftregisteret 2016", "LDS 2016-01-01..2016-12-31 30 Kreftregisteret 2016"], await StoredAsync(db));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_SamePeriodAgainReplaces_AnOverlappingOneIsRefused(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        await Cli.RunAsync("import-new-cases", "--db", db, EventsFiles.Write("hf,period,count\nAHUS,2016-T3,40\n", "first"));

        var again = await Cli.RunAsync("import-new-cases", "--db", db, EventsFiles.Write("hf,period,count\nAHUS,2016-T3,42\n", "second"));
        var overlapping = await Cli.RunAsync("import-new-cases", "--db", db, EventsFiles.Write("hf,period,count\nAHUS,2016,120\n", "third"));

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("1 stored (1 replaced earlier figures)", again.Output, StringComparison.Ordinal);
        Assert.Equal(2, overlapping.ExitCode);
        Assert.Contains("AHUS 2016 overlaps the figures stored for 2016-09-01–2016-12-31 (from second.csv)", overlapping.Output, StringComparison.Ordinal);
        Assert.Equal(["AHUS 2016-09-01..2016-12-31 42 second.csv"], await StoredAsync(db));
    }

    [Theory]
    [InlineData("hf,period\nAHUS,2016\n", "the column 'count' is missing")]
    [InlineData("hf,period,count,note\nAHUS,2016,3,x\n", "unknown column 'note'")]
    [InlineData("hf,period,count\n", "the file has a header but no rows")]
    [InlineData("", "the file is empty")]
    public async Task Import_UnreadableFile_ExitsWithOneAndSaysWhy(string content, string message)
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

        var run = await Cli.RunAsync("import-new-cases", "--db", db, EventsFiles.Write(content));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Output, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(db));
    }
}
