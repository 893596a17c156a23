using System.Text;
using Forlop.App.Features.Import;
using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Import;

/// <summary>EventsFileLines: each line reaches CsvHelper whole and closed, or is refused by its number; the lines after it are rows.</summary>
public class EventsFileLinesTests
{
    private static string P(int i) => TestPatients.Number(i);

    private static List<EventsFileRow> Read(string text) =>
        [.. EventsFile.ReadRows(new MemoryStream(new UTF8Encoding(false).GetBytes(text)))];

    [Theory]
    // A quoted field may hold the delimiter and doubled quotes: passed on and read.
    [InlineData("r2,\"{0}\",OUS,A01A,2016-09-01,,", null)]
    [InlineData("r2,{0},\"OUS\",\"A01A\",2016-09-01,\"\"\"\",", null)]
    // Quote opened and not closed: it would swallow the next row.
    [InlineData("r2,\"{0},OUS,A01A,2016-09-01,,", "a quote is opened in this row and not closed before its end")]
    // An even number of quotes can still leave one open: a stray quote mid-field opens nothing, the next one does.
    [InlineData("r2,{0}x\"y,\"OUS,A01A,2016-09-01,,", "a quote is opened in this row and not closed before its end")]
    // A stray quote mid-field alone opens nothing: that line is refused, not the one after it (CsvHelper finds it late).
    [InlineData("r2,{0}x\"y,OUS,A01A,2016-09-01,,", "the row's quotes are not closed or misplaced")]
    public void ALine_IsReadOrRefusedOnItsOwn_AndTheRowAfterItIsRead(string line, string? problem)
    {
        var rows = Read(EventsFiles.Header + "\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, line, P(2)) + "\n" + $"r3,{P(3)},OUS,A01A,2016-09-01,,\n");

        Assert.Equal([2, 3], rows.Select(r => r.Line));
        Assert.Equal(problem, rows[0].Problem);
        Assert.Equal((null, "r3"), (rows[1].Problem, rows[1].Fields?.RecordId));
    }

    [Fact]
    public void LineEndings_CrLfLfAndCr_EachEndOneLine_SoRowsKeepTheirLineNumbers()
    {
        var rows = Read(EventsFiles.Header + "\r\n" + $"r2,{P(2)},OUS,A01A,2016-09-01,,\r" + $"r3,{P(3)},OUS,A01A,2016-09-01,,\n" + "\r\n" + $"r5,{P(5)},OUS,A01A,2016-09-01,,");

        Assert.Equal([(2, "r2"), (3, "r3"), (5, "r5")], rows.Select(r => (r.Line, r.Fields!.RecordId)));
    }

    [Fact]
    public void ALineLongerThanTheLimit_IsRefusedWithItsLength_KeepingOnlyItsStart()
    {
        var rows = Read(EventsFiles.Header + "\n" + $"r2,{P(2)},OUS,A01A,2016-09-01,{new string('x', 100_000)},\n" + $"r3,{P(3)},OUS,A01A,2016-09-01,,\n");

        Assert.Equal([2, 3], rows.Select(r => r.Line));
        Assert.Equal($"the row is 100036 characters long; a row may have at most {EventsFile.MaxRowLength}", rows[0].Problem);
        Assert.Equal(EventsFile.KeptRowText + 1, rows[0].RawText.Length);
        Assert.StartsWith($"r2,{P(2)},OUS", rows[0].RawText, StringComparison.Ordinal);
        Assert.Equal("r3", rows[1].Fields!.RecordId);
    }

    [Fact]
    public void AHeaderLongerThanTheLimit_RefusesTheFile_OnLine1()
    {
        var e = Assert.Throws<EventsFileException>(() => Read(EventsFiles.Header + new string(' ', EventsFile.MaxRowLength) + "\n" + $"r2,{P(2)},OUS,A01A,2016-09-01,,\n"));

        Assert.StartsWith("line 1: the row is ", e.Message, StringComparison.Ordinal);
    }
}
