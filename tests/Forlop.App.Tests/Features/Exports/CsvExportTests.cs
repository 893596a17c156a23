using System.Globalization;
using System.Text;
using CsvHelper;
using Forlop.App.Features.Exports;

namespace Forlop.App.Tests.Features.Exports;

public class CsvExportTests
{
    [Fact]
    public void Csv_StartsWithTheUtf8ByteOrderMark()
    {
        var bytes = CsvExport.ToBytes(ExportTables.EveryKind());

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
    }

    [Fact]
    public void Csv_ReadBack_GivesEveryValueInvariantAndTheNorwegianLetters()
    {
        // A Norwegian server writes decimal commas by default: the file must not.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nb-NO");
        byte[] bytes;
        try
        {
            bytes = CsvExport.ToBytes(ExportTables.EveryKind());
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        var rows = ReadBack(bytes);

        Assert.Equal(["hf", "completed", "share_within_pct", "first_start"], rows[0]);
        Assert.Equal(["Helse Førde HF, \"vest\"", "1234", "66.7", "2016-09-30"], rows[1]);
        // Suppressed and empty cells are both empty fields, as in the interchange contract's public report.
        Assert.Equal(["Sykehuset Østfold HF", "", "", ""], rows[2]);
        Assert.Equal(["Ålesund", "0", "100.0", "2016-01-01"], rows[3]);
        Assert.Equal(["Alle", "1240", "5.5", ""], rows[4]);
        Assert.Equal(5, rows.Count);
    }

    [Fact]
    public void Csv_QuotesTheFieldHoldingACommaAndEndsLinesWithCrLf()
    {
        var text = Encoding.UTF8.GetString(CsvExport.ToBytes(ExportTables.EveryKind())).TrimStart('\uFEFF');

        Assert.StartsWith("hf,completed,share_within_pct,first_start\r\n\"Helse Førde HF, \"\"vest\"\"\",1234,66.7,2016-09-30\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NorwegianExcelCsv_HasBomSemicolonsDecimalCommasAndNorwegianHeadings()
    {
        var bytes = CsvExport.ToNorwegianExcelBytes(ExportTables.EveryKind());
        var text = Encoding.UTF8.GetString(bytes[3..]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(
            "Helseforetak;Gjennomført;Andel innenfor standard;Første start\r\n" +
            // A comma is no separator here: the name needs no quotes for it, only for its quotes.
            "\"Helse Førde HF, \"\"vest\"\"\";1234;66,7;30.09.2016\r\n" +
            // Hidden cells show the mark the Excel file uses, not an empty cell a reader takes for zero.
            "Sykehuset Østfold HF;–;–;\r\n" +
            "Ålesund;0;100,0;01.01.2016\r\n" +
            "Alle;1240;5,5;\r\n", text);
    }

    [Fact]
    public void NorwegianExcelCsv_ReadWithSemicolons_GivesOneColumnPerField()
    {
        var rows = ReadBack(CsvExport.ToNorwegianExcelBytes(ExportTables.EveryKind()), ";");

        Assert.All(rows, r => Assert.Equal(ExportTables.Columns.Length, r.Length));
        Assert.Equal("Helse Førde HF, \"vest\"", rows[1][0]);
    }

    public static List<string[]> ReadBack(byte[] bytes, string delimiter = ",")
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }
        return rows;
    }
}
