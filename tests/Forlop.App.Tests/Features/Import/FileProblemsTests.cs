using System.Text;
using Forlop.App.Data;
using Forlop.App.Features.Import;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Import;

/// <summary>Files that are broken in ways a sender's tools produce: a quote left open, a giant line, another encoding.</summary>
public class FileProblemsTests
{
    private static string P(int i) => TestPatients.Number(i);

    /// <summary>An unterminated quote is rejected on its own line; the rows after it are read, not swallowed.</summary>
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task UnterminatedQuote_IsRejectedOnItsLine_AndTheRowsAfterItAreStored(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var file = EventsFiles.WriteRows(
            $"r1,{P(1)},OUS,A01A,2016-09-01,,",
            $"r2,\"{P(2)},OUS,A01A,2016-09-01,,",
            $"r3,{P(3)},OUS,A01A,2016-09-01,,",
            $"r4,{P(4)},OUS,A01A,2016-09-01,,");

        var run = await Cli.ImportAsync(db, file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("3 accepted, 0 duplicates, 1 rejected", run.Output, StringComparison.Ordinal);
        Assert.Contains(run.OutputLines, l => l.Contains("line 3, ", StringComparison.Ordinal) && l.EndsWith("a quote is opened in this row and not closed before its end", StringComparison.Ordinal));
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        Assert.Equal([P(1), P(3), P(4)], (await context.Patients.Select(p => p.NationalId).ToListAsync(TestContext.Current.CancellationToken)).Order(StringComparer.Ordinal));
    }

    /// <summary>A line far past any real row is rejected with its length, and only its start is kept with the reason.</summary>
    [Fact]
    public async Task GiantLine_IsRejectedWithItsLength_AndNotStoredWhole()
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);
        var file = EventsFiles.WriteRows(
            $"r1,{P(1)},OUS,A01A,2016-09-01,,",
            $"r2,{P(2)},OUS,A01A,2016-09-01,{new string('x', 2_000_000)},",
            $"r3,{P(3)},OUS,A01A,2016-09-01,,");

        var run = await Cli.ImportAsync(db, file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("2 accepted, 0 duplicates, 1 rejected", run.Output, StringComparison.Ordinal);
        Assert.Contains(run.OutputLines, l => l.Contains("line 3, ", StringComparison.Ordinal) && l.EndsWith($"the row is 2000036 characters long; a row may have at most {EventsFile.MaxRowLength}", StringComparison.Ordinal));
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var kept = await context.RejectedRows.Select(r => r.RawText).SingleAsync(TestContext.Current.CancellationToken);
        Assert.True(kept.Length <= EventsFile.KeptRowText + 1, $"{kept.Length} characters of the line were stored");
    }

    /// <summary>Each encoding is named, the file refused whole (exit 1) before any row is stored.</summary>
    [Theory]
    [InlineData("utf-16le-bom", "UTF-16 little-endian text, not UTF-8")]
    [InlineData("utf-16le", "UTF-16 little-endian (without byte-order mark) text, not UTF-8")]
    [InlineData("utf-16be", "UTF-16 big-endian (without byte-order mark) text, not UTF-8")]
    [InlineData("latin-1", "it looks like ISO-8859-1 / Windows-1252 (latin-1)")]
    public async Task FileInAnotherEncoding_IsRefused_NamingTheEncoding(string encoding, string named)
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);
        var text = EventsFiles.Header + "\n" + $"r1,{P(1)},OUS,A01A,2016-09-01,,\n" + $"r2,{P(2)},OUS,A01A,2016-09-01,,\n";
        byte[] bytes = encoding switch
        {
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "utf-16le" => Encoding.Unicode.GetBytes(text),
            "utf-16be" => Encoding.BigEndianUnicode.GetBytes(text),
            _ => Encoding.Latin1.GetBytes(text.Replace("OUS,A01A,2016-09-01,,\n" + "r2", "OUS,A01A,2016-09-01,,\nr2", StringComparison.Ordinal) + "r3,Ø,OUS,A01A,2016-09-01,,\n"),
        };
        var path = EventsFiles.Write("");
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        var run = await Cli.ImportAsync(db, path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(named, run.Output + run.Error, StringComparison.Ordinal);
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        Assert.Equal(0, await context.Events.CountAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>A 64 MB line costs the import next to nothing: read past in blocks, never held (EventsFileLines).</summary>
[Collection(AloneInTheProcess.Name)]
public class GiantLineMemoryTests
{
    private const int LineLength = 64 * 1024 * 1024;

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A64MegabyteLine_BetweenValidRows_IsRejectedByNumber_AndAllocatesFarLessThanItsSize(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        string Row(int i) => $"r{i},{TestPatients.Number(i)},OUS,A01A,2016-09-01,,";
        var withoutLine = EventsFiles.WriteRows(Row(1), Row(2), Row(4), Row(5));
        var withLine = EventsFiles.Write("");
        await using (var writer = new StreamWriter(withLine, append: false, new System.Text.UTF8Encoding(false)))
        {
            await writer.WriteAsync($"{EventsFiles.Header}\n{Row(1)}\n{Row(2)}\nr3,{TestPatients.Number(3)},OUS,A01A,2016-09-01,");
            var block = new string('x', 1 << 20);
            for (var written = 0; written < LineLength; written += block.Length)
            {
                await writer.WriteAsync(block);
            }
            await writer.WriteAsync($",\n{Row(4)}\n{Row(5)}\n");
        }
        // The same rows without the line first: what an import of them costs, the JIT and EF's model warmed up.
        var baseline = await AllocatedByImportAsync(kind, withoutLine);

        var (import, allocated, db) = await ImportMeasuredAsync(kind, withLine);

        Assert.Equal(2, import.ExitCode);
        Assert.Contains("4 accepted, 0 duplicates, 1 rejected", import.Output, StringComparison.Ordinal);
        Assert.Contains(import.OutputLines, l => l.Contains("line 4, ", StringComparison.Ordinal)
            && l.EndsWith($"the row is {LineLength + 36} characters long; a row may have at most {EventsFile.MaxRowLength}", StringComparison.Ordinal));
        // Before EventsFileLines CsvHelper held the line several times over: about 11 times its size.
        Assert.True(allocated - baseline < LineLength / 8, $"the import allocated {allocated:N0} bytes, {baseline:N0} without the line");
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        Assert.Equal(4, await context.Events.CountAsync(ct));
        var kept = await context.RejectedRows.Select(r => r.RawText).SingleAsync(ct);
        Assert.Equal(EventsFile.KeptRowText + 1, kept.Length);
    }

    private static async Task<long> AllocatedByImportAsync(DatabaseKind kind, string file) => (await ImportMeasuredAsync(kind, file)).Allocated;

    private static async Task<(Cli.Run Import, long Allocated, string Db)> ImportMeasuredAsync(DatabaseKind kind, string file)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var import = await Cli.ImportAsync(db, file);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (import, allocated, db);
    }
}

